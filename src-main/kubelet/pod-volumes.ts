import type { Pod, Volume } from '../shared/pod-types';
import { memoryBytes } from '../shared/quantity';
import { emptyDirVolume } from './pod-names';

// How each kind of pod volume becomes a Docker mount. New sources (configMap, secret, persistentVolumeClaim)
// add a case here and, when they need Docker objects, to `volumesToCreate`.

export interface DockerVolumeToCreate {
  name: string;
  volume: string;
  driverOpts?: Record<string, string>;
}

/** Docker volumes the pod needs before its containers can start (emptyDirs live as long as the pod). */
export function volumesToCreate(pod: Pod): DockerVolumeToCreate[] {
  return (pod.spec.volumes ?? [])
    .filter((v) => v.emptyDir)
    .map((v) => {
      const memory = v.emptyDir?.medium === 'Memory';
      const size = v.emptyDir?.sizeLimit ? memoryBytes(v.emptyDir.sizeLimit) : undefined;
      return {
        name: emptyDirVolume(pod, v.name),
        volume: v.name,
        ...(memory
          ? { driverOpts: { type: 'tmpfs', device: 'tmpfs', ...(size ? { o: `size=${size}` } : {}) } }
          : {}),
      };
    });
}

export interface MountPlan {
  /** Docker HostConfig.Mounts entries. */
  mounts: Array<Record<string, unknown>>;
  /** Docker HostConfig.Binds entries (used where Docker must create a missing host directory). */
  binds: string[];
}

function mountFor(pod: Pod, volume: Volume, target: string, readOnly: boolean, plan: MountPlan): void {
  if (volume.emptyDir) {
    plan.mounts.push({
      Type: 'volume',
      Source: emptyDirVolume(pod, volume.name),
      Target: target,
      ReadOnly: readOnly,
    });
  } else if (volume.hostPath) {
    const type = volume.hostPath.type ?? '';
    if (type === '' || type === 'DirectoryOrCreate')
      plan.binds.push(`${volume.hostPath.path}:${target}${readOnly ? ':ro' : ''}`);
    else plan.mounts.push({ Type: 'bind', Source: volume.hostPath.path, Target: target, ReadOnly: readOnly });
  }
}

export function mountsFor(pod: Pod, containerName: string): MountPlan {
  const container = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].find(
    (c) => c.name === containerName,
  );
  const plan: MountPlan = { mounts: [], binds: [] };
  for (const mount of container?.volumeMounts ?? []) {
    const volume = pod.spec.volumes?.find((v) => v.name === mount.name);
    if (volume) mountFor(pod, volume, mount.mountPath, mount.readOnly ?? false, plan);
  }
  return plan;
}
