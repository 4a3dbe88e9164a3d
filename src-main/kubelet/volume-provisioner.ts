import type { Disposable } from '../shared/disposable';
import type { Pod } from '../shared/pod-types';
import {
  persistentVolumeClaimType,
  persistentVolumeType,
  podType,
  storageClassType,
} from '../shared/resource-types';
import {
  DEFAULT_CLASS_ANNOTATION,
  DOCKER_VOLUME_PROVISIONER,
  LOCAL_STORAGE_CLASS,
  PVC_PROTECTION_FINALIZER,
  type PersistentVolume,
  type PersistentVolumeClaim,
  type StorageClass,
} from '../shared/storage-types';
import type { DockerRuntime } from '../runtime/docker-runtime';
import { LABEL } from '../runtime/labels';
import { ignoreGoneOrChanged } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import { startControllerLoop, type ControllerLoop } from '../machinery/controller-loop';
import type { EventRecorder } from '../machinery/event-recorder';
import { claimsOf, podsUsingClaim } from '../shared/claim-users';

// Dynamic provisioning for the `local` StorageClass: a claim becomes a named Docker volume (which lives in the
// engine, so it works the same on Docker Desktop) and a PersistentVolume that records it. Also
// Kubernetes' pvc-protection (a claim in use is not removed) and the Delete reclaim policy.

export const claimVolumeName = (instance: string, claimUid: string) =>
  `skiff-${instance.slice(0, 8)}-pvc-${claimUid}`;

const claimKey = (namespace: string, name: string) => `claim:${namespace}/${name}`;

