import { deepEqual } from '../shared/deep-equal';
import type { Deployment, PodTemplateSpec, ReplicaSet } from '../shared/workload-types';
import { POD_TEMPLATE_HASH } from '../shared/workload-types';

// Helpers from Kubernetes' deployment/util, pure.

/** maxSurge/maxUnavailable: a count, or a percent of replicas (surge rounds up, unavailable rounds down). */
export function resolveIntOrPercent(
  value: number | string | undefined,
  total: number,
  roundUp: boolean,
  fallback: string,
): number {
  const v = value ?? fallback;
  if (typeof v === 'number') return v;
  const percent = Number(v.replace('%', ''));
  const exact = (percent * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** Kubernetes' ResolveFenceposts: both zero would deadlock a rollout, so unavailable becomes 1. */
export function resolveFenceposts(d: Deployment): { maxSurge: number; maxUnavailable: number } {
  const replicas = d.spec.replicas ?? 1;
  const rolling = d.spec.strategy?.rollingUpdate;
  const maxSurge = resolveIntOrPercent(rolling?.maxSurge, replicas, true, '25%');
  let maxUnavailable = resolveIntOrPercent(rolling?.maxUnavailable, replicas, false, '25%');
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

function withoutHash(template: PodTemplateSpec): PodTemplateSpec {
  const copy = structuredClone(template);
  if (copy.metadata?.labels) {
    delete copy.metadata.labels[POD_TEMPLATE_HASH];
    if (Object.keys(copy.metadata.labels).length === 0) delete copy.metadata.labels;
  }
  return copy;
}

/** Kubernetes' EqualIgnoreHash: templates equal but for the pod-template-hash label. */
export function equalIgnoreHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  return deepEqual(withoutHash(a), withoutHash(b));
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** The pod-template-hash: FNV-1a over the template (and the collision count), in Kubernetes' safe alphabet. */
export function templateHash(template: PodTemplateSpec, collisionCount = 0): string {
  const text = stableJson(withoutHash(template)) + (collisionCount ? String(collisionCount) : '');
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return [...String(hash)].map((c) => SAFE_ALPHABET[c.charCodeAt(0) % SAFE_ALPHABET.length]).join('');
}

export const specReplicas = (rs: ReplicaSet) => rs.spec.replicas ?? 0;
export const sumSpec = (list: ReplicaSet[]) => list.reduce((n, rs) => n + specReplicas(rs), 0);
export const sumStatus = (list: ReplicaSet[], key: 'replicas' | 'readyReplicas' | 'availableReplicas') =>
  list.reduce((n, rs) => n + (rs.status?.[key] ?? 0), 0);
export const byCreation = (a: ReplicaSet, b: ReplicaSet) =>
  (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') ||
  (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');

/** Kubernetes' NewRSNewReplicas for a rolling update: how far the new ReplicaSet may grow now. */
export function newReplicaSetReplicas(d: Deployment, all: ReplicaSet[], newRS: ReplicaSet): number {
  const replicas = d.spec.replicas ?? 1;
  if ((d.spec.strategy?.type ?? 'RollingUpdate') === 'Recreate') return replicas;
  const { maxSurge } = resolveFenceposts(d);
  const current = sumSpec(all);
  const maxTotal = replicas + maxSurge;
  if (current >= maxTotal) return specReplicas(newRS);
  const scaleUp = Math.min(maxTotal - current, replicas - specReplicas(newRS));
  return specReplicas(newRS) + scaleUp;
}
