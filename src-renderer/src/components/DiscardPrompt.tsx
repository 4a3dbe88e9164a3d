import { useEffect, useRef } from 'react';
import { Button } from '../design/Button';

/** "Discard your edits?" in place of a dialog's buttons: Keep editing is the default, focused. */
export function DiscardPrompt({
  what,
  onDiscard,
  onKeep,
}: {
  what: string;
  onDiscard: () => void;
  onKeep: () => void;
}) {
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  return (
    <div role="alertdialog" aria-label="Discard edits?" className="discard-prompt">
      <span>Your edits to {what} are not saved.</span>
      <Button variant="danger" onClick={onDiscard}>
        Discard edits
      </Button>
      <Button variant="secondary" onClick={onKeep} ref={keep}>
        Keep editing
      </Button>
    </div>
  );
}
