import { useCallback, useState } from 'react';

/**
 * Which row's object a list view shows below its table, and whether it was opened by the row's "Logs" button:
 * `logsAsked(uid)` is a number that changes on every such click for that object (0 when opened another way),
 * so asking twice for the same object still brings its logs back into view.
 */
export function useRowSelection() {
  const [selected, setSelected] = useState<string | undefined>();
  const [asked, setAsked] = useState<{ uid: string | undefined; n: number }>();
  // stable, so table columns that call them need not be rebuilt
  const open = useCallback((uid: string | undefined) => {
    setSelected(uid);
    setAsked(undefined);
  }, []);
  const openLogs = useCallback((uid: string | undefined) => {
    setSelected(uid);
    setAsked((previous) => ({ uid, n: (previous?.n ?? 0) + 1 }));
  }, []);
  const logsAsked = (uid: string | undefined) => (asked && asked.uid === uid ? asked.n : 0);
  return { selected, open, openLogs, logsAsked };
}
