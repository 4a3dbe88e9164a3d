import type { OwnerReference } from '../shared/api-types';
import {
  CONTROLLER_REVISION_HASH,
  POD_INDEX_LABEL,
  STATEFUL_SET_POD_NAME,
  type StatefulSet,
} from '../shared/apps-types';
import { controllerRef } from '../shared/owner-refs';
import type { Pod, Volume } from '../shared/pod-types';
import type { PersistentVolumeClaim } from '../shared/storage-types';
import type { PodTemplateSpec } from '../shared/workload-types';
import { isPodAvailable, isPodReady } from './plan-replica-set';

// Kubernetes' statefulset/stateful_set_utils.go, pure: ordinals, identity, claims and the pods a set makes.

const ORDINAL = /^(.*)-([0-9]+)$/;

/** getParentNameAndOrdinal: `web-2` → web, 2; a name without an ordinal → -1. */
export function parentAndOrdinal(pod: Pod): { parent: string; ordinal: number } {
  const match = ORDINAL.exec(pod.metadata.name ?? '');
  if (!match) return { parent: '', ordinal: -1 };
  const ordinal = Number(match[2]);
  return Number.isSafeInteger(ordinal) && ordinal < 2 ** 31
    ? { parent: match[1]!, ordinal }
    : { parent: '', ordinal: -1 };
}

export const ordinalOf = (pod: Pod) => parentAndOrdinal(pod).ordinal;
export const isMemberOf = (set: StatefulSet, pod: Pod) => parentAndOrdinal(pod).parent === set.metadata.name;
export const podName = (set: StatefulSet, ordinal: number) => `${set.metadata.name}-${ordinal}`;
export const startOrdinal = (set: StatefulSet) => set.spec.ordinals?.start ?? 0;
export const endOrdinal = (set: StatefulSet) => startOrdinal(set) + (set.spec.replicas ?? 1) - 1;
export const inOrdinalRange = (set: StatefulSet, pod: Pod) =>
  ordinalOf(pod) >= startOrdinal(set) && ordinalOf(pod) <= endOrdinal(set);

/** getPersistentVolumeClaimName: `<template>-<set>-<ordinal>`. */
export const claimName = (set: StatefulSet, template: string, ordinal: number) =>
  `${template}-${set.metadata.name}-${ordinal}`;

export const isTerminating = (pod: Pod) => Boolean(pod.metadata.deletionTimestamp);
export const isFailed = (pod: Pod) => pod.status?.phase === 'Failed';
export const isSucceeded = (pod: Pod) => pod.status?.phase === 'Succeeded';
export const isRunningAndReady = (pod: Pod) => pod.status?.phase === 'Running' && isPodReady(pod);
export const isRunningAndAvailable = (pod: Pod, minReadySeconds: number, now: number) =>
  pod.status?.phase === 'Running' && isPodAvailable(pod, minReadySeconds, now);
export const podRevision = (pod: Pod) => pod.metadata.labels?.[CONTROLLER_REVISION_HASH] ?? '';

/** The claims a pod of the set has, one per volumeClaimTemplate, as the set would make them. */
export function claimsFor(set: StatefulSet, ordinal: number, pod: Pod): PersistentVolumeClaim[] {
  return (set.spec.volumeClaimTemplates ?? []).map((t) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: claimName(set, t.metadata.name ?? '', ordinal),
      namespace: set.metadata.namespace,
      // getPersistentVolumeClaims: the template's labels, then the set's selector labels.
      labels: { ...t.metadata.labels, ...set.spec.selector.matchLabels },
      ...(t.metadata.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
      ...(claimOwners(set, pod, []).length ? { ownerReferences: claimOwners(set, pod, []) } : {}),
    },
    spec: structuredClone(t.spec),
  }));
}

const refTo = (kind: string, apiVersion: string, o: { metadata: { name?: string; uid?: string } }) => ({
  apiVersion,
  kind,
  name: o.metadata.name ?? '',
  uid: o.metadata.uid ?? '',
});

