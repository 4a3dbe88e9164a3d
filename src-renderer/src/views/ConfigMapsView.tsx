import { useState } from 'react';
import type { Pod } from '@shared/pod-types';
import { configMapType, podType } from '@shared/resource-types';
import { useKubeList } from '../api/use-kube-list';
import { EditYaml } from '../components/EditYaml';
import { ConfigMapEditor, type ConfigMap } from '../config/ConfigMapEditor';
import { NewConfigForm } from '../config/NewConfigForm';
import { ErrorNotice } from '../components/ErrorNotice';
import { NotFoundPage } from '../objects/NotFoundPage';
import { ObjectEvents } from '../objects/ObjectEvents';
import { ObjectPage } from '../objects/ObjectPage';
import { objectRoute } from '../routing/app-route';
import { lastOpened } from '../routing/recent-objects';
import { useNavigation } from '../routing/route-context';
import { useRowSelection } from '../state/use-row-selection';
import { formatAge } from '../components/format-age';
import { ResourceTable, type Column } from '../components/ResourceTable';
import { useNow } from '../state/use-now';
import { DeleteButton } from '../undo/DeleteButton';
import { podsUsing } from '../undo/pods-using';

export function ConfigMapsView({ namespace }: { namespace: string }) {
  const now = useNow();
  const { data, error, isPending } = useKubeList<ConfigMap>(configMapType, namespace || undefined);
  const pods = useKubeList<Pod>(podType);
  const { route, go } = useNavigation();
  const [creating, setCreating] = useState(false);
  const items = data?.items ?? [];
  const { selected } = useRowSelection('configmaps', items);
  const chosen = items.find((o) => o.metadata.uid === selected);
  const users = (cm: ConfigMap) =>
    podsUsing(pods.data?.items ?? [], {
      kind: 'ConfigMap',
      name: cm.metadata.name ?? '',
      namespace: cm.metadata.namespace,
    }).length;
  const columns: Column<ConfigMap>[] = [
    {
      header: 'Name',
      cell: (cm) => (
        <button
          type="button"
          className="link-button"
          onClick={() => go(objectRoute('configmaps', cm.metadata.name ?? '', cm.metadata.namespace))}
        >
          {cm.metadata.name}
        </button>
      ),
    },
    ...(namespace ? [] : [{ header: 'Namespace', cell: (cm: ConfigMap) => cm.metadata.namespace }]),
    {
      header: 'Keys',
      cell: (cm) => Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length,
      width: '6em',
    },
    { header: 'Used by', cell: (cm) => users(cm) || '', width: '6em' },
    { header: 'Age', cell: (cm) => formatAge(cm.metadata.creationTimestamp, now), width: '6em' },
    {
      header: 'Actions',
      cell: (cm) => (
        <span className="row-actions">
          <EditYaml object={cm} type={configMapType} />
          <DeleteButton object={cm} type={configMapType} context={{ pods: users(cm) }} />
        </span>
      ),
      width: '12em',
    },
  ];
  const target = namespace || 'default';
  if (route.name !== undefined)
    return chosen ? (
      <ObjectPage
        kind="ConfigMap"
        object={chosen}
        view="configmaps"
        listLabel="ConfigMaps"
        now={now}
        actions={
          <>
            <EditYaml object={chosen} type={configMapType} />
            <span className="toolbar-end">
              <DeleteButton object={chosen} type={configMapType} context={{ pods: users(chosen) }} />
            </span>
          </>
        }
        tabs={[
          { id: 'data', label: 'Data', content: <ConfigMapEditor key={chosen.metadata.uid} live={chosen} /> },
          {
            id: 'events',
            label: 'Events',
            content: <ObjectEvents kind="ConfigMap" object={chosen} now={now} />,
          },
        ]}
      />
    ) : (
      <NotFoundPage kind="ConfigMap" view="configmaps" listLabel="ConfigMaps" loading={isPending} />
    );
  return (
    <section aria-labelledby="configmaps-title">
      <h1 id="configmaps-title">ConfigMaps</h1>
      <div className="toolbar">
        <button type="button" aria-expanded={creating} onClick={() => setCreating(!creating)}>
          New ConfigMap
        </button>
      </div>
      {creating && (
        <NewConfigForm
          kind="ConfigMap"
          namespace={target}
          onCreated={(name) => {
            setCreating(false);
            go(objectRoute('configmaps', name, target));
          }}
        />
      )}
      <ErrorNotice error={error} />
      {isPending ? (
        <p>Loading…</p>
      ) : (
        <ResourceTable
          label="ConfigMaps"
          items={items}
          columns={columns}
          empty="No ConfigMaps here."
          current={lastOpened('configmaps')}
        />
      )}
    </section>
  );
}
