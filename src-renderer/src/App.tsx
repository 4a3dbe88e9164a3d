import { useEffect } from 'react';
import { useContextNamespace } from './clusters/use-context-namespace';
import { ContextSwitcher } from './clusters/ContextSwitcher';
import { AppFrame, type Area } from './components/AppFrame';
import { CommandPalette } from './components/CommandPalette';
import type { PaletteItem } from './components/palette-items';
import { Dock } from './dock/Dock';
import { DockProvider } from './dock/DockProvider';
import { objectRoute, parseRoute, withNamespace, type AppRoute } from './routing/app-route';
import { RouteProvider, useNavigation } from './routing/route-context';
import { useSkiff } from './state/skiff-context';
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
import { KINDS_ROOT, objectRoutePath } from './kinds/kind-route';
import { KindsView } from './kinds/KindsView';
import { NodesView } from './nodes/NodesView';
import { PromoteView } from './promote/PromoteView';

// Areas are added here as their kinds arrive (workloads, network, storage).
const AREAS: Area[] = [
  { path: '/', label: 'Dashboard', group: 'Overview', kind: 'Dashboard' },
  { path: '/deployments', label: 'Deployments', group: 'Workloads', kind: 'Deployment' },
  { path: '/statefulsets', label: 'StatefulSets', group: 'Workloads', kind: 'StatefulSet' },
  { path: '/daemonsets', label: 'DaemonSets', group: 'Workloads', kind: 'DaemonSet' },
  { path: '/pods', label: 'Pods', group: 'Workloads', kind: 'Pod' },
  { path: '/jobs', label: 'Jobs & CronJobs', group: 'Workloads', kind: 'Job' },
  { path: '/services', label: 'Services', group: 'Network', kind: 'Service' },
  { path: '/namespaces', label: 'Namespaces', group: 'Cluster', kind: 'Namespace' },
  { path: '/nodes', label: 'Nodes', group: 'Cluster', kind: 'Node' },
  { path: '/events', label: 'Events', group: 'Cluster', kind: 'Event' },
  { path: KINDS_ROOT, label: 'All kinds', group: 'Cluster', kind: 'Kinds' },
  { path: '/configmaps', label: 'ConfigMaps', group: 'Configuration', kind: 'ConfigMap' },
  { path: '/secrets', label: 'Secrets', group: 'Configuration', kind: 'Secret' },
  { path: '/storage', label: 'Volumes & claims', group: 'Storage', kind: 'PersistentVolumeClaim' },
  { path: '/yaml', label: 'Create from YAML', group: 'Tools', kind: 'Yaml' },
  { path: '/promote', label: 'Promote to a cluster', group: 'Tools', kind: 'Promote' },
];

/** Views of cluster-scoped things: the namespace picker's choice is kept for when the user goes back. */
const CLUSTER_VIEWS = new Set(['namespaces', 'nodes', 'kinds']);

const viewOf = (path: string) => parseRoute(path).view;

/** The kinds section shows cluster-scoped objects that have short addresses of their own. */
function kindsPathFor(route: AppRoute): string | undefined {
  if (route.view === 'kinds') return route.path;
  if (route.view === 'namespaces' && route.name)
    return objectRoutePath({ group: '', version: 'v1', plural: 'namespaces' }, { name: route.name });
  return undefined;
}

function Routes() {
  const { status } = useSkiff();
  const { route, path, go, navigate } = useNavigation();
  const cluster = CLUSTER_VIEWS.has(route.view);
  // the namespace is the address's; on cluster-scoped views the last one chosen in this cluster context
  const [remembered, setRemembered] = useContextNamespace();
  const namespace = cluster ? remembered : (route.namespace ?? '');
  useEffect(() => {
    if (!cluster) setRemembered(namespace);
  }, [cluster, namespace, setRemembered]);
  const changeNamespace = (ns: string) => {
    if (cluster) setRemembered(ns);
    else go(withNamespace(route, ns || undefined));
  };
  const areaRoute = (area: Area): AppRoute => {
    if (area.path === KINDS_ROOT) return { view: 'kinds', path: KINDS_ROOT };
    const view = viewOf(area.path);
    return CLUSTER_VIEWS.has(view) ? { view } : { view, ...(namespace ? { namespace } : {}) };
  };
  const kindsPath = kindsPathFor(route);
  const current =
    kindsPath !== undefined ? KINDS_ROOT : (AREAS.find((a) => viewOf(a.path) === route.view)?.path ?? '/');
  const choose = (item: PaletteItem) => {
    const view = viewOf(item.path);
    if (item.name !== undefined && view) go(objectRoute(view, item.name, item.namespace));
    else if (item.path.startsWith(KINDS_ROOT)) navigate(item.path);
    else {
      const ns = item.namespace ?? namespace;
      go(CLUSTER_VIEWS.has(view) ? { view } : { view, ...(ns ? { namespace: ns } : {}) });
    }
  };
  const view = route.view;
  return (
    <AppFrame
      areas={AREAS}
      current={current}
      routeOf={areaRoute}
      namespace={namespace}
      onNamespace={changeNamespace}
      status={status}
      path={path}
      dock={<Dock />}
      contextSwitcher={<ContextSwitcher />}
    >
      <CommandPalette areas={AREAS} onChoose={choose} />
      {kindsPath !== undefined ? (
        <KindsView route={kindsPath} namespace={namespace} onNavigate={navigate} />
      ) : view === 'deployments' ? (
        <DeploymentsView namespace={namespace} />
      ) : view === 'jobs' ? (
        <JobsView namespace={namespace} />
      ) : view === 'statefulsets' ? (
        <StatefulSetsView namespace={namespace} onOpenPod={(name, ns) => go(objectRoute('pods', name, ns))} />
      ) : view === 'daemonsets' ? (
        <DaemonSetsView namespace={namespace} />
      ) : view === 'services' ? (
        <ServicesView namespace={namespace} />
      ) : view === 'secrets' ? (
        <SecretsView namespace={namespace} />
      ) : view === 'storage' ? (
        <StorageView namespace={namespace} />
      ) : view === 'configmaps' ? (
        <ConfigMapsView namespace={namespace} />
      ) : view === 'pods' ? (
        <PodsView namespace={namespace} />
      ) : view === 'events' ? (
        <EventsView namespace={namespace} />
      ) : view === 'yaml' ? (
        <YamlView namespace={namespace} />
      ) : view === 'namespaces' ? (
        <NamespacesView />
      ) : view === 'nodes' ? (
        <NodesView route={path} />
      ) : view === 'promote' ? (
        <PromoteView namespace={namespace} />
      ) : (
        <DashboardView namespace={namespace} onOpen={navigate} />
      )}
    </AppFrame>
  );
}

export function App() {
  return (
    <RouteProvider>
      <DockProvider>
        <UndoProvider>
          <Routes />
        </UndoProvider>
      </DockProvider>
    </RouteProvider>
  );
}