export class VolumeProvisioner implements Disposable {
  private readonly loop: ControllerLoop;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly store: ObjectStore,
    private readonly runtime: DockerRuntime,
    private readonly recorder: EventRecorder,
  ) {
    this.loop = startControllerLoop({
      store,
      name: 'volume-provisioner',
      reconcile: (key) => this.reconcile(key),
      keysFor: (event, type) => {
        if (type === persistentVolumeClaimType) {
          const claim = event.object as PersistentVolumeClaim;
          const key = claimKey(claim.metadata.namespace ?? '', claim.metadata.name ?? '');
          // A claim gone releases its volume.
          return event.type === 'DELETED' && claim.spec.volumeName
            ? [key, `volume:${claim.spec.volumeName}`]
            : [key];
        }
        if (type === persistentVolumeType) return [`volume:${event.object.metadata.name}`];
        if (type === podType) {
          const pod = event.object as Pod;
          return claimsOf(pod).map((c) => claimKey(pod.metadata.namespace ?? '', c));
        }
        return [];
      },
      initialKeys: () => [
        ...store
          .list(persistentVolumeClaimType)
          .items.map((c) => claimKey(c.metadata.namespace ?? '', c.metadata.name ?? '')),
        ...store.list(persistentVolumeType).items.map((v) => `volume:${v.metadata.name}`),
        'orphans',
      ],
      queue: { baseDelayMs: 500, maxDelayMs: 30_000 },
    });
    this.timer = setInterval(() => this.loop.add('orphans'), 60_000);
    this.timer.unref();
  }

  idle(): Promise<void> {
    return this.loop.idle();
  }

  dispose(): void {
    clearInterval(this.timer);
    this.loop.dispose();
  }

  private async reconcile(key: string): Promise<void> {
    if (key === 'orphans') return this.removeOrphanVolumes();
    if (key.startsWith('volume:')) return this.reconcileVolume(key.slice('volume:'.length));
    const [namespace, name] = key.slice('claim:'.length).split('/') as [string, string];
    return this.reconcileClaim(namespace, name);
  }

  private async reconcileClaim(namespace: string, name: string): Promise<void> {
    const claim = this.store.tryGet(persistentVolumeClaimType, namespace, name) as
      PersistentVolumeClaim | undefined;
    if (!claim) return;
    if (claim.metadata.deletionTimestamp) return this.releaseProtection(claim);
    if (claim.spec.volumeName && claim.status?.phase === 'Bound') return;
    const className = claim.spec.storageClassName ?? '';
    const storageClass = className
      ? (this.store.tryGet(storageClassType, undefined, className) as StorageClass | undefined)
      : undefined;
    if (!storageClass || storageClass.provisioner !== DOCKER_VOLUME_PROVISIONER) {
      await this.recorder.record(
        claim,
        'Normal',
        'FailedBinding',
        className
          ? `storageclass.storage.k8s.io "${className}" not found`
          : 'no persistent volumes available for this claim and no storage class is set',
      );
      return;
    }
    await this.provision(claim, storageClass);
  }

  private async provision(claim: PersistentVolumeClaim, storageClass: StorageClass): Promise<void> {
    const uid = claim.metadata.uid ?? '';
    const pvName = `pvc-${uid}`;
    const handle = claimVolumeName(this.runtime.instance, uid);
    await this.runtime.ensureVolume(handle, {
      [LABEL.claimUid]: uid,
      [LABEL.claim]: `${claim.metadata.namespace}/${claim.metadata.name}`,
    });
    const capacity = { storage: claim.spec.resources?.requests?.storage ?? '0' };
    if (!this.store.tryGet(persistentVolumeType, undefined, pvName)) {
      await this.store.create(persistentVolumeType, {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: {
          name: pvName,
          annotations: { 'pv.kubernetes.io/provisioned-by': DOCKER_VOLUME_PROVISIONER },
          finalizers: ['kubernetes.io/pv-protection'],
        },
        spec: {
          capacity,
          accessModes: claim.spec.accessModes ?? ['ReadWriteOnce'],
          claimRef: {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            namespace: claim.metadata.namespace,
            name: claim.metadata.name,
            uid,
          },
          persistentVolumeReclaimPolicy: storageClass.reclaimPolicy ?? 'Delete',
          storageClassName: storageClass.metadata.name,
          volumeMode: 'Filesystem',
          csi: { driver: DOCKER_VOLUME_PROVISIONER, volumeHandle: handle },
        },
      } as PersistentVolume);
      await this.recorder.record(
        claim,
        'Normal',
        'ProvisioningSucceeded',
        `Successfully provisioned volume ${pvName} (Docker volume ${handle})`,
      );
    }
    await this.setVolumePhase(pvName, 'Bound');
    const fresh = this.store.get(
      persistentVolumeClaimType,
      claim.metadata.namespace,
      claim.metadata.name ?? '',
    ) as PersistentVolumeClaim;
    const bound = (await this.store.update(persistentVolumeClaimType, {
      ...fresh,
      metadata: {
        ...fresh.metadata,
        annotations: {
          ...fresh.metadata.annotations,
          'pv.kubernetes.io/bind-completed': 'yes',
          'pv.kubernetes.io/bound-by-controller': 'yes',
          'volume.kubernetes.io/storage-provisioner': DOCKER_VOLUME_PROVISIONER,
        },
      },
      spec: { ...fresh.spec, volumeName: pvName },
    })) as PersistentVolumeClaim;
    await this.store.update(
      persistentVolumeClaimType,
      { ...bound, status: { phase: 'Bound', capacity, accessModes: bound.spec.accessModes ?? [] } },
      { subresource: 'status' },
    );
  }

  /** pvc-protection: the finalizer goes once no pod that is not finished uses the claim. */
  private async releaseProtection(claim: PersistentVolumeClaim): Promise<void> {
    if (!claim.metadata.finalizers?.includes(PVC_PROTECTION_FINALIZER)) return;
    const pods = this.store.list(podType, { namespace: claim.metadata.namespace }).items as Pod[];
    if (podsUsingClaim(pods, claim.metadata.namespace ?? '', claim.metadata.name ?? '').length > 0) return;
    await this.store
      .update(persistentVolumeClaimType, {
        ...claim,
        metadata: {
          ...claim.metadata,
          finalizers: claim.metadata.finalizers.filter((f) => f !== PVC_PROTECTION_FINALIZER),
        },
      })
      .catch(ignoreGoneOrChanged);
  }

  /** A volume whose claim is gone: removed with its Docker volume (Delete), or kept as Released (Retain). */
  private async reconcileVolume(name: string): Promise<void> {
    const pv = this.store.tryGet(persistentVolumeType, undefined, name) as PersistentVolume | undefined;
    if (!pv) return;
    const ref = pv.spec.claimRef;
    const claim =
      ref &&
      (this.store.tryGet(persistentVolumeClaimType, ref.namespace, ref.name ?? '') as
        PersistentVolumeClaim | undefined);
    if (claim && claim.metadata.uid === ref?.uid) return;
    if (
      pv.spec.persistentVolumeReclaimPolicy !== 'Delete' ||
      pv.spec.csi?.driver !== DOCKER_VOLUME_PROVISIONER
    ) {
      if (ref) await this.setVolumePhase(name, 'Released');
      return;
    }
    if (!pv.metadata.deletionTimestamp) {
      await this.runtime.removeVolume(pv.spec.csi.volumeHandle);
      await this.store.delete(persistentVolumeType, undefined, name).catch(ignoreGoneOrChanged);
    }
    const deleting = this.store.tryGet(persistentVolumeType, undefined, name) as PersistentVolume | undefined;
    if (deleting?.metadata.finalizers?.length)
      await this.store
        .update(persistentVolumeType, { ...deleting, metadata: { ...deleting.metadata, finalizers: [] } })
        .catch(ignoreGoneOrChanged);
  }

  private async setVolumePhase(name: string, phase: 'Bound' | 'Released'): Promise<void> {
    const pv = this.store.tryGet(persistentVolumeType, undefined, name) as PersistentVolume | undefined;
    if (!pv || pv.status?.phase === phase) return;
    await this.store
      .update(persistentVolumeType, { ...pv, status: { phase } }, { subresource: 'status' })
      .catch(ignoreGoneOrChanged);
  }

  /** Docker volumes of claims that no longer exist (a crash between steps): removed. */
  private async removeOrphanVolumes(): Promise<void> {
    const claims = new Set(this.store.list(persistentVolumeClaimType).items.map((c) => c.metadata.uid));
    const handles = new Set(
      (this.store.list(persistentVolumeType).items as PersistentVolume[]).map(
        (v) => v.spec.csi?.volumeHandle,
      ),
    );
    for (const volume of await this.runtime.listVolumes({})) {
      const uid = volume.labels[LABEL.claimUid];
      if (uid && !claims.has(uid) && !handles.has(volume.name)) await this.runtime.removeVolume(volume.name);
    }
  }
}

/** The `local` StorageClass, marked default, made on first start (as kind and minikube ship `standard`). */
export async function ensureLocalStorageClass(store: ObjectStore): Promise<void> {
  if (store.tryGet(storageClassType, undefined, LOCAL_STORAGE_CLASS)) return;
  await store.create(storageClassType, {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: LOCAL_STORAGE_CLASS, annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } },
    provisioner: DOCKER_VOLUME_PROVISIONER,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
  } as StorageClass);
}
