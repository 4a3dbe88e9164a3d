import type { Container, DownwardAPIVolumeFile, Pod, ResourceFieldSelector } from '../shared/pod-types';
import { milliValue, parseQuantity } from '../shared/quantity';
import type { ProjectedFile } from './project-config-volume';

// The Downward API's values, as the kubelet computes them (pkg/fieldpath, pkg/api/v1/resource's
// ExtractContainerResourceValue, pkg/volume/downwardapi). Pure.

/** A value the kubelet cannot compute: the container waits (env) or the volume fails to mount. */
export class DownwardError extends Error {}

/** What the pod's object does not hold itself. */
export interface DownwardFacts {
  podIP?: string;
  hostIP?: string;
  /** The node's allocatable resources: a limit that is not set reads as these. */
  allocatable?: Record<string, string>;
}

/** fieldpath.FormatMap: `key="value"` lines in key order, values quoted as Go's %q does. */
export function formatMap(map: Record<string, string> | undefined): string {
  return Object.keys(map ?? {})
    .sort()
    .map((k) => `${k}=${JSON.stringify(map![k])}`)
    .join('\n');
}

export function fieldValue(pod: Pod, path: string, facts: DownwardFacts): string {
  const subscript = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (subscript) {
    const map = subscript[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations;
    return map?.[subscript[2]!] ?? '';
  }
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name ?? '';
    case 'metadata.namespace':
      return pod.metadata.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
    case 'metadata.labels':
      return formatMap(pod.metadata.labels);
    case 'metadata.annotations':
      return formatMap(pod.metadata.annotations);
    case 'spec.nodeName':
      return pod.spec.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec.serviceAccountName ?? 'default';
    case 'status.podIP':
    case 'status.podIPs':
      return facts.podIP ?? '';
    case 'status.hostIP':
    case 'status.hostIPs':
      return facts.hostIP ?? '';
  }
  throw new DownwardError(`unsupported fieldPath: ${path}`);
}

/**
 * resourceFieldRef's value: the container's limit or request divided by `divisor`, rounded up. A limit that is
 * not set reads as the node's allocatable amount (MergeContainerResourceLimits); a request that is not set is 0.
 */
export function resourceValue(
  pod: Pod,
  ref: ResourceFieldSelector,
  self: Container | undefined,
  facts: DownwardFacts,
): string {
  const containers = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
  const container = ref.containerName ? containers.find((c) => c.name === ref.containerName) : self;
  if (!container) throw new DownwardError(`container ${ref.containerName ?? ''} not found`);
  const [group, name] = ref.resource.split('.') as ['limits' | 'requests', string];
  let raw = container.resources?.[group]?.[name];
  if (raw === undefined && group === 'limits') raw = facts.allocatable?.[name];
  const divisor = ref.divisor === undefined || ref.divisor === '' ? '1' : String(ref.divisor);
  if (name === 'cpu') {
    const milli = raw === undefined ? 0 : (milliValue(String(raw)) ?? 0);
    const per = milliValue(divisor) ?? 1000;
    return String(Math.ceil(milli / per));
  }
  const amount = raw === undefined ? 0 : (parseQuantity(raw) ?? 0);
  const per = parseQuantity(divisor) ?? 1;
  return String(Math.ceil(amount / per));
}

/** The files of a downwardAPI volume (or a projected volume's downwardAPI source). */
export function projectDownwardFiles(
  pod: Pod,
  items: DownwardAPIVolumeFile[] | undefined,
  defaultMode: number,
  facts: DownwardFacts,
): ProjectedFile[] {
  return (items ?? []).map((item) => {
    const value = item.fieldRef
      ? fieldValue(pod, item.fieldRef.fieldPath, facts)
      : item.resourceFieldRef
        ? resourceValue(pod, item.resourceFieldRef, undefined, facts)
        : '';
    return { path: item.path, mode: item.mode ?? defaultMode, content: Buffer.from(value) };
  });
}