/**
 * updateClaimOwnerRefForSetAndPod: the ownerReferences a claim should carry under the retention policy —
 * whenDeleted: Delete makes the set an owner (the garbage collector removes the claim with it), whenScaled:
 * Delete makes a condemned pod the owner (the claim goes with the pod). References to anything else are kept.
 */
export function claimOwners(set: StatefulSet, pod: Pod, existing: OwnerReference[]): OwnerReference[] {
  const policy = set.spec.persistentVolumeClaimRetentionPolicy ?? {};
  const whenDeleted = policy.whenDeleted ?? 'Retain';
  const whenScaled = policy.whenScaled ?? 'Retain';
  const scaledDown = !inOrdinalRange(set, pod);
  const others = existing.filter((r) => r.uid !== set.metadata.uid && r.uid !== pod.metadata.uid);
  const keepSet = existing.find((r) => r.uid === set.metadata.uid);
  const keepPod = existing.find((r) => r.uid === pod.metadata.uid);
  const wantSet = whenDeleted === 'Delete' && !(whenScaled === 'Delete' && scaledDown);
  const wantPod = whenScaled === 'Delete' && scaledDown && Boolean(pod.metadata.uid);
  return [
    ...others,
    ...(wantSet ? [keepSet ?? refTo('StatefulSet', 'apps/v1', set)] : []),
    ...(wantPod ? [keepPod ?? refTo('Pod', 'v1', pod)] : []),
  ];
}

/** newStatefulSetPod + setPodRevision: the pod for an ordinal, from a template, at a revision. */
export function newStatefulSetPod(
  set: StatefulSet,
  template: PodTemplateSpec,
  ordinal: number,
  revision: string,
): Pod {
  const name = podName(set, ordinal);
  const spec = structuredClone(template.spec);
  // updateStorage: each claim template's volume points at this ordinal's claim.
  const claimVolumes: Volume[] = (set.spec.volumeClaimTemplates ?? []).map((t) => ({
    name: t.metadata.name ?? '',
    persistentVolumeClaim: { claimName: claimName(set, t.metadata.name ?? '', ordinal) },
  }));
  const templated = new Set(claimVolumes.map((v) => v.name));
  spec.volumes = [...(spec.volumes ?? []).filter((v) => !templated.has(v.name)), ...claimVolumes];
  if (spec.volumes.length === 0) delete spec.volumes;
  spec.hostname = name;
  if (set.spec.serviceName) spec.subdomain = set.spec.serviceName;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: set.metadata.namespace,
      labels: {
        ...template.metadata?.labels,
        [STATEFUL_SET_POD_NAME]: name,
        [POD_INDEX_LABEL]: String(ordinal),
        [CONTROLLER_REVISION_HASH]: revision,
      },
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ownerReferences: [controllerRef(set)],
    },
    spec,
  };
}

/** identityMatches (the labels part; a pod's hostname and subdomain cannot change after creation). */
export const identityMatches = (set: StatefulSet, pod: Pod) => {
  const { parent, ordinal } = parentAndOrdinal(pod);
  return (
    parent === set.metadata.name &&
    pod.metadata.namespace === set.metadata.namespace &&
    pod.metadata.labels?.[STATEFUL_SET_POD_NAME] === pod.metadata.name &&
    pod.metadata.labels?.[POD_INDEX_LABEL] === String(ordinal)
  );
};

/** updateIdentity's labels, for a pod that lost them. */
export const withIdentity = (pod: Pod): Pod => ({
  ...pod,
  metadata: {
    ...pod.metadata,
    labels: {
      ...pod.metadata.labels,
      [STATEFUL_SET_POD_NAME]: pod.metadata.name ?? '',
      [POD_INDEX_LABEL]: String(ordinalOf(pod)),
    },
  },
});
