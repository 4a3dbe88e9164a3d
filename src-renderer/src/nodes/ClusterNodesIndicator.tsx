import type { Node } from '@shared/pod-types';
import { nodeState } from './node-state';

/** Another cluster's counterpart of the engine indicator: how many of its nodes are ready. */
export function ClusterNodesIndicator({ nodes }: { nodes: Node[] }) {
  const ready = nodes.filter((n) => nodeState(n).startsWith('Ready')).length;
  const state = nodes.length === 0 ? 'unknown' : ready === nodes.length ? 'ready' : 'down';
  return (
    <div role="status" aria-label="Engine" className={`engine engine-${state}`}>
      <span className="dot" aria-hidden="true" />
      Cluster: {ready} of {nodes.length} nodes ready
    </div>
  );
}
