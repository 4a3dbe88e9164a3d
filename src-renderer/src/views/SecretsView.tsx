import { useState } from 'react';
import type { Pod } from '@shared/pod-types';
import { podType, secretType } from '@shared/resource-types';
import { useKubeList } from '../api/use-kube-list';
import { EditYaml } from '../components/EditYaml';
import { decodeBase64 } from '../config/config-draft';
import { NewConfigForm } from '../config/NewConfigForm';
import { SecretEditor, type Secret } from '../config/SecretEditor';
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

function decode(value: string): string {
  return decodeBase64(value) ?? `(${atob(value).length} bytes of binary data)`;
}

/** A Secret's keys with their values masked; one value at a time is revealed on request, and hidden again. */
function SecretValues({ secret }: { secret: Secret }) {
  const [revealed, setRevealed] = useState<string | undefined>();
  const keys = Object.keys(secret.data ?? {}).sort();
  if (keys.length === 0) return <span className="muted">no keys</span>;
  return (
    <dl className="secret-values" aria-label={`Values of ${secret.metadata.name}`}>
      {keys.map((key) => {
        const shown = revealed === key;
        return (
          <div key={key} className="secret-value">
            <dt>{key}</dt>
            <dd>
              <code aria-label={`${key} value`}>{shown ? decode(secret.data![key]!) : '••••••••'}</code>
              <button
                type="button"
                className="link-button"
                aria-label={`${shown ? 'Hide' : 'Reveal'} ${key}`}
                onClick={() => setRevealed(shown ? undefined : key)}
              >
                {shown ? 'Hide' : 'Reveal'}
              </button>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

export function SecretsView({ namespace }: { namespace: string }) {
  const now = useNow();
  const { data, error, isPending } = useKubeList<Secret>(secretType, namespace || undefined);
  const pods = useKubeList<Pod>(podType);
  const { route, go } = useNavigation();
  const [creating, setCreating] = useState(false);
  const items = data?.items ?? [];
  const { selected } = useRowSelection('secrets', items);
  const chosen = items.find((o) => o.metadata.uid === selected);
  const users = (s: Secret) =>
    podsUsing(pods.data?.items ?? [], {
      kind: 'Secret',
      name: s.metadata.name ?? '',
      namespace: s.metadata.namespace,
    }).length;
  const columns: Column<Secret>[] = [
    {
      header: 'Name',
      cell: (s) => (
        <button
          type="button"
          className="link-button"
          onClick={() => go(objectRoute('secrets', s.metadata.name ?? '', s.metadata.namespace))}
        >
          {s.metadata.name}
        </button>
      ),
    },
    ...(namespace ? [] : [{ header: 'Namespace', cell: (s: Secret) => s.metadata.namespace }]),
    { header: 'Type', cell: (s) => s.type ?? 'Opaque', width: '16em' },
    { header: 'Values', cell: (s) => <SecretValues secret={s} /> },
    { header: 'Age', cell: (s) => formatAge(s.metadata.creationTimestamp, now), width: '6em' },
    {
      header: 'Actions',
      cell: (s) => (
        <span className="row-actions">
          <EditYaml object={s} type={secretType} />
          <DeleteButton object={s} type={secretType} context={{ pods: users(s) }} />
        </span>
      ),
      width: '12em',
    },
  ];
  const target = namespace || 'default';
  if (route.name !== undefined)
    return chosen ? (
      <ObjectPage
        kind="Secret"
        object={chosen}
        view="secrets"
        listLabel="Secrets"
        now={now}
        actions={
          <>
            <EditYaml object={chosen} type={secretType} />
            <span className="toolbar-end">
              <DeleteButton object={chosen} type={secretType} context={{ pods: users(chosen) }} />
            </span>
          </>
        }
        tabs={[
          { id: 'data', label: 'Data', content: <SecretEditor key={chosen.metadata.uid} live={chosen} /> },
          {
            id: 'events',
            label: 'Events',
            content: <ObjectEvents kind="Secret" object={chosen} now={now} />,
          },
        ]}
      />
    ) : (
      <NotFoundPage kind="Secret" view="secrets" listLabel="Secrets" loading={isPending} />
    );
  return (
    <section aria-labelledby="secrets-title">
      <h1 id="secrets-title">Secrets</h1>
      <p className="hint">Values stay masked until you reveal one. Skiff stores Secrets encrypted on disk.</p>
      <div className="toolbar">
        <button type="button" aria-expanded={creating} onClick={() => setCreating(!creating)}>
          New Secret
        </button>
      </div>
      {creating && (
        <NewConfigForm
          kind="Secret"
          namespace={target}
          onCreated={(name) => {
            setCreating(false);
            go(objectRoute('secrets', name, target));
          }}
        />
      )}
      <ErrorNotice error={error} />
      {isPending ? (
        <p>Loading…</p>
      ) : (
        <ResourceTable
          label="Secrets"
          items={items}
          columns={columns}
          empty="No Secrets here."
          current={lastOpened('secrets')}
        />
      )}
    </section>
  );
}
