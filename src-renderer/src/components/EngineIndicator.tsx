import type { Node } from '@shared/pod-types';
import { nodeType } from '@shared/resource-types';
import { useKubeList } from '../api/use-kube-list';
import { useCluster } from '../clusters/use-cluster';
import { ClusterNodesIndicator } from '../nodes/ClusterNodesIndicator';

/** The Docker engine's health, as the Node's Ready condition reports it. */
export function EngineIndicator() {
  const { data } = useKubeList<Node>(nodeType);
  const { local } = useCluster();
  if (!local) return <ClusterNodesIndicator nodes={data?.items ?? []} />;
  const node = data?.items[0];
  const ready = node?.status?.conditions?.find((c) => c.type === 'Ready');
  const version = node?.status?.nodeInfo?.containerRuntimeVersion?.replace('docker://', '');
  let text = 'Engine: waiting for the Docker engine…';
  let state = 'unknown';
  if (ready?.status === 'True') {
    text = `Engine: Docker ${version ?? ''} ready`;
    state = 'ready';
  } else if (ready) {
    text = `Engine not ready: ${ready.message ?? 'the Docker engine does not answer'}`;
    state = 'down';
  }
  return (
    <div role="status" aria-label="Engine" className={`engine engine-${state}`} title={ready?.message}>
      <span className="dot" aria-hidden="true" />
      {text}
    </div>
  );
}
