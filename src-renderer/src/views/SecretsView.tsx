import { useState } from 'react';
import type { KubeObject } from '@shared/api-types';
import { collectionPath, secretType } from '@shared/resource-types';
import { useKubeList } from '../api/use-kube-list';
import { EditYaml } from '../components/EditYaml';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatAge } from '../components/format-age';
import { ResourceTable, type Column } from '../components/ResourceTable';
import { useNow } from '../state/use-now';

type Secret = KubeObject & { type?: string; data?: Record<string, string>; immutable?: boolean };

function decode(value: string): string {
  const bytes = Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return `(${bytes.length} bytes of binary data)`;
  }
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
  const { data, error, isPending } = useKubeList<Secret>(collectionPath(secretType, namespace || undefined));
  const columns: Column<Secret>[] = [
    { header: 'Name', cell: (s) => s.metadata.name },
    ...(namespace ? [] : [{ header: 'Namespace', cell: (s: Secret) => s.metadata.namespace }]),
    { header: 'Type', cell: (s) => s.type ?? 'Opaque', width: '16em' },
    { header: 'Values', cell: (s) => <SecretValues secret={s} /> },
    { header: 'Age', cell: (s) => formatAge(s.metadata.creationTimestamp, now), width: '6em' },
    { header: 'Actions', cell: (s) => <EditYaml object={s} type={secretType} />, width: '7em' },
  ];
  return (
    <section aria-labelledby="secrets-title">
      <h1 id="secrets-title">Secrets</h1>
      <p className="hint">Values stay masked until you reveal one. Skiff stores Secrets encrypted on disk.</p>
      <ErrorNotice error={error} />
      {isPending ? (
        <p>Loading…</p>
      ) : (
        <ResourceTable label="Secrets" items={data?.items ?? []} columns={columns} empty="No Secrets here." />
      )}
    </section>
  );
}
