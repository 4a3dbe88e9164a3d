import { useMutation } from '@tanstack/react-query';
import type { Node, Pod } from '@shared/pod-types';
import { nodeType, objectPath, podType } from '@shared/resource-types';
import { ApiRequestError } from '../api/api-client';
import { ErrorNotice } from '../components/ErrorNotice';
import { useSkiff } from '../state/skiff-context';
import { isRecreated, planDrain } from './plan-drain';

interface EvictionResult {
  pod: string;
  outcome: 'evicted' | 'refused' | 'failed';
  message?: string;
}

/** Cordon/uncordon (spec.unschedulable) and drain: cordon, then evict each pod through the eviction API. */
export function NodeActions({ node, pods }: { node: Node; pods: Pod[] }) {
  const { client } = useSkiff();
  const name = node.metadata.name ?? '';
  const path = objectPath(nodeType, name);
  const cordoned = node.spec?.unschedulable === true;
  const cordon = useMutation({
    mutationFn: (unschedulable: boolean) =>
      client.mergePatch<Node>(path, { spec: { unschedulable: unschedulable ? true : null } }),
  });
  const plan = planDrain(name, pods);
  const drain = useMutation({
    mutationFn: async (): Promise<EvictionResult[]> => {
      if (!cordoned) await client.mergePatch<Node>(path, { spec: { unschedulable: true } });
      const results: EvictionResult[] = [];
      for (const pod of plan.evict) {
        const ns = pod.metadata.namespace ?? 'default';
        const podName = pod.metadata.name ?? '';
        const label = `${ns}/${podName}`;
        try {
          await client.post(`${objectPath(podType, podName, ns)}/eviction`, {
            apiVersion: 'policy/v1',
            kind: 'Eviction',
            metadata: { name: podName, namespace: ns },
          });
          results.push({
            pod: label,
            outcome: 'evicted',
            message: isRecreated(pod) ? undefined : 'no controller: not recreated',
          });
        } catch (err) {
          // 429: a PodDisruptionBudget allows no disruption now; its message says which and why
          const refused = err instanceof ApiRequestError && err.code === 429;
          results.push({
            pod: label,
            outcome: refused ? 'refused' : 'failed',
            message: (err as Error).message,
          });
        }
      }
      return results;
    },
  });
  return (
    <section aria-label="Node actions" className="node-actions">
      <button type="button" onClick={() => cordon.mutate(!cordoned)} disabled={cordon.isPending}>
        {cordoned ? 'Uncordon' : 'Cordon'}
      </button>{' '}
      <button type="button" onClick={() => drain.mutate()} disabled={drain.isPending}>
        {drain.isPending ? 'Draining…' : `Drain (${plan.evict.length} pods to evict)`}
      </button>
      {plan.skipped.length > 0 && (
        <p className="hint">
          Left on the node: {plan.skipped.map((s) => `${s.pod.metadata.name} (${s.why})`).join(', ')}
        </p>
      )}
      <ErrorNotice error={cordon.error ?? drain.error} />
      {drain.data && (
        <ul aria-label="Drain result">
          {drain.data.length === 0 && <li>No pods to evict.</li>}
          {drain.data.map((r) => (
            <li key={r.pod} className={r.outcome === 'evicted' ? 'ok' : 'pod-status-warn'}>
              {r.pod}: {r.outcome}
              {r.message ? ` — ${r.message}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
