import { mkdir, open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pod, Volume } from '../shared/pod-types';
import { persistentVolumeClaimType, persistentVolumeType } from '../shared/resource-types';
import type { PersistentVolume, PersistentVolumeClaim } from '../shared/storage-types';
import type { ObjectStore } from '../store/object-store';
import type { ResolvedVolumes } from './pod-volumes';

// Before a pod's containers are made: which Docker volume backs each claim, and hostPath's type checks (the
// kubelet runs on the host whose paths these are). Errors read as Kubernetes' FailedMount messages.

export type VolumeResolution = { volumes: ResolvedVolumes; error?: string };

function claimVolume(store: ObjectStore, namespace: string, claimName: string): string {
  const claim = store.tryGet(persistentVolumeClaimType, namespace, claimName) as
    PersistentVolumeClaim | undefined;
  if (!claim) throw new Error(`persistentvolumeclaim "${claimName}" not found`);
  if (claim.status?.phase !== 'Bound' || !claim.spec.volumeName)
    throw new Error(`persistentvolumeclaim "${claimName}" is not bound`);
  const pv = store.tryGet(persistentVolumeType, undefined, claim.spec.volumeName) as
    PersistentVolume | undefined;
  const handle = pv?.spec.csi?.volumeHandle;
  if (!handle)
    throw new Error(
      `persistentvolume "${claim.spec.volumeName}" has no Docker volume (only Skiff's provisioned volumes can be mounted)`,
    );
  return handle;
}

const KIND_CHECKS: Record<string, { test: (s: Awaited<ReturnType<typeof stat>>) => boolean; what: string }> =
  {
    Directory: { test: (s) => s.isDirectory(), what: 'a directory' },
    File: { test: (s) => s.isFile(), what: 'a file' },
    Socket: { test: (s) => s.isSocket(), what: 'a socket file' },
    CharDevice: { test: (s) => s.isCharacterDevice(), what: 'a character device' },
    BlockDevice: { test: (s) => s.isBlockDevice(), what: 'a block device' },
  };

async function checkHostPath(volume: NonNullable<Volume['hostPath']>, subPaths: string[]): Promise<void> {
  const type = volume.type ?? '';
  const path = volume.path;
  if (type === 'DirectoryOrCreate') await mkdir(path, { recursive: true, mode: 0o755 });
  if (type === 'FileOrCreate') {
    const existing = await stat(path).catch(() => undefined);
    if (!existing) await (await open(path, 'a', 0o644)).close();
    else if (!existing.isFile()) throw new Error(`hostPath type check failed: ${path} is not a file`);
  }
  const check = KIND_CHECKS[type];
  if (check) {
    const found = await stat(path).catch(() => undefined);
    if (!found) throw new Error(`hostPath type check failed: ${path} does not exist`);
    if (!check.test(found)) throw new Error(`hostPath type check failed: ${path} is not ${check.what}`);
  }
  for (const sub of subPaths) await mkdir(join(path, sub), { recursive: true, mode: 0o755 });
}

export async function resolvePodVolumes(pod: Pod, store: ObjectStore): Promise<VolumeResolution> {
  const volumes: ResolvedVolumes = { claims: {} };
  const mounts = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].flatMap(
    (c) => c.volumeMounts ?? [],
  );
  for (const volume of pod.spec.volumes ?? []) {
    try {
      if (volume.persistentVolumeClaim) {
        const name = volume.persistentVolumeClaim.claimName;
        volumes.claims[name] = claimVolume(store, pod.metadata.namespace ?? 'default', name);
      }
      if (volume.hostPath) {
        const subPaths = mounts.filter((m) => m.name === volume.name && m.subPath).map((m) => m.subPath!);
        await checkHostPath(volume.hostPath, subPaths);
      }
    } catch (err) {
      return {
        volumes,
        error: `MountVolume.SetUp failed for volume "${volume.name}" : ${(err as Error).message}`,
      };
    }
  }
  return { volumes };
}
