import { dump } from 'js-yaml';
import type { KubeObject } from '@shared/api-types';
import {
  configMapType,
  cronJobType,
  daemonSetType,
  deploymentType,
  horizontalPodAutoscalerType,
  ingressType,
  jobType,
  namespaceType,
  objectPath,
  persistentVolumeClaimType,
  podType,
  secretType,
  serviceType,
  statefulSetType,
  apiVersionOf,
  type ResourceType,
} from '@shared/resource-types';
import { diffLines, type DiffLine } from '../components/line-diff';
import { exportObject } from '../yaml/manifests';

// Promote: a local namespace's objects, exported without what the server owns, compared with what a server-side
// dry-run apply on the target would make of them. Pure: the view fetches, this decides.

/** The kinds a namespace's setup is made of, in the order they apply (config before what mounts it). */
export const PROMOTED_TYPES: ResourceType[] = [
  configMapType,
  secretType,
  persistentVolumeClaimType,
  serviceType,
  deploymentType,
  statefulSetType,
  daemonSetType,
  jobType,
  cronJobType,
  ingressType,
  horizontalPodAutoscalerType,
  podType,
];

/** What Kubernetes makes in every namespace by itself: promoting it would fight the target's own. */
const GENERATED_CONFIGMAPS = ['kube-root-ca.crt'];

/** Whether a local object is part of the user's setup rather than something a controller or Kubernetes made. */
export function isPromotable(object: KubeObject): boolean {
  if (object.metadata.ownerReferences?.length) return false; // a ReplicaSet's pods, a CronJob's Jobs, …
  if (object.metadata.deletionTimestamp) return false;
  if (object.kind === 'ConfigMap' && GENERATED_CONFIGMAPS.includes(object.metadata.name ?? '')) return false;
  if (
    object.kind === 'Secret' &&
    (object as { type?: string }).type === 'kubernetes.io/service-account-token'
  )
    return false;
  return true;
}

/** The manifest sent to the target: exported, in the target namespace, no local owner or node left in it. */
export function promotedManifest(object: KubeObject, targetNamespace: string): KubeObject {
  const exported = exportObject(object);
  const { ownerReferences: _owners, namespace, ...metadata } = exported.metadata;
  const manifest: KubeObject = {
    ...exported,
    metadata: namespace === undefined ? metadata : { ...metadata, namespace: targetNamespace },
  };
  if (object.kind === 'Service' && manifest.spec && typeof manifest.spec === 'object') {
    // node ports are the local node's; the target picks its own
    const spec = manifest.spec as { ports?: Array<Record<string, unknown>> };
    if (spec.ports) spec.ports = spec.ports.map(({ nodePort: _port, ...port }) => port);
  }
  return manifest;
}

const VOLATILE_METADATA = [
  'managedFields',
  'resourceVersion',
  'generation',
  'uid',
  'creationTimestamp',
  'selfLink',
];

/** An object as a reader compares it: no status, no bookkeeping the server changes on every write. */
export function comparable(object: KubeObject): Record<string, unknown> {
  const { status: _status, metadata, ...rest } = object;
  const meta = Object.fromEntries(Object.entries(metadata).filter(([k]) => !VOLATILE_METADATA.includes(k)));
  return { ...rest, metadata: meta };
}

/** The field paths (`spec.replicas`, `spec.template.spec.containers[0].image`) whose values differ. */
export function changedFields(before: unknown, after: unknown, path = ''): string[] {
  if (before === after) return [];
  const bothArrays = Array.isArray(before) && Array.isArray(after);
  const bothObjects =
    !bothArrays &&
    before !== null &&
    after !== null &&
    typeof before === 'object' &&
    typeof after === 'object' &&
    !Array.isArray(before) &&
    !Array.isArray(after);
  if (bothArrays) {
    const a = before as unknown[];
    const b = after as unknown[];
    return Array.from({ length: Math.max(a.length, b.length) }, (_, i) =>
      changedFields(a[i], b[i], `${path}[${i}]`),
    ).flat();
  }
  if (bothObjects) {
    const a = before as Record<string, unknown>;
    const b = after as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => changedFields(a[k], b[k], path ? `${path}.${k}` : k));
  }
  return [path || '.'];
}

export type PromoteAction = 'create' | 'change' | 'unchanged';

export interface PromoteItem {
  kind: string;
  name: string;
  action: PromoteAction;
  /** Fields the apply changes on the target (empty when creating or unchanged). */
  fields: string[];
  /** The target's object before and after, as YAML lines (all added when creating). */
  diff: DiffLine[];
}

const yaml = (object: unknown) => dump(object, { noRefs: true, lineWidth: 120, sortKeys: true });

/**
 * One object's fate: `existing` is what the target has now (undefined: not there), `dryRun` what the target
 * answered to the dry-run apply (the object as it would be stored, defaults and all).
 */
export function planItem(
  manifest: KubeObject,
  existing: KubeObject | undefined,
  dryRun: KubeObject,
): PromoteItem {
  const base = { kind: manifest.kind, name: manifest.metadata.name ?? '' };
  const after = comparable(dryRun);
  if (!existing)
    return {
      ...base,
      action: 'create',
      fields: [],
      diff: diffLines('', yaml(after)).filter((l) => l.text !== ''),
    };
  const before = comparable(existing);
  const fields = changedFields(before, after);
  if (fields.length === 0) return { ...base, action: 'unchanged', fields, diff: [] };
  return { ...base, action: 'change', fields, diff: diffLines(yaml(before), yaml(after)) };
}

export function summarize(items: PromoteItem[]): Record<PromoteAction, number> {
  const counts: Record<PromoteAction, number> = { create: 0, change: 0, unchanged: 0 };
  for (const item of items) counts[item.action]++;
  return counts;
}

/** Where a promoted manifest lives on the target (one of `PROMOTED_TYPES`, or its Namespace). */
export function promotePath(manifest: KubeObject, namespace: string): string {
  const type = [namespaceType, ...PROMOTED_TYPES].find(
    (t) => t.kind === manifest.kind && apiVersionOf(t) === manifest.apiVersion,
  );
  if (!type) throw new Error(`${manifest.apiVersion} ${manifest.kind} is not a kind promote sends`);
  return objectPath(type, manifest.metadata.name ?? '', type.namespaced ? namespace : undefined);
}
