import { useCallback, useState } from 'react';

const PREFIX = 'skiff.draft.';

/** A text kept for the session (sessionStorage): leaving the view, or reloading, does not lose it. */
export function useDraft(key: string, initial: string): [string, (text: string) => void] {
  const [text, setText] = useState(() => read(key) ?? initial);
  const update = useCallback(
    (next: string) => {
      setText(next);
      try {
        if (next === initial) sessionStorage.removeItem(PREFIX + key);
        else sessionStorage.setItem(PREFIX + key, next);
      } catch {
        // storage full or off: the draft lives as long as the view
      }
    },
    [key, initial],
  );
  return [text, update];
}

function read(key: string): string | undefined {
  try {
    return sessionStorage.getItem(PREFIX + key) ?? undefined;
  } catch {
    return undefined;
  }
}
