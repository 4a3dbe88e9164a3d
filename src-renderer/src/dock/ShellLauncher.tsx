import { useState } from 'react';
import type { Pod } from '@shared/pod-types';
import { sessionTitle } from './dock-sessions';
import { useDock } from './DockProvider';

/** A pod page's Shell tab: picks a container and a shell and opens the session in the dock. */
export function ShellLauncher({ pod }: { pod: Pod }) {
  const { state, open, activate } = useDock();
  const running = (pod.status?.containerStatuses ?? []).filter((s) => s.state.running).map((s) => s.name);
  const [container, setContainer] = useState(running[0] ?? '');
  const [shell, setShell] = useState('auto');
  const name = pod.metadata.name ?? '';
  const namespace = pod.metadata.namespace ?? 'default';
  if (running.length === 0)
    return <p className="hint">No container of this pod is running: a shell needs one.</p>;
  const mine = state.sessions.filter(
    (s) => s.kind === 'shell' && s.pod === name && s.namespace === namespace,
  );
  return (
    <div className="shells">
      <div className="log-toolbar">
        {running.length > 1 && (
          <select
            aria-label="Shell container"
            value={container}
            onChange={(e) => setContainer(e.target.value)}
          >
            {running.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        )}
        <select aria-label="Shell" value={shell} onChange={(e) => setShell(e.target.value)}>
          <option value="auto">bash if there, else sh</option>
          <option value="bash">bash</option>
          <option value="sh">sh</option>
        </select>
        <button
          type="button"
          onClick={() =>
            open({ kind: 'shell', namespace, pod: name, container: container || running[0]!, shell })
          }
        >
          New shell
        </button>
      </div>
      <p className="hint">Shells open in the dock below and stay open while you move around the app.</p>
      {mine.length > 0 && (
        <ul className="plain-list" aria-label="Open shells">
          {mine.map((s) => (
            <li key={s.id}>
              <button type="button" className="link-button" onClick={() => activate(s.id)}>
                Show {sessionTitle(s)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
