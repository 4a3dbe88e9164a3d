import type { Pod } from '@shared/pod-types';
import { persistentVolumeClaimType, persistentVolumeType, podType } from '@shared/resource-types';
import { shortAccessModes, type PersistentVolume, type PersistentVolumeClaim } from '@shared/storage-types';
import { useKubeList } from '../api/use-kube-list';
import { EditYaml } from '../components/EditYaml';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatAge } from '../components/format-age';
import { ResourceTable, type Column } from '../components/ResourceTable';
import { useNow } from '../state/use-now';
import { DeleteButton } from '../undo/DeleteButton';
import { podsUsing } from '../undo/pods-using';

const modes = (list: string[] | undefined) => shortAccessModes(list, ', ');

/** Claims, what backs each of them, and the pods that reach outside the cluster through hostPath. */
export function StorageView({ namespace }: { namespace: string }) {
  const now = useNow();
  const claims = useKubeList<PersistentVolumeClaim>(persistentVolumeClaimType, namespace || undefined);
  const volumes = useKubeList<PersistentVolume>(persistentVolumeType);
  const pods = useKubeList<Pod>(podType, namespace || undefined);
  const podItems = pods.data?.items ?? [];
  const podsOf = (claim: PersistentVolumeClaim) =>
    podsUsing(podItems, {
      kind: 'PersistentVolumeClaim',
      name: claim.metadata.name ?? '',
      namespace: claim.metadata.namespace,
    });
  const usedBy = (claim: PersistentVolumeClaim) =>
    podsOf(claim)
      .map((p) => p.metadata.name)
      .join(', ');
  const volumeOf = (claim: PersistentVolumeClaim) => {
    const volume = (volumes.data?.items ?? []).find((v) => v.metadata.name === claim.spec.volumeName);
    return (
      volume && { name: volume.metadata.name ?? '', reclaimPolicy: volume.spec.persistentVolumeReclaimPolicy }
    );
  };
  const claimColumns: Column<PersistentVolumeClaim>[] = [
    { header: 'Name', cell: (c) => c.metadata.name },
    ...(namespace ? [] : [{ header: 'Namespace', cell: (c: PersistentVolumeClaim) => c.metadata.namespace }]),
    {
      header: 'Status',
      cell: (c) => (c.metadata.deletionTimestamp ? 'Terminating' : (c.status?.phase ?? 'Pending')),
      width: '8em',
    },
    { header: 'Volume', cell: (c) => c.spec.volumeName ?? '' },
    { header: 'Capacity', cell: (c) => c.status?.capacity?.storage ?? '', width: '6em' },
    { header: 'Access', cell: (c) => modes(c.status?.accessModes ?? c.spec.accessModes), width: '6em' },
    { header: 'Class', cell: (c) => c.spec.storageClassName ?? '', width: '6em' },
    { header: 'Used by', cell: usedBy },
    { header: 'Age', cell: (c) => formatAge(c.metadata.creationTimestamp, now), width: '6em' },
    {
      header: 'Actions',
      cell: (c) => (
        <span className="row-actions">
          <EditYaml object={c} type={persistentVolumeClaimType} />
          <DeleteButton
            object={c}
            type={persistentVolumeClaimType}
            context={{ pods: podsOf(c).length, volume: volumeOf(c) }}
          />
        </span>
      ),
      width: '12em',
    },
  ];
  const volumeColumns: Column<PersistentVolume>[] = [
    { header: 'Name', cell: (v) => v.metadata.name },
    { header: 'Capacity', cell: (v) => v.spec.capacity?.storage ?? '', width: '6em' },
    { header: 'Reclaim', cell: (v) => v.spec.persistentVolumeReclaimPolicy ?? '', width: '6em' },
    { header: 'Status', cell: (v) => v.status?.phase ?? '', width: '6em' },
    {
      header: 'Claim',
      cell: (v) => (v.spec.claimRef ? `${v.spec.claimRef.namespace}/${v.spec.claimRef.name}` : ''),
    },
    {
      header: 'Backed by',
      cell: (v) =>
        v.spec.csi
          ? `Docker volume ${v.spec.csi.volumeHandle}`
          : v.spec.hostPath
            ? `host ${v.spec.hostPath.path}`
            : '',
    },
    { header: 'Actions', cell: (v) => <EditYaml object={v} type={persistentVolumeType} />, width: '7em' },
  ];
  const hostPathPods = podItems.filter((p) => (p.spec.volumes ?? []).some((v) => v.hostPath));
  return (
    <section aria-labelledby="storage-title">
      <h1 id="storage-title">Storage</h1>
      <ErrorNotice error={claims.error ?? volumes.error ?? pods.error} />
      <h2>PersistentVolumeClaims</h2>
      {claims.isPending ? (
        <p>Loading…</p>
      ) : (
        <ResourceTable
          label="PersistentVolumeClaims"
          items={claims.data?.items ?? []}
          columns={claimColumns}
          empty="No claims here. A claim keeps data across pods, redeploys and Skiff restarts."
        />
      )}
      <h2>PersistentVolumes</h2>
      {volumes.isPending ? (
        <p>Loading…</p>
      ) : (
        <ResourceTable
          label="PersistentVolumes"
          items={volumes.data?.items ?? []}
          columns={volumeColumns}
          empty="No volumes yet."
        />
      )}
      {hostPathPods.length > 0 && (
        <div role="alert" className="warning-box" aria-label="hostPath warning">
          <strong>hostPath reaches outside the cluster.</strong> These pods read or write this computer&apos;s
          files directly; the same manifests on a real cluster would see a different machine&apos;s files:{' '}
          {hostPathPods
            .map(
              (p) =>
                `${p.metadata.namespace}/${p.metadata.name} (${(p.spec.volumes ?? [])
                  .filter((v) => v.hostPath)
                  .map((v) => v.hostPath!.path)
                  .join(', ')})`,
            )
            .join('; ')}
        </div>
      )}
    </section>
  );
}
