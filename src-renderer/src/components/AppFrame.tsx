import type { ReactNode } from 'react';
import { ContextSwitcher } from '../clusters/ContextSwitcher';
import type { ConnectionStatus } from '../state/connection-status';
import { ConnectionIndicator } from './ConnectionIndicator';
import { EngineIndicator } from './EngineIndicator';
import { KubectlAccess } from './KubectlAccess';
import { NamespacePicker } from './NamespacePicker';

export interface Area {
  path: string;
  label: string;
  group: string;
}

interface Props {
  areas: Area[];
  current: string;
  onNavigate: (path: string) => void;
  namespace: string;
  onNamespace: (namespace: string) => void;
  status: ConnectionStatus;
  children: ReactNode;
}

export function AppFrame({ areas, current, onNavigate, namespace, onNamespace, status, children }: Props) {
  const groups = [...new Set(areas.map((a) => a.group))];
  return (
    <div className="frame">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Skiff</div>
        {groups.map((group) => (
          <div key={group} className="nav-group">
            <div className="nav-group-title">{group}</div>
            <ul>
              {areas
                .filter((a) => a.group === group)
                .map((area) => (
                  <li key={area.path}>
                    <a
                      href={area.path}
                      aria-current={current === area.path ? 'page' : undefined}
                      onClick={(e) => {
                        e.preventDefault();
                        onNavigate(area.path);
                      }}
                    >
                      {area.label}
                    </a>
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </nav>
      <div className="main">
        <header className="topbar">
          <ContextSwitcher />
          <NamespacePicker value={namespace} onChange={onNamespace} />
          <div className="indicators">
            <KubectlAccess />
            <EngineIndicator />
            <ConnectionIndicator status={status} />
          </div>
        </header>
        <main className="content">{children}</main>
      </div>
    </div>
  );
}
