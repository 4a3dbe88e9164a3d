import type { KubeObject } from '@shared/api-types';
import type { Service } from '@shared/service-types';
import { exportObject } from './manifests';

/**
 * The manifest that creates a deleted object again as it was: the export (no status, nothing the server owns)
 * without the marks of its deletion. A Service keeps its nodePorts unless another Service took them meanwhile;
 * its cluster IP is left to the server (a headless Service keeps `None`), which picks a free one in the namespace's
 * range (asking for the old one could meet another Service that took it meanwhile).
 */
export function recreateManifest(
  object: KubeObject,
  nodePortsInUse: ReadonlySet<number> = new Set(),
): KubeObject {
  const copy = exportObject(structuredClone(object));
  delete copy.metadata.deletionTimestamp;
  delete copy.metadata.deletionGracePeriodSeconds;
  if (copy.kind === 'Service') {
    const spec = (copy as Service).spec;
    for (const port of spec.ports ?? []) {
      if (port.nodePort !== undefined && nodePortsInUse.has(port.nodePort)) delete port.nodePort;
    }
  }
  return copy;
}

/** The nodePorts other Services hold now (the deleted one is gone, so all of them are someone else's). */
export function nodePortsOf(services: readonly Service[]): Set<number> {
  return new Set(
    services.flatMap((s) => (s.spec.ports ?? []).flatMap((p) => (p.nodePort ? [p.nodePort] : []))),
  );
}
