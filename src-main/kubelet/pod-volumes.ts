import type { Pod, Volume } from '../shared/pod-types';
import { memoryBytes } from '../shared/quantity';
import { SANDBOX_VOLUMES_DIR } from './config-volume-writer';
import { podVolumeName } from './pod-names';

// How each kind of pod volume becomes a Docker mount. emptyDirs and configMap/secret volumes are Docker
// volumes that live as long as the pod (config volumes on tmpfs, so a Secret never touches the disk).

export interface DockerVolumeToCreate {
  name: string;
  volume: string;
  driverOpts?: Record<string, string>;
}

const TMPFS = { type: 'tmpfs', device: 'tmpfs' };
const isConfigVolume = (v: Volume) => !!(v.configMap ?? v.secret);

/** The pod's configMap and secret volumes. */
export const configVolumes = (pod: Pod): Volume[] => (pod.spec.volumes ?? []).filter(isConfigVolume);

/** Docker volumes the pod needs before its containers can start; they live as long as the pod. */
export function volumesToCreate(pod: Pod): DockerVolumeToCreate[] {
  return (pod.spec.volumes ?? [])
    .filter((v) => v.emptyDir || isConfigVolume(v))
    .map((v) => {
      if (isConfigVolume(v)) return { name: podVolumeName(pod, v.name), volume: v.name, driverOpts: TMPFS };
      const memory = v.emptyDir?.medium === 'Memory';
      const size = v.emptyDir?.sizeLimit ? memoryBytes(v.emptyDir.sizeLimit) : undefined;
      return {
        name: podVolumeName(pod, v.name),
        volume: v.name,
        ...(memory ? { driverOpts: { ...TMPFS, ...(size ? { o: `size=${size}` } : {}) } } : {}),
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
  if (isConfigVolume(volume)) {
    plan.mounts.push({
      Type: 'volume',
      Source: podVolumeName(pod, volume.name),
      Target: target,
      ReadOnly: true,
    });
  } else if (volume.emptyDir) {
    plan.mounts.push({
      Type: 'volume',
      Source: podVolumeName(pod, volume.name),
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

/** The sandbox holds each config volume mounted read-write, for the writer; it also keeps the tmpfs alive. */
export function sandboxMounts(pod: Pod): Array<Record<string, unknown>> {
  return configVolumes(pod).map((v) => ({
    Type: 'volume',
    Source: podVolumeName(pod, v.name),
    Target: `${SANDBOX_VOLUMES_DIR}/${v.name}`,
  }));
}
