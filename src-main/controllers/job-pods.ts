import type { Job, PodFailurePolicyRule } from '../shared/batch-types';
import {
  JOB_COMPLETION_INDEX_ANNOTATION,
  JOB_COMPLETION_INDEX_LABEL,
  JOB_TRACKING_FINALIZER,
} from '../shared/batch-types';
import { controllerRef } from '../shared/owner-refs';
import type { Pod } from '../shared/pod-types';

// Pure helpers about a Job's pods: the pod a Job creates, its completion index, when it finished, how the
// pod failure policy reads it (Kubernetes' pkg/controller/job/{indexed_job_utils,pod_failure_policy}.go).

export const isTerminal = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
export const isActive = (pod: Pod) => !isTerminal(pod) && !pod.metadata.deletionTimestamp;
export const isTerminating = (pod: Pod) => !isTerminal(pod) && !!pod.metadata.deletionTimestamp;
export const isReady = (pod: Pod) =>
  pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
export const hasTrackingFinalizer = (pod: Pod) =>
  pod.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;

/** The completion index of an Indexed Job's pod (annotation, else label), or undefined when absent or bad. */
export function completionIndex(pod: Pod, completions: number): number | undefined {
  const text =
    pod.metadata.annotations?.[JOB_COMPLETION_INDEX_ANNOTATION] ??
    pod.metadata.labels?.[JOB_COMPLETION_INDEX_LABEL];
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const index = Number(text);
  return index < completions ? index : undefined;
}

/** When the pod finished: its containers' latest finishedAt, else its last condition change, else now. */
export function finishTime(pod: Pod, now: number): number {
  const times = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])]
    .map((s) => Date.parse(s.state?.terminated?.finishedAt ?? ''))
    .filter((t) => !Number.isNaN(t));
  if (times.length) return Math.max(...times);
  const conditions = (pod.status?.conditions ?? [])
    .map((c) => Date.parse(c.lastTransitionTime ?? ''))
    .filter((t) => !Number.isNaN(t));
  return conditions.length ? Math.max(...conditions) : now;
}

/** "1,3-5,7": Kubernetes' compressed list of completed indexes. */
export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j === i ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

export function parseIndexes(text: string | undefined, completions: number): Set<number> {
  const out = new Set<number>();
  for (const part of (text ?? '').split(',').filter(Boolean)) {
    const [a, b] = part.split('-').map(Number) as [number, number | undefined];
    for (let i = a; i <= (b ?? a); i++) if (i < completions) out.add(i);
  }
  return out;
}

export interface PolicyMatch {
  action: PodFailurePolicyRule['action'];
  message: string;
}

/** The first pod failure policy rule a failed pod matches, as Kubernetes' matchPodFailurePolicy. */
export function matchPodFailurePolicy(job: Job, pod: Pod): PolicyMatch | undefined {
  const rules = job.spec.podFailurePolicy?.rules ?? [];
  const where = `${pod.metadata.namespace}/${pod.metadata.name}`;
  for (const [index, rule] of rules.entries()) {
    if (rule.onExitCodes) {
      const { containerName, operator, values } = rule.onExitCodes;
      const statuses = [
        ...(pod.status?.initContainerStatuses ?? []),
        ...(pod.status?.containerStatuses ?? []),
      ];
      for (const status of statuses) {
        if (containerName && status.name !== containerName) continue;
        const code = status.state?.terminated?.exitCode;
        if (code === undefined || code === 0) continue;
        const hit = operator === 'In' ? values.includes(code) : !values.includes(code);
        if (hit)
          return {
            action: rule.action,
            message: `Container ${status.name} for pod ${where} failed with exit code ${code} matching ${rule.action} rule at index ${index}`,
          };
      }
    }
    for (const want of rule.onPodConditions ?? []) {
      const status = want.status ?? 'True';
      if (pod.status?.conditions?.some((c) => c.type === want.type && c.status === status))
        return {
          action: rule.action,
          message: `Pod ${where} has condition ${want.type} matching ${rule.action} rule at index ${index}`,
        };
    }
  }
  return undefined;
}

/** The pod a Job creates (for an Indexed Job, the pod of one completion index). */
export function newJobPod(job: Job, index: number | undefined): Pod {
  const template = structuredClone(job.spec.template);
  const name = job.metadata.name ?? '';
  const labels = { ...template.metadata?.labels };
  const annotations = { ...template.metadata?.annotations };
  const spec = template.spec;
  if (index !== undefined) {
    annotations[JOB_COMPLETION_INDEX_ANNOTATION] = String(index);
    labels[JOB_COMPLETION_INDEX_LABEL] = String(index);
    spec.hostname ??= `${name}-${index}`;
    const env = {
      name: 'JOB_COMPLETION_INDEX',
      valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${JOB_COMPLETION_INDEX_ANNOTATION}']` } },
    };
    for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
      if (c.env?.some((e) => e.name === env.name)) continue;
      c.env = [...(c.env ?? []), env];
    }
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: index === undefined ? `${name}-` : `${name}-${index}-`,
      namespace: job.metadata.namespace,
      labels,
      ...(Object.keys(annotations).length ? { annotations } : {}),
      ownerReferences: [controllerRef(job)],
      finalizers: [JOB_TRACKING_FINALIZER],
    },
    spec,
  };
}
