import type { KubeObject } from '@shared/api-types';
import { collectionPath, configMapType } from '@shared/resource-types';
import { useKubeList } from '../api/use-kube-list';
import { EditYaml } from '../components/EditYaml';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatAge } from '../components/format-age';
import { ResourceTable, type Column } from '../components/ResourceTable';
import { useNow } from '../state/use-now';

type ConfigMap = KubeObject & { data?: Record<string, string>; binaryData?: Record<string, string> };

export function ConfigMapsView({ namespace }: { namespace: string }) {
  const now = useNow();
  const { data, error, isPending } = useKubeList<ConfigMap>(
    collectionPath(configMapType, namespace || undefined),
  );
  const columns: Column<ConfigMap>[] = [
    { header: 'Name', cell: (cm) => cm.metadata.name },
    ...(namespace ? [] : [{ header: 'Namespace', cell: (cm: ConfigMap) => cm.metadata.namespace }]),
    {
      header: 'Keys',
      cell: (cm) => Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length,
      width: '6em',
    },
    { header: 'Age', cell: (cm) => formatAge(cm.metadata.creationTimestamp, now), width: '6em' },
    { header: 'Actions', cell: (cm) => <EditYaml object={cm} type={configMapType} />, width: '7em' },
  ];
  return (
    <section aria-labelledby="configmaps-title">
      <h1 id="configmaps-title">ConfigMaps</h1>
      <ErrorNotice error={error} />
      {isPending ? (
        <p>Loading…</p>
      ) : (
        <ResourceTable
          label="ConfigMaps"
          items={data?.items ?? []}
          columns={columns}
          empty="No ConfigMaps here."
        />
      )}
    </section>
  );
}
