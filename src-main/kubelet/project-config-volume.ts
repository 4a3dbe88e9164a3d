import type { KubeObject } from '../shared/api-types';
import type { Volume } from '../shared/pod-types';
import type { ProjectedFile } from '../runtime/config-volume-writer';

export type { ProjectedFile };

// What a configMap or secret volume holds: one file per key (or per listed item), with Kubernetes' modes and
// messages. Pure: the writer puts these files into the volume.

export type Projection = { files: ProjectedFile[] } | { error: string };

const DEFAULT_MODE = 0o644;

interface ConfigSourceObject {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
}

/** The decoded bytes of each key of a ConfigMap (data, binaryData) or a Secret (data). */
function keysOf(obj: KubeObject): Map<string, Buffer> {
  const source = obj as KubeObject & ConfigSourceObject;
  const keys = new Map<string, Buffer>();
  if (obj.kind === 'Secret') {
    for (const [k, v] of Object.entries(source.data ?? {})) keys.set(k, Buffer.from(v, 'base64'));
    return keys;
  }
  for (const [k, v] of Object.entries(source.data ?? {})) keys.set(k, Buffer.from(v, 'utf8'));
  for (const [k, v] of Object.entries(source.binaryData ?? {})) keys.set(k, Buffer.from(v, 'base64'));
  return keys;
}

/** The config object a volume refers to, as `{ kind, name }`; undefined for other volume types. */
export function configSourceOf(volume: Volume): { kind: 'configmap' | 'secret'; name: string } | undefined {
  if (volume.configMap) return { kind: 'configmap', name: volume.configMap.name };
  if (volume.secret) return { kind: 'secret', name: volume.secret.secretName };
  return undefined;
}

export function projectConfigVolume(volume: Volume, source: KubeObject | undefined): Projection {
  const spec = volume.configMap ?? volume.secret;
  const ref = configSourceOf(volume);
  if (!spec || !ref) return { files: [] };
  if (!source) {
    return spec.optional ? { files: [] } : { error: `${ref.kind} "${ref.name}" not found` };
  }
  const keys = keysOf(source);
  const mode = spec.defaultMode ?? DEFAULT_MODE;
  if (!spec.items || spec.items.length === 0)
    return { files: [...keys].map(([key, content]) => ({ path: key, mode, content })) };
  const files: ProjectedFile[] = [];
  for (const item of spec.items) {
    const content = keys.get(item.key);
    if (!content) {
      if (spec.optional) continue;
      return {
        error:
          ref.kind === 'configmap'
            ? `configmap references non-existent config key: ${item.key}`
            : `references non-existent secret key: ${item.key}`,
      };
    }
    files.push({ path: item.path, mode: item.mode ?? mode, content });
  }
  return { files };
}
