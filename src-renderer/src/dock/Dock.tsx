import { ChevronDown, ChevronUp, X } from 'lucide-react';
import './dock.css';
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { Pod } from '@shared/pod-types';
import { podType } from '@shared/resource-types';
import { useKubeList } from '../api/use-kube-list';
import { LogViewer } from '../components/LogViewer';
import { Terminal } from '../components/Terminal';
import { clampDockHeight, sessionTitle, type DockSession } from './dock-sessions';
import { useDock } from './DockProvider';

const HEIGHT_KEY = 'skiff.dock.height';
const STEP = 24;

function DockLogs({ session }: { session: DockSession }) {
  const pods = useKubeList<Pod>(podType, session.namespace);
  const pod = (pods.data?.items ?? []).find((p) => p.metadata.name === session.pod);
  if (!pod) return <p className="hint">Pod {session.pod} is not there (any more).</p>;
  return <LogViewer pods={[pod]} />;
}

/**
 * The bottom dock: shells and logs in tabs that stay open across navigation. Resizable by its top edge (drag,
 * or arrows on the focused edge) and collapsible. Closing a tab unmounts its terminal or log stream, which
 * closes its socket.
 */
export function Dock() {
  const { state, close, activate } = useDock();
  const [height, setHeight] = useState(() =>
    clampDockHeight(Number(localStorage.getItem(HEIGHT_KEY)) || 280, window.innerHeight),
  );
  const [collapsed, setCollapsed] = useState(false);
  const drag = useRef<{ startY: number; startHeight: number } | undefined>(undefined);
  useEffect(() => localStorage.setItem(HEIGHT_KEY, String(height)), [height]);
  // a newly opened session shows
  useEffect(() => setCollapsed(false), [state.next]);
  if (state.sessions.length === 0) return null;

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    drag.current = { startY: e.clientY, startHeight: height };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    setHeight(
      clampDockHeight(drag.current.startHeight + drag.current.startY - e.clientY, window.innerHeight),
    );
  };
  const onPointerUp = () => (drag.current = undefined);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const by = e.key === 'ArrowUp' ? STEP : e.key === 'ArrowDown' ? -STEP : 0;
    if (!by) return;
    e.preventDefault();
    setHeight((h) => clampDockHeight(h + by, window.innerHeight));
  };
  return (
    <section className="dock" aria-label="Dock" style={{ height: collapsed ? undefined : height }}>
      {!collapsed && (
        <div
          className="dock-resize"
          role="separator"
          aria-orientation="horizontal"
          aria-label="Resize dock"
          aria-valuenow={height}
          tabIndex={0}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onKeyDown={onKeyDown}
        />
      )}
      <div className="dock-bar">
        <div role="tablist" aria-label="Dock tabs" className="dock-tabs">
          {state.sessions.map((s) => (
            <span key={s.id} className="dock-tab">
              <button
                type="button"
                role="tab"
                aria-selected={state.active === s.id}
                onClick={() => {
                  activate(s.id);
                  setCollapsed(false);
                }}
              >
                {sessionTitle(s)}
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Close ${s.kind} ${s.id}`}
                onClick={() => close(s.id)}
              >
                <X size={14} aria-hidden="true" />
              </button>
            </span>
          ))}
        </div>
        <button
          type="button"
          className="icon-button"
          aria-label={collapsed ? 'Expand dock' : 'Collapse dock'}
          aria-expanded={!collapsed}
          onClick={() => setCollapsed(!collapsed)}
        >
          {collapsed ? (
            <ChevronUp size={16} aria-hidden="true" />
          ) : (
            <ChevronDown size={16} aria-hidden="true" />
          )}
        </button>
      </div>
      <div className="dock-panels" hidden={collapsed}>
        {state.sessions.map((s) => (
          // every session stays mounted (and connected); only the active one shows
          <div
            key={s.id}
            role="tabpanel"
            className="dock-panel"
            hidden={state.active !== s.id}
            aria-label={s.kind === 'shell' ? `Shell ${s.id}` : `Logs ${s.id}`}
          >
            {s.kind === 'shell' ? (
              <Terminal
                namespace={s.namespace}
                pod={s.pod}
                container={s.container}
                shell={s.shell ?? 'auto'}
              />
            ) : (
              <DockLogs session={s} />
            )}
          </div>
        ))}
      </div>
    </section>
  );
}
