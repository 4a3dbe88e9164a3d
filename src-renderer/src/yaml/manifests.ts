import { dump, loadAll } from 'js-yaml';
import type { KubeObject } from '@shared/api-types';
import { MANIFEST_TYPES, objectPath, type ResourceType } from '@shared/resource-types';

export interface ManifestDocument {
  object: KubeObject;
  /** 1-based line where the document starts in the editor's text. */
  line: number;
  text: string;
}

/** A problem in the editor's text, at a line, in words that say what to change. */
export class ManifestError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** The documents of a multi-document YAML text, each with where it starts; a syntax error names its line. */
export function parseManifests(text: string): ManifestDocument[] {
  const chunks: Array<{ text: string; line: number }> = [];
  let start = 0;
  const lines = text.split('\n');
  lines.forEach((l, i) => {
    if (/^---\s*$/.test(l)) {
      chunks.push({ text: lines.slice(start, i).join('\n'), line: start + 1 });
      start = i + 1;
    }
  });
  chunks.push({ text: lines.slice(start).join('\n'), line: start + 1 });
  return chunks.flatMap((chunk) => {
    let loaded: unknown[];
    try {
      loaded = loadAll(chunk.text);
    } catch (err) {
      const mark = (err as { mark?: { line?: number }; reason?: string }).mark;
      const reason = (err as { reason?: string }).reason ?? (err as Error).message;
      throw new ManifestError(`YAML: ${reason}`, chunk.line + (mark?.line ?? 0));
    }
    const object = loaded[0];
    if (object === undefined || object === null) return [];
    if (typeof object !== 'object' || Array.isArray(object))
      throw new ManifestError('a manifest must be an object with apiVersion, kind and metadata', chunk.line);
    const doc = object as KubeObject;
    if (!doc.apiVersion || !doc.kind)
      throw new ManifestError(
        'apiVersion and kind are required, e.g. "apiVersion: apps/v1" and "kind: Deployment"',
        chunk.line,
      );
    if (!doc.metadata?.name) throw new ManifestError('metadata.name is required', chunk.line);
    return [{ object: doc, line: chunk.line, text: chunk.text }];
  });
}

/** Where a manifest lives in the API (a namespaced kind goes to `namespace` unless it names its own). */
export function pathOf(object: KubeObject, namespace: string): { type: ResourceType; path: string } {
  const type = MANIFEST_TYPES.find(
    (t) => t.kind === object.kind && (t.group ? `${t.group}/${t.version}` : t.version) === object.apiVersion,
  );
  if (!type)
    throw new Error(
      `${object.apiVersion} ${object.kind} is not a kind Skiff serves (${MANIFEST_TYPES.map((t) => t.kind).join(', ')})`,
    );
  const ns = type.namespaced ? (object.metadata.namespace ?? namespace) : undefined;
  return { type, path: objectPath(type, object.metadata.name!, ns) };
}

/**
 * The line of a field (a path as the server names it, e.g. "spec.template.spec.containers[0].image") in a
 * document: each key is looked for after the one before it, so the answer is the line the user must change.
 */
export function lineOfField(doc: ManifestDocument, field: string): number {
  const keys = field
    .split('.')
    .map((part) => part.replace(/\[.*\]$/, ''))
    .filter(Boolean);
  const lines = doc.text.split('\n');
  let at = 0;
  let found = -1;
  for (const key of keys) {
    const i = lines.findIndex((l, n) => n >= at && new RegExp(`^\\s*(- )?${key}:`).test(l));
    if (i < 0) break;
    found = i;
    at = i + 1;
  }
  return doc.line + Math.max(0, found);
}

const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'selfLink',
];
const SERVER_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
];

/**
 * An object that applies to a real cluster unchanged: without status and the fields the server owns (uid,
 * resourceVersion, timestamps, managedFields, its own annotations, a Service's addresses, a pod's node).
 */
export function exportObject(object: KubeObject): KubeObject {
  const metadata = Object.fromEntries(
    Object.entries(object.metadata).filter(([k]) => !SERVER_METADATA.includes(k)),
  ) as KubeObject['metadata'];
  const annotations = Object.fromEntries(
    Object.entries(metadata.annotations ?? {}).filter(([k]) => !SERVER_ANNOTATIONS.includes(k)),
  );
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  else delete metadata.annotations;
  const { status: _status, ...rest } = object;
  const copy: KubeObject = { ...rest, metadata };
  if (object.kind === 'Service' && copy.spec && typeof copy.spec === 'object') {
    const { clusterIP, clusterIPs: _ips, ...spec } = copy.spec as Record<string, unknown>;
    // A headless Service's `None` is what makes it headless; an assigned address is the server's.
    copy.spec = clusterIP === 'None' ? { ...spec, clusterIP } : spec;
  }
  if (object.kind === 'Pod' && copy.spec && typeof copy.spec === 'object') {
    const { nodeName: _node, ...spec } = copy.spec as Record<string, unknown>;
    copy.spec = spec;
  }
  return copy;
}

/** `exportObject` as YAML. */
export function exportYaml(object: KubeObject): string {
  return dump(exportObject(object), { noRefs: true, lineWidth: 120 });
}
