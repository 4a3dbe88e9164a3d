import type { Pod, PodSpec } from './pod-types';
import { cpuMillis, memoryBytes } from './quantity';

export interface PodRequests {
  cpuMillis: number;
  memoryBytes: number;
}

/** What the scheduler counts for a pod: the larger of the sum of app containers and the largest init container. */
export function podRequests(spec: PodSpec): PodRequests {
  const sum = (key: 'cpu' | 'memory', convert: (v: string | number | undefined) => number) =>
    (spec.containers ?? []).reduce((n, c) => n + convert(c.resources?.requests?.[key]), 0);
  const maxInit = (key: 'cpu' | 'memory', convert: (v: string | number | undefined) => number) =>
    Math.max(0, ...(spec.initContainers ?? []).map((c) => convert(c.resources?.requests?.[key])));
  return {
    cpuMillis: Math.max(sum('cpu', cpuMillis), maxInit('cpu', cpuMillis)),
    memoryBytes: Math.max(sum('memory', memoryBytes), maxInit('memory', memoryBytes)),
  };
}

/** What the pods placed on the node and not finished request of it, added up. */
export function requestedByPods(pods: Pod[]): PodRequests {
  return pods
    .filter((p) => p.spec.nodeName && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
    .map((p) => podRequests(p.spec))
    .reduce(
      (a, b) => ({ cpuMillis: a.cpuMillis + b.cpuMillis, memoryBytes: a.memoryBytes + b.memoryBytes }),
      {
        cpuMillis: 0,
        memoryBytes: 0,
      },
    );
}

/** Kubernetes' QoS class: Guaranteed when every container's requests equal its limits for cpu and memory. */
export function qosClassOf(spec: PodSpec): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  const anySet = containers.some(
    (c) =>
      Object.keys(c.resources?.requests ?? {}).length + Object.keys(c.resources?.limits ?? {}).length > 0,
  );
  if (!anySet) return 'BestEffort';
  const guaranteed = containers.every((c) =>
    (['cpu', 'memory'] as const).every((r) => {
      const limit = c.resources?.limits?.[r];
      const request = c.resources?.requests?.[r] ?? limit;
      return limit !== undefined && String(limit) === String(request);
    }),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
