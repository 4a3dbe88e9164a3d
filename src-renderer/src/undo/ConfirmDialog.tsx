import { useEffect, useId, useRef, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import type { DeletionNotice } from './deletion-notice';

/**
 * The one confirmation every destructive action goes through: a modal dialog that says what goes and what
 * follows, and, for what cannot be undone at scale (a namespace), wants the name typed first.
 */
export function ConfirmDialog({
  notice,
  actionLabel,
  onConfirm,
  onClose,
}: {
  notice: DeletionNotice;
  /** The confirm button's accessible name, e.g. "Delete deployment web". */
  actionLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const [typed, setTyped] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);
  const nameMatches = notice.typeToConfirm === undefined || typed === notice.typeToConfirm;
  const confirm = async () => {
    setPending(true);
    setError(undefined);
    try {
      await onConfirm();
      onClose();
    } catch (err) {
      setError(err);
      setPending(false);
    }
  };
  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(e) => {
        e.preventDefault();
        if (!pending) onClose();
      }}
    >
      <h2 id={titleId}>{notice.question}</h2>
      <div id={bodyId}>
        <p>{notice.consequence}</p>
        <p className={notice.undoable ? 'muted' : 'pod-status-warn'}>{notice.undoNote}</p>
      </div>
      {notice.typeToConfirm !== undefined && (
        <label className="confirm-name">
          Type <code>{notice.typeToConfirm}</code> to confirm
          <input
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            aria-label={`Type ${notice.typeToConfirm} to confirm`}
            autoComplete="off"
          />
        </label>
      )}
      <ErrorNotice error={error} />
      <div className="dialog-actions">
        <button type="button" onClick={onClose} disabled={pending} autoFocus>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          aria-label={actionLabel}
          disabled={pending || !nameMatches}
          onClick={() => void confirm()}
        >
          {pending ? 'Deleting…' : 'Delete'}
        </button>
      </div>
    </dialog>
  );
}
