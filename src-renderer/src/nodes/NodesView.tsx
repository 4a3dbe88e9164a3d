import type { Node, Pod } from '@shared/pod-types';
import { nodeType, podType } from '@shared/resource-types';
import { summarizePod } from '@shared/pod-display';
import { useKubeList } from '../api/use-kube-list';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatAge } from '../components/format-age';
import { ResourceTable, type Column } from '../components/ResourceTable';
import { useNow } from '../state/use-now';
import { NodeActions } from './NodeActions';
import { NodeLink, NODES_ROOT } from './NodeLink';
import { nodeRoles, nodeState } from './node-state';
import { podsOnNode } from './plan-drain';

export const isNodesRoute = (route: string) => route === NODES_ROOT || route.startsWith(`${NODES_ROOT}/`);

/** The cluster's nodes (one for the local Skiff, many for a real cluster) and, at /nodes/{name}, one node's page. */
export function NodesView({ route }: { route: string }) {
  const now = useNow();
  const nodes = useKubeList<Node>(nodeType);
  const pods = useKubeList<Pod>(podType);
  const allPods = pods.data?.items ?? [];
  const selected = route.startsWith(`${NODES_ROOT}/`)
    ? decodeURIComponent(route.slice(NODES_ROOT.length + 1))
    : undefined;
  const node = selected ? nodes.data?.items.find((n) => n.metadata.name === selected) : undefined;
  const columns: Column<Node>[] = [
    { header: 'Name', cell: (n) => <NodeLink name={n.metadata.name} /> },
    { header: 'Status', cell: (n) => nodeState(n) },
    { header: 'Roles', cell: (n) => nodeRoles(n) },
    { header: 'Pods', cell: (n) => String(podsOnNode(n.metadata.name ?? '', allPods).length), width: '5em' },
    { header: 'Version', cell: (n) => n.status?.nodeInfo?.kubeletVersion ?? '' },
    { header: 'Age', cell: (n) => formatAge(n.metadata.creationTimestamp, now), width: '6em' },
  ];
  return (
    <section aria-labelledby="nodes-title">
      <h1 id="nodes-title">Nodes</h1>
      <ErrorNotice error={nodes.error ?? pods.error} />
      {selected && !node && nodes.data && <p role="alert">No node {selected} in this cluster.</p>}
      {node && <NodePage node={node} pods={podsOnNode(selected ?? '', allPods)} />}
      <ResourceTable label="Nodes" items={nodes.data?.items ?? []} columns={columns} empty="No nodes yet." />
    </section>
  );
}

function NodePage({ node, pods }: { node: Node; pods: Pod[] }) {
  const name = node.metadata.name ?? '';
  const info = node.status?.nodeInfo ?? {};
  const allocatable = node.status?.allocatable ?? {};
  return (
    <section aria-label={`Node ${name}`} className="node-page">
      <h2>
        Node {name}{' '}
        <span role="status" aria-label="Node state">
          {nodeState(node)}
        </span>
      </h2>
      <p className="hint">
        {info.kubeletVersion ?? ''} · {info.osImage ?? ''} · {info.containerRuntimeVersion ?? ''} ·{' '}
        {allocatable.cpu ?? '?'} CPUs · {allocatable.memory ?? '?'} memory · {allocatable.pods ?? '?'} pods
      </p>
      <ul aria-label="Conditions">
        {(node.status?.conditions ?? []).map((c) => (
          <li
            key={c.type}
            className={(c.type === 'Ready') === (c.status === 'True') ? undefined : 'pod-status-warn'}
          >
            {c.type}: {c.status}
            {c.message ? ` — ${c.message}` : ''}
          </li>
        ))}
      </ul>
      <NodeActions node={node} pods={pods} />
      <h3>Pods on this node ({pods.length})</h3>
      <ul aria-label="Pods on the node">
        {pods.map((p) => (
          <li key={p.metadata.uid}>
            {p.metadata.namespace}/{p.metadata.name} · {summarizePod(p).status}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The dashboard's view of the nodes: each with its state, a link to its page. */
export function NodesCard() {
  const nodes = useKubeList<Node>(nodeType);
  const items = nodes.data?.items ?? [];
  const ready = items.filter((n) => nodeState(n).startsWith('Ready')).length;
  return (
    <section className="card" aria-label="Nodes">
      <h2>Nodes</h2>
      <p>
        <strong>{ready}</strong> of {items.length} ready
      </p>
      <ul>
        {items.slice(0, 8).map((n) => (
          <li
            key={n.metadata.uid ?? n.metadata.name}
            className={nodeState(n).startsWith('Ready') ? undefined : 'pod-status-warn'}
          >
            <NodeLink name={n.metadata.name} /> {nodeState(n)}
          </li>
        ))}
        {items.length > 8 && <li className="hint">and {items.length - 8} more</li>}
      </ul>
    </section>
  );
}
