import { useState } from 'react';
import { useContextNamespace } from './clusters/use-context-namespace';
import { AppFrame, type Area } from './components/AppFrame';
import { CommandPalette } from './components/CommandPalette';
import type { PaletteItem } from './components/palette-items';
import { useSkiff } from './state/skiff-context';
import { useRoute } from './state/use-route';
import { ConfigMapsView } from './views/ConfigMapsView';
import { DashboardView } from './views/DashboardView';
import { YamlView } from './views/YamlView';
import { EventsView } from './views/EventsView';
import { DeploymentsView } from './views/DeploymentsView';
import { JobsView } from './views/JobsView';
import { StatefulSetsView } from './views/StatefulSetsView';
import { DaemonSetsView } from './views/DaemonSetsView';
import { NamespacesView } from './views/NamespacesView';
import { PodsView } from './views/PodsView';
import { SecretsView } from './views/SecretsView';
import { ServicesView } from './views/ServicesView';
import { StorageView } from './views/StorageView';
import { UndoProvider } from './undo/UndoToast';
import { isKindsRoute, KINDS_ROOT } from './kinds/kind-route';
import { KindsView } from './kinds/KindsView';
import { isNodesRoute, NodesView } from './nodes/NodesView';
import { PromoteView } from './promote/PromoteView';

// Areas are added here as their kinds arrive (workloads, network, storage).
const AREAS: Area[] = [
  { path: '/', label: 'Dashboard', group: 'Overview' },
  { path: '/deployments', label: 'Deployments', group: 'Workloads' },
  { path: '/statefulsets', label: 'StatefulSets', group: 'Workloads' },
  { path: '/daemonsets', label: 'DaemonSets', group: 'Workloads' },
  { path: '/pods', label: 'Pods', group: 'Workloads' },
  { path: '/jobs', label: 'Jobs & CronJobs', group: 'Workloads' },
  { path: '/services', label: 'Services', group: 'Network' },
  { path: '/namespaces', label: 'Namespaces', group: 'Cluster' },
  { path: '/nodes', label: 'Nodes', group: 'Cluster' },
  { path: '/events', label: 'Events', group: 'Cluster' },
  { path: KINDS_ROOT, label: 'All kinds', group: 'Cluster' },
  { path: '/configmaps', label: 'ConfigMaps', group: 'Configuration' },
  { path: '/secrets', label: 'Secrets', group: 'Configuration' },
  { path: '/storage', label: 'Volumes & claims', group: 'Storage' },
  { path: '/yaml', label: 'Create from YAML', group: 'Tools' },
  { path: '/promote', label: 'Promote to a cluster', group: 'Tools' },
];

export function App() {
  const { status } = useSkiff();
  const [route, navigate] = useRoute();
  const [namespace, setNamespace] = useContextNamespace();
  const current = isKindsRoute(route)
    ? KINDS_ROOT
    : isNodesRoute(route)
      ? '/nodes'
      : (AREAS.find((a) => a.path === route)?.path ?? '/');
  // the object the command palette asked to open, in the view it belongs to
  const [focus, setFocus] = useState<string | undefined>();
  const choose = (item: PaletteItem) => {
    if (item.namespace !== undefined) setNamespace(item.namespace);
    setFocus(item.name);
    navigate(item.path);
  };
  return (
    <UndoProvider>
      <AppFrame
        areas={AREAS}
        current={current}
        onNavigate={navigate}
        namespace={namespace}
        onNamespace={setNamespace}
        status={status}
      >
        <CommandPalette areas={AREAS} onChoose={choose} />
        {current === '/deployments' ? (
          <DeploymentsView
            namespace={namespace}
            focus={focus}
            links={{
              onOpenPod: (name, ns) => choose({ label: name, path: '/pods', namespace: ns, name }),
              onOpenServices: () => navigate('/services'),
            }}
          />
        ) : current === '/jobs' ? (
          <JobsView namespace={namespace} focus={focus} />
        ) : current === '/statefulsets' ? (
          <StatefulSetsView
            namespace={namespace}
            focus={focus}
            onOpenPod={(name, ns) => choose({ label: name, path: '/pods', namespace: ns, name })}
          />
        ) : current === '/daemonsets' ? (
          <DaemonSetsView namespace={namespace} focus={focus} />
        ) : current === '/services' ? (
          <ServicesView namespace={namespace} />
        ) : current === '/secrets' ? (
          <SecretsView namespace={namespace} />
        ) : current === '/storage' ? (
          <StorageView namespace={namespace} />
        ) : current === '/configmaps' ? (
          <ConfigMapsView namespace={namespace} />
        ) : current === '/pods' ? (
          <PodsView namespace={namespace} focus={focus} />
        ) : current === '/events' ? (
          <EventsView namespace={namespace} />
        ) : current === '/yaml' ? (
          <YamlView namespace={namespace} />
        ) : current === KINDS_ROOT ? (
          <KindsView route={route} namespace={namespace} onNavigate={navigate} />
        ) : current === '/nodes' ? (
          <NodesView route={route} />
        ) : current === '/promote' ? (
          <PromoteView namespace={namespace} />
        ) : current === '/namespaces' ? (
          <NamespacesView />
        ) : (
          <DashboardView namespace={namespace} onOpen={navigate} />
        )}
      </AppFrame>
    </UndoProvider>
  );
}
