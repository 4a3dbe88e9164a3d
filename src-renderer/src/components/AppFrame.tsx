import { PanelLeftClose, PanelLeftOpen } from 'lucide-react';
import './app-frame.css';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { KindIcon } from '../objects/KindIcon';
import { formatRoute, type AppRoute } from '../routing/app-route';
import { useNavigation } from '../routing/route-context';
import { useScrollMemory } from '../routing/use-scroll-memory';
import type { ConnectionStatus } from '../state/connection-status';
import { ConnectionIndicator } from './ConnectionIndicator';
import { EngineIndicator } from './EngineIndicator';
import { KubectlAccess } from './KubectlAccess';
import { NamespacePicker } from './NamespacePicker';

export interface Area {
  path: string;
  label: string;
  group: string;
  /** the kind whose icon stands for the area when the sidebar is collapsed */
  kind: string;
}

interface Props {
  areas: Area[];
  current: string;
  /** where an area's link goes (its list in the current namespace) */
  routeOf: (area: Area) => AppRoute;
  namespace: string;
  onNamespace: (namespace: string) => void;
  status: ConnectionStatus;
  path: string;
  /** the top bar's leading slot: the cluster/context switcher */
  contextSwitcher?: ReactNode;
  dock?: ReactNode;
  children: ReactNode;
}

const COLLAPSED_KEY = 'skiff.sidebar.collapsed';

/**
 * The window: a sidebar (collapsible to icons) and a top bar that stay, the content that scrolls between them,
 * and the dock under the content. Each place keeps its scroll position for when the user comes back.
 */
export function AppFrame({
  areas,
  current,
  routeOf,
  namespace,
  onNamespace,
  status,
  path,
  contextSwitcher,
  dock,
  children,
}: Props) {
  const { go } = useNavigation();
  const groups = [...new Set(areas.map((a) => a.group))];
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(COLLAPSED_KEY) === 'true');
  useEffect(() => localStorage.setItem(COLLAPSED_KEY, String(collapsed)), [collapsed]);
  const content = useRef<HTMLElement>(null);
  useScrollMemory(content, path);
  return (
    <div className={collapsed ? 'frame sidebar-collapsed' : 'frame'}>
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand-name">Skiff</span>
          <button
            type="button"
            className="icon-button sidebar-toggle"
            aria-label={collapsed ? 'Expand sidebar' : 'Collapse sidebar'}
            aria-expanded={!collapsed}
            onClick={() => setCollapsed(!collapsed)}
          >
            {collapsed ? (
              <PanelLeftOpen size={18} aria-hidden="true" />
            ) : (
              <PanelLeftClose size={18} aria-hidden="true" />
            )}
          </button>
        </div>
        {groups.map((group) => (
          <div key={group} className="nav-group">
            <div className="nav-group-title">{group}</div>
            <ul>
              {areas
                .filter((a) => a.group === group)
                .map((area) => {
                  const to = routeOf(area);
                  return (
                    <li key={area.path}>
                      <a
                        href={formatRoute(to)}
                        aria-current={current === area.path ? 'page' : undefined}
                        title={collapsed ? area.label : undefined}
                        onClick={(e) => {
                          if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
                          e.preventDefault();
                          go(to);
                        }}
                      >
                        <KindIcon kind={area.kind} size={16} />
                        <span className="nav-label">{area.label}</span>
                      </a>
                    </li>
                  );
                })}
            </ul>
          </div>
        ))}
      </nav>
      <div className="main">
        <header className="topbar">
          <div className="topbar-start">
            {contextSwitcher}
            <NamespacePicker value={namespace} onChange={onNamespace} />
          </div>
          <div className="indicators">
            <KubectlAccess />
            <EngineIndicator />
            <ConnectionIndicator status={status} />
          </div>
        </header>
        <main className="content" ref={content}>
          {children}
        </main>
        {dock}
      </div>
    </div>
  );
}
