import { posix } from 'node:path';
import type { Pod, Volume, VolumeMount } from '../shared/pod-types';
import { memoryBytes } from '../shared/quantity';
import { SANDBOX_VOLUMES_DIR } from '../runtime/config-volume-writer';
import { podVolumeName } from '../runtime/pod-names';

// How each kind of pod volume becomes a Docker mount. emptyDirs and configMap/secret volumes are Docker
// volumes that live as long as the pod (config volumes on tmpfs, so a Secret never touches the disk); a claim
// is a Docker volume of its own that outlives pods; hostPath is a bind.

export interface DockerVolumeToCreate {
  name: string;
  volume: string;
  driverOpts?: Record<string, string>;
}

/** What the kubelet looked up for the pod's volumes before its containers are made. */
export interface ResolvedVolumes {
  /** The Docker volume behind each claim the pod mounts. */
  claims: Record<string, string>;
  /**
   * Host paths of Docker volumes, for subPath mounts on engines before API 1.45 (no VolumeOptions.Subpath):
   * those bind the subdirectory instead. Undefined when the engine has Subpath.
   */
  mountpoints?: Record<string, string>;
}

const TMPFS = { type: 'tmpfs', device: 'tmpfs' };
/** Volumes whose files the kubelet writes (configMap, secret, downwardAPI, projected). */
const isConfigVolume = (v: Volume) => !!(v.configMap ?? v.secret ?? v.downwardAPI ?? v.projected);

/** The pod's volumes whose files the kubelet writes: configMap, secret, downwardAPI, projected. */
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

/** The Docker volume behind a pod volume (undefined for hostPath, or an unresolved claim). */
export function dockerVolumeOf(pod: Pod, volume: Volume, resolved: ResolvedVolumes): string | undefined {
  if (volume.persistentVolumeClaim) return resolved.claims[volume.persistentVolumeClaim.claimName];
  if (volume.emptyDir || isConfigVolume(volume)) return podVolumeName(pod, volume.name);
  return undefined;
}

export interface MountPlan {
  /** Docker HostConfig.Mounts entries. */
  mounts: Array<Record<string, unknown>>;
  /** Docker HostConfig.Binds entries (used where Docker must create a missing host directory). */
  binds: string[];
}

function mountFor(
  pod: Pod,
  volume: Volume,
  mount: VolumeMount,
  resolved: ResolvedVolumes,
  plan: MountPlan,
): void {
  const target = mount.mountPath;
  const subPath = mount.subPath ?? '';
  // configMap and secret volumes are always read-only, as Kubernetes mounts them; so is a claim asked so.
  const readOnly =
    (mount.readOnly ?? false) || isConfigVolume(volume) || !!volume.persistentVolumeClaim?.readOnly;
  if (volume.hostPath) {
    const source = subPath ? posix.join(volume.hostPath.path, subPath) : volume.hostPath.path;
    const type = volume.hostPath.type ?? '';
    if (type === '' || type === 'DirectoryOrCreate')
      plan.binds.push(`${source}:${target}${readOnly ? ':ro' : ''}`);
    else plan.mounts.push({ Type: 'bind', Source: source, Target: target, ReadOnly: readOnly });
    return;
  }
  const source = dockerVolumeOf(pod, volume, resolved);
  if (!source) return;
  if (!subPath) {
    plan.mounts.push({ Type: 'volume', Source: source, Target: target, ReadOnly: readOnly });
  } else if (resolved.mountpoints) {
    const hostPath = posix.join(resolved.mountpoints[source] ?? '', subPath);
    plan.mounts.push({ Type: 'bind', Source: hostPath, Target: target, ReadOnly: readOnly });
  } else {
    plan.mounts.push({
      Type: 'volume',
      Source: source,
      Target: target,
      ReadOnly: readOnly,
      VolumeOptions: { Subpath: subPath },
    });
  }
}

export function mountsFor(pod: Pod, containerName: string, resolved: ResolvedVolumes): MountPlan {
  const container = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].find(
    (c) => c.name === containerName,
  );
  const plan: MountPlan = { mounts: [], binds: [] };
  for (const mount of container?.volumeMounts ?? []) {
    const volume = pod.spec.volumes?.find((v) => v.name === mount.name);
    if (volume) mountFor(pod, volume, mount, resolved, plan);
  }
  return plan;
}

/** subPaths inside Docker-volume-backed volumes, which must exist before a container mounts them. */
export function volumeSubPaths(pod: Pod): Array<{ volume: string; subPath: string }> {
  const found = new Map<string, { volume: string; subPath: string }>();
  for (const c of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]) {
    for (const m of c.volumeMounts ?? []) {
      const volume = pod.spec.volumes?.find((v) => v.name === m.name);
      if (m.subPath && volume && (volume.emptyDir || volume.persistentVolumeClaim))
        found.set(`${m.name}/${m.subPath}`, { volume: m.name, subPath: m.subPath });
    }
  }
  return [...found.values()];
}

/**
 * The pod volumes backed by a Docker volume (emptyDir, claim, config) that some container mounts through a
 * subPath: on engines without VolumeOptions.Subpath those mounts bind the file or directory on the host, so the
 * volume's host mountpoint must be known (a config volume's key mounted as one file is the common case).
 */
export function volumesMountedBySubPath(pod: Pod): string[] {
  const found = new Set<string>();
  for (const c of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]) {
    for (const m of c.volumeMounts ?? []) {
      const volume = pod.spec.volumes?.find((v) => v.name === m.name);
      if (m.subPath && volume && (volume.emptyDir || volume.persistentVolumeClaim || isConfigVolume(volume)))
        found.add(m.name);
    }
  }
  return [...found];
}

/**
 * The sandbox holds each config volume mounted read-write (for the writer; it also keeps the tmpfs alive),
 * and each volume a subPath points into (to make the subdirectory).
 */
export function sandboxMounts(pod: Pod, resolved: ResolvedVolumes): Array<Record<string, unknown>> {
  const names = new Set([
    ...configVolumes(pod).map((v) => v.name),
    ...volumeSubPaths(pod).map((s) => s.volume),
  ]);
  return [...names].flatMap((name) => {
    const volume = pod.spec.volumes?.find((v) => v.name === name);
    const source = volume && dockerVolumeOf(pod, volume, resolved);
    return source ? [{ Type: 'volume', Source: source, Target: `${SANDBOX_VOLUMES_DIR}/${name}` }] : [];
  });
}
