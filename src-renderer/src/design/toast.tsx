import { X } from 'lucide-react';
import { useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { ToastStore, type ToastInput } from './toast-store';

const store = new ToastStore();
let mounted = false;

/** Says an action's result in a toast (role=status, so screen readers read it). */
export function toast(input: ToastInput): void {
  if (!mounted && typeof document !== 'undefined') {
    mounted = true;
    const host = document.createElement('div');
    host.className = 'toast-host';
    document.body.append(host);
    createRoot(host).render(<Toasts />);
  }
  store.show(input);
}

function Toasts() {
  const toasts = useSyncExternalStore(
    (fn) => store.subscribe(fn),
    () => store.current(),
  );
  return (
    <div className="toast-stack" role="region" aria-label="Notifications">
      {toasts.map((t) => (
        <div
          key={t.id}
          className={`toast-item toast-${t.tone ?? 'ok'}`}
          role={t.tone === 'danger' ? 'alert' : 'status'}
        >
          <span>{t.message}</span>
          {t.undo && (
            <button
              type="button"
              className="btn btn-ghost btn-sm toast-undo"
              onClick={() => {
                store.dismiss(t.id);
                void t.undo!.run();
              }}
            >
              {t.undo.label ?? 'Undo'}
            </button>
          )}
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            aria-label="Dismiss notification"
            onClick={() => store.dismiss(t.id)}
          >
            <X size={14} aria-hidden="true" />
          </button>
        </div>
      ))}
    </div>
  );
}
