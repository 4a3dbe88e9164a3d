import type { KubeObject } from './api-types';

// PersistentVolumeClaims, PersistentVolumes and StorageClasses (core v1, storage.k8s.io/v1).

export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
/** Skiff's provisioner: a claim becomes a named Docker volume. */
export const DOCKER_VOLUME_PROVISIONER = 'skiff.io/docker-volume';
export const LOCAL_STORAGE_CLASS = 'local';
export const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] as const;

export interface PersistentVolumeClaim extends KubeObject {
  spec: {
    accessModes?: string[];
    resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
    storageClassName?: string;
    volumeName?: string;
    volumeMode?: string;
    selector?: unknown;
  };
  status?: {
    phase?: 'Pending' | 'Bound' | 'Lost';
    capacity?: Record<string, string>;
    accessModes?: string[];
  };
}

export interface PersistentVolume extends KubeObject {
  spec: {
    capacity?: Record<string, string>;
    accessModes?: string[];
    claimRef?: { apiVersion?: string; kind?: string; namespace?: string; name?: string; uid?: string };
    persistentVolumeReclaimPolicy?: 'Delete' | 'Retain';
    storageClassName?: string;
    volumeMode?: string;
    csi?: { driver: string; volumeHandle: string; fsType?: string };
    hostPath?: { path: string; type?: string };
  };
  status?: { phase?: 'Pending' | 'Available' | 'Bound' | 'Released' | 'Failed'; message?: string };
}

export interface StorageClass extends KubeObject {
  provisioner: string;
  parameters?: Record<string, string>;
  reclaimPolicy?: 'Delete' | 'Retain';
  volumeBindingMode?: 'Immediate' | 'WaitForFirstConsumer';
  allowVolumeExpansion?: boolean;
}

const SHORT_ACCESS_MODES: Record<string, string> = {
  ReadWriteOnce: 'RWO',
  ReadOnlyMany: 'ROX',
  ReadWriteMany: 'RWX',
  ReadWriteOncePod: 'RWOP',
};

/** Access modes as kubectl prints them: "RWO,ROX". */
export const shortAccessModes = (modes: string[] | undefined, separator = ',') =>
  (modes ?? []).map((m) => SHORT_ACCESS_MODES[m] ?? m).join(separator);
