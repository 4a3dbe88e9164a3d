import type { KubeObject } from '../shared/api-types';
import { controllerRef } from '../shared/owner-refs';
import { deepEqual } from '../shared/deep-equal';
import { REVISION_HASH_LABEL, type ControllerRevision } from '../shared/apps-types';
import type { PodTemplateSpec } from '../shared/workload-types';

// Kubernetes' pkg/controller/history, pure: ControllerRevision naming, hashing, ordering and equality, and the
// revision data StatefulSets and DaemonSets keep (a strategic merge patch that replaces spec.template, so
// `kubectl rollout undo` can send it back as it is).

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** k8s.io/apimachinery rand.SafeEncodeString: each character mapped into an alphabet without vowels. */
export const safeEncode = (text: string) =>
  [...text].map((c) => SAFE_ALPHABET[c.charCodeAt(0) % SAFE_ALPHABET.length]).join('');

/** Go's hash/fnv New32 (FNV-1, not 1a) over UTF-8 bytes. */
export function fnv32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash = Math.imul(hash, 0x01000193) >>> 0;
    hash = (hash ^ byte) >>> 0;
  }
  return hash;
}

/** JSON with object keys sorted at every level, as Go's json.Marshal writes a map (and `<>&` escaped as Go does). */
export function goJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort()
      .map((k) => `${goString(k)}:${goJson(record[k])}`)
      .join(',')}}`;
  }
  return typeof value === 'string' ? goString(value) : JSON.stringify(value ?? null);
}

const goString = (s: string) =>
  JSON.stringify(s).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/** The revision data: `{"spec":{"template":{…,"$patch":"replace"}}}` (Kubernetes' getPatch). */
export function revisionData(template: PodTemplateSpec): { spec: { template: Record<string, unknown> } } {
  const copy = structuredClone(template) as unknown as Record<string, unknown>;
  copy.metadata = { creationTimestamp: null, ...(template.metadata ?? {}) };
  return { spec: { template: { ...copy, $patch: 'replace' } } };
}

/** The template a revision holds (ApplyRevision of a patch that replaces the whole template). */
export function templateOf(revision: ControllerRevision): PodTemplateSpec | undefined {
  const data = revision.data as { spec?: { template?: Record<string, unknown> } } | undefined;
  const raw = data?.spec?.template;
  if (!raw) return undefined;
  const { $patch: _ignored, ...template } = raw;
  const metadata = { ...(template.metadata as Record<string, unknown> | undefined) };
  delete metadata.creationTimestamp;
  return { ...template, metadata } as unknown as PodTemplateSpec;
}

/** HashControllerRevision: FNV-32 of the data, then the collision count in decimal, safe-encoded. */
export function hashRevisionData(data: unknown, collisionCount: number | undefined): string {
  const text = goJson(data) + (collisionCount !== undefined ? String(collisionCount) : '');
  return safeEncode(String(fnv32(text)));
}

/** ControllerRevisionName: `<parent>-<hash>`, the prefix cut to 223 characters. */
export const revisionName = (parent: string, hash: string) => `${parent.slice(0, 223)}-${hash}`;

/** NewControllerRevision: labelled like the template (plus the hash), owned by the parent as controller. */
export function newControllerRevision(
  parent: KubeObject,
  templateLabels: Record<string, string> | undefined,
  data: unknown,
  revision: number,
  collisionCount: number | undefined,
  hash = hashRevisionData(data, collisionCount),
): ControllerRevision {
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: revisionName(parent.metadata.name ?? '', hash),
      namespace: parent.metadata.namespace,
      labels: { ...templateLabels, [REVISION_HASH_LABEL]: hash },
      ...(parent.metadata.annotations ? { annotations: { ...parent.metadata.annotations } } : {}),
      ownerReferences: [controllerRef(parent)],
    },
    data,
    revision,
  };
}

/** SortControllerRevisions: by revision, then creation time, then name. */
export function sortRevisions(revisions: ControllerRevision[]): ControllerRevision[] {
  return [...revisions].sort(
    (a, b) =>
      a.revision - b.revision ||
      (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') ||
      (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
  );
}

/** EqualRevision: same hash label (when both have one) and the same data. */
export function equalRevision(a: ControllerRevision, b: ControllerRevision): boolean {
  const ha = a.metadata.labels?.[REVISION_HASH_LABEL];
  const hb = b.metadata.labels?.[REVISION_HASH_LABEL];
  if (ha !== undefined && hb !== undefined && ha !== hb) return false;
  return deepEqual(a.data, b.data);
}

export const findEqualRevisions = (revisions: ControllerRevision[], needle: ControllerRevision) =>
  revisions.filter((r) => equalRevision(r, needle));

/** nextRevision: one past the highest (1 for no history). */
export const nextRevision = (sorted: ControllerRevision[]) =>
  sorted.length === 0 ? 1 : sorted[sorted.length - 1]!.revision + 1;

export type RevisionStep =
  | { action: 'keep'; revision: ControllerRevision }
  | { action: 'renumber'; revision: ControllerRevision; to: number }
  | { action: 'create'; revision: ControllerRevision };

/**
 * The update revision for the parent's current template (Kubernetes' getStatefulSetRevisions and the
 * DaemonSet's constructHistory agree on this): the newest revision when it already holds the template, an
 * older equal one renumbered to the next revision (a rollback), else a new one.
 */
export function planUpdateRevision(
  revisions: ControllerRevision[],
  wanted: ControllerRevision,
): RevisionStep {
  const sorted = sortRevisions(revisions);
  const equal = findEqualRevisions(sorted, wanted);
  const newest = sorted[sorted.length - 1];
  const lastEqual = equal[equal.length - 1];
  if (lastEqual && newest && equalRevision(newest, lastEqual)) return { action: 'keep', revision: newest };
  if (lastEqual) return { action: 'renumber', revision: lastEqual, to: wanted.revision };
  return { action: 'create', revision: wanted };
}

/**
 * Revisions to delete so that at most `limit` remain besides the live ones (those a pod or the status names);
 * the oldest go first (Kubernetes' truncateHistory).
 */
export function revisionsToPrune(
  revisions: ControllerRevision[],
  live: Set<string>,
  limit: number,
): ControllerRevision[] {
  const dead = sortRevisions(revisions).filter((r) => !live.has(r.metadata.name ?? ''));
  return dead.slice(0, Math.max(0, dead.length - limit));
}
