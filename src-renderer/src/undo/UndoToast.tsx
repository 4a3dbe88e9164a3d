import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { UNDO_SECONDS } from './deletion-notice';

/** A deletion that can be taken back for a few seconds. `restore` holds the only copy of the object. */
export interface PendingUndo {
  /** e.g. "deployment web" */
  what: string;
  restore: (signal: AbortSignal) => Promise<void>;
}

type ToastState =
  | { phase: 'offered'; undo: PendingUndo }
  | { phase: 'restoring'; what: string }
  | { phase: 'restored'; what: string }
  | { phase: 'failed'; what: string; message: string };

const OfferUndo = createContext<((undo: PendingUndo) => void) | undefined>(undefined);

/** Views call this after a delete that Kubernetes lets us take back. */
export function useOfferUndo(): (undo: PendingUndo) => void {
  const offer = useContext(OfferUndo);
  if (!offer) throw new Error('useOfferUndo outside UndoProvider');
  return offer;
}

const RESTORED_NOTICE_MS = 4000;

/**
 * Holds the last deletion's undo for UNDO_SECONDS and shows it as a toast. A newer deletion replaces it; when
 * the toast goes, so does the kept object (a Secret's values included), and unmounting stops timers and a
 * restore in progress.
 */
export function UndoProvider({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<ToastState | undefined>();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const restoring = useRef<AbortController | undefined>(undefined);

  const closeAfter = useCallback((ms: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setToast(undefined), ms);
  }, []);
  const offer = useCallback(
    (undo: PendingUndo) => {
      restoring.current?.abort();
      setToast({ phase: 'offered', undo });
      closeAfter(UNDO_SECONDS * 1000);
    },
    [closeAfter],
  );
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      restoring.current?.abort();
    },
    [],
  );

  const runUndo = (undo: PendingUndo) => {
    clearTimeout(timer.current);
    const controller = new AbortController();
    restoring.current = controller;
    setToast({ phase: 'restoring', what: undo.what });
    undo.restore(controller.signal).then(
      () => {
        if (controller.signal.aborted) return;
        setToast({ phase: 'restored', what: undo.what });
        closeAfter(RESTORED_NOTICE_MS);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setToast({
          phase: 'failed',
          what: undo.what,
          message: err instanceof Error ? err.message : String(err),
        });
      },
    );
  };
  const dismiss = () => {
    clearTimeout(timer.current);
    restoring.current?.abort();
    setToast(undefined);
  };

  return (
    <OfferUndo.Provider value={offer}>
      {children}
      {toast && (
        <div className="toast" role="status" aria-label="Undo deletion">
          {toast.phase === 'offered' && (
            <>
              <span>Deleted {toast.undo.what} —</span>
              <button
                type="button"
                aria-label={`Undo deleting ${toast.undo.what}`}
                onClick={() => runUndo(toast.undo)}
              >
                Undo
              </button>
            </>
          )}
          {toast.phase === 'restoring' && <span>Creating {toast.what} again…</span>}
          {toast.phase === 'restored' && <span>Restored {toast.what}.</span>}
          {toast.phase === 'failed' && (
            <span role="alert">
              Could not restore {toast.what}: {toast.message}
            </span>
          )}
          {toast.phase !== 'restoring' && (
            <button type="button" className="link-button" aria-label="Dismiss this notice" onClick={dismiss}>
              ×
            </button>
          )}
        </div>
      )}
    </OfferUndo.Provider>
  );
}
