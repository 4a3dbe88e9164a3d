import type { KubeObject } from '@shared/api-types';
import type { ControllerRevision, StatefulSet } from '@shared/apps-types';
import type { Pod } from '@shared/pod-types';
import type { PersistentVolumeClaim } from '@shared/storage-types';
import type { PodTemplateSpec } from '@shared/workload-types';

// What the StatefulSet and DaemonSet pages show of their history and pods. Pure.

const controlledBy = (owner: KubeObject) => (o: KubeObject) =>
  o.metadata.ownerReferences?.some((r) => r.controller && r.uid === owner.metadata.uid) ?? false;

/** The owner's ControllerRevisions, newest first. */
export const revisionsOf = (owner: KubeObject, revisions: ControllerRevision[]) =>
  revisions.filter(controlledBy(owner)).sort((a, b) => b.revision - a.revision);

/** The pod template a revision holds (its data is a patch that replaces spec.template). */
export function revisionTemplate(revision: ControllerRevision): PodTemplateSpec | undefined {
  return (revision.data as { spec?: { template?: PodTemplateSpec } } | undefined)?.spec?.template;
}

export const revisionImages = (revision: ControllerRevision) =>
  (revisionTemplate(revision)?.spec?.containers ?? []).map((c) => c.image).join(', ');

export interface StatefulPod {
  ordinal: number;
  name: string;
  pod: Pod | undefined;
  claims: Array<{ name: string; claim: PersistentVolumeClaim | undefined }>;
}

const ordinalOf = (setName: string, podName: string) => {
  const match = /^(.*)-(\d+)$/.exec(podName);
  return match && match[1] === setName ? Number(match[2]) : -1;
};

/**
 * The set's ordinals in order — those it wants and any pod still there above them — each with its pod (if it
 * exists) and its claims (which outlive the pod, and stay after a scale down).
 */
export function statefulPods(set: StatefulSet, pods: Pod[], claims: PersistentVolumeClaim[]): StatefulPod[] {
  const name = set.metadata.name ?? '';
  const own = pods.filter(controlledBy(set));
  const start = set.spec.ordinals?.start ?? 0;
  const ordinals = new Set<number>();
  for (let i = 0; i < (set.spec.replicas ?? 1); i++) ordinals.add(start + i);
  for (const pod of own)
    if (ordinalOf(name, pod.metadata.name ?? '') >= 0) ordinals.add(ordinalOf(name, pod.metadata.name ?? ''));
  const claimNames = (ordinal: number) =>
    (set.spec.volumeClaimTemplates ?? []).map((t) => `${t.metadata.name}-${name}-${ordinal}`);
  return [...ordinals]
    .sort((a, b) => a - b)
    .map((ordinal) => ({
      ordinal,
      name: `${name}-${ordinal}`,
      pod: own.find((p) => p.metadata.name === `${name}-${ordinal}`),
      claims: claimNames(ordinal).map((c) => ({
        name: c,
        claim: claims.find((x) => x.metadata.name === c && x.metadata.namespace === set.metadata.namespace),
      })),
    }));
}

/** Claims the set made for ordinals it no longer runs (kept by whenScaled: Retain, reused on scale up). */
export function retainedClaims(set: StatefulSet, claims: PersistentVolumeClaim[]): PersistentVolumeClaim[] {
  const name = set.metadata.name ?? '';
  const start = set.spec.ordinals?.start ?? 0;
  const end = start + (set.spec.replicas ?? 1);
  return claims.filter((c) => {
    if (c.metadata.namespace !== set.metadata.namespace) return false;
    return (set.spec.volumeClaimTemplates ?? []).some((t) => {
      const match = new RegExp(`^${t.metadata.name}-${name}-(\\d+)$`).exec(c.metadata.name ?? '');
      return match !== null && (Number(match[1]) < start || Number(match[1]) >= end);
    });
  });
}
