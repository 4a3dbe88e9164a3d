import { useEffect, useRef, useState } from 'react';
import { useSkiff } from '../state/skiff-context';
import { importCompose, type ComposeImport } from './compose-import-api';

const LEVEL_TEXT = { mapped: 'Mapped', changed: 'Changed', dropped: 'Left out' } as const;

/**
 * Import a docker-compose.yml: paste it or pick the file, preview the Kubernetes objects and what each Compose
 * field became (or why it could not), then apply into the namespace.
 */
export function ComposeImportDialog({ namespace, onClose }: { namespace: string; onClose: () => void }) {
  const { client } = useSkiff();
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<ComposeImport>();
  const [applied, setApplied] = useState<ComposeImport>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => dialog.current?.focus(), []);

  const run = async (dryRun: boolean) => {
    setBusy(true);
    setError('');
    try {
      const answer = await importCompose(client, namespace || 'default', text, dryRun);
      if (dryRun) {
        setPreview(answer);
        setApplied(undefined);
      } else setApplied(answer);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const shown = applied ?? preview;
  return (
    <div className="modal-backdrop">
      <div
        role="dialog"
        aria-modal="true"
        aria-label="Import Compose file"
        className="modal compose-import"
        ref={dialog}
        tabIndex={-1}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      >
        <h2>Import Compose file</h2>
        <p className="hint">
          Paste a <code>docker-compose.yml</code> or pick it. The preview lists the Kubernetes objects it
          becomes in <strong>{namespace || 'default'}</strong> and what each Compose field turned into.
        </p>
        <label>
          Compose file{' '}
          <input
            type="file"
            accept=".yml,.yaml"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file)
                void file.text().then((t) => {
                  setText(t);
                  setPreview(undefined);
                });
            }}
          />
        </label>
        <textarea
          aria-label="Compose YAML"
          rows={12}
          value={text}
          spellCheck={false}
          onChange={(e) => {
            setText(e.target.value);
            setPreview(undefined);
          }}
        />
        <div className="compose-actions">
          <button type="button" onClick={() => void run(true)} disabled={busy || !text.trim()}>
            Preview
          </button>
          <button type="button" onClick={() => void run(false)} disabled={busy || !preview || !!applied}>
            Apply
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
        {error && (
          <p role="alert" className="error-notice">
            {error}
          </p>
        )}
        {shown && (
          <>
            <h3>{applied ? 'Applied' : 'Objects'}</h3>
            <ul aria-label="Compose objects">
              {shown.results.map((r) => (
                <li
                  key={`${r.kind}/${r.name}`}
                  className={r.outcome === 'refused' ? 'pod-status-warn' : 'ok'}
                >
                  {r.kind} {r.name}: {r.outcome}
                  {r.message ? ` — ${r.message}` : ''}
                </li>
              ))}
            </ul>
            <h3>How each part maps</h3>
            <ul aria-label="Compose mappings">
              {shown.notes.map((n, i) => (
                <li key={i} className={n.level === 'dropped' ? 'pod-status-warn' : undefined}>
                  <strong>{LEVEL_TEXT[n.level]}</strong> <code>{n.field}</code>: {n.text}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
