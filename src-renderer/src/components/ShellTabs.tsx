import { useState } from 'react';
import type { Pod } from '@shared/pod-types';
import { Terminal } from './Terminal';

interface Session {
  id: number;
  container: string;
  shell: string;
}

/** Several shells into a pod's running containers, each in a tab; closing a tab ends its session. */
export function ShellTabs({ pod }: { pod: Pod }) {
  const running = (pod.status?.containerStatuses ?? []).filter((s) => s.state.running).map((s) => s.name);
  const [container, setContainer] = useState(running[0] ?? '');
  const [shell, setShell] = useState('auto');
  const [sessions, setSessions] = useState<Session[]>([]);
  const [active, setActive] = useState<number | undefined>();
  const [next, setNext] = useState(1);
  if (running.length === 0)
    return <p className="hint">No container of this pod is running: a shell needs one.</p>;
  const open = () => {
    setSessions([...sessions, { id: next, container: container || running[0]!, shell }]);
    setActive(next);
    setNext(next + 1);
  };
  const close = (id: number) => {
    const rest = sessions.filter((s) => s.id !== id);
    setSessions(rest);
    if (active === id) setActive(rest.at(-1)?.id);
  };
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
        <button type="button" onClick={open}>
          New shell
        </button>
      </div>
      <div role="tablist" className="tabs" aria-label="Shells">
        {sessions.map((s) => (
          <span key={s.id} className="shell-tab">
            <button type="button" role="tab" aria-selected={active === s.id} onClick={() => setActive(s.id)}>
              Shell {s.id} ({s.container})
            </button>
            <button type="button" aria-label={`Close shell ${s.id}`} onClick={() => close(s.id)}>
              ×
            </button>
          </span>
        ))}
      </div>
      {sessions.map((s) => (
        // every open shell stays mounted (and connected); only the active one shows
        <div key={s.id} role="tabpanel" hidden={active !== s.id} aria-label={`Shell ${s.id}`}>
          <Terminal
            namespace={pod.metadata.namespace ?? 'default'}
            pod={pod.metadata.name ?? ''}
            container={s.container}
            shell={s.shell}
          />
        </div>
      ))}
    </div>
  );
}
