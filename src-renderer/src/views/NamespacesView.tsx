import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Namespace } from '@shared/api-types';
import { collectionPath, namespaceType, PROTECTED_NAMESPACES } from '@shared/resource-types';
import { useKubeList } from '../api/use-kube-list';
import { EditYaml } from '../components/EditYaml';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatAge } from '../components/format-age';
import { ResourceTable, type Column } from '../components/ResourceTable';
import { useNow } from '../state/use-now';
import { useSkiff } from '../state/skiff-context';
import { DeleteButton } from '../undo/DeleteButton';

function CreateNamespaceForm() {
  const { client } = useSkiff();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: (newName: string) =>
      client.create<Namespace>(collectionPath(namespaceType), {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: newName },
      }),
    onSuccess: () => setName(''),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(name.trim());
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Create namespace">
      <label>
        New namespace
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="team-a"
          aria-label="New namespace name"
        />
      </label>
      <button type="submit" disabled={create.isPending || name.trim() === ''}>
        Create namespace
      </button>
      <ErrorNotice error={create.error} />
    </form>
  );
}

export function NamespacesView() {
  const now = useNow();
  const { data, error, isPending } = useKubeList<Namespace>(namespaceType);
  const columns: Column<Namespace>[] = [
    { header: 'Name', cell: (ns) => ns.metadata.name },
    {
      header: 'Status',
      cell: (ns) => (
        <span className={`phase phase-${ns.status?.phase ?? 'Unknown'}`}>
          {ns.status?.phase ?? 'Unknown'}
        </span>
      ),
    },
    { header: 'Age', cell: (ns) => formatAge(ns.metadata.creationTimestamp, now), width: '6em' },
    {
      header: 'Actions',
      cell: (ns) => (
        <span className="row-actions">
          <EditYaml object={ns} type={namespaceType} />
          {PROTECTED_NAMESPACES.includes(ns.metadata.name ?? '') ? null : (
            <DeleteButton object={ns} type={namespaceType} />
          )}
        </span>
      ),
      width: '14em',
    },
  ];
  return (
    <section aria-labelledby="namespaces-title">
      <h1 id="namespaces-title">Namespaces</h1>
      <p className="lede">Namespaces keep teams and apps apart: names only need to be unique inside one.</p>
      <CreateNamespaceForm />
      <ErrorNotice error={error} />
      {isPending ? (
        <p>Loading…</p>
      ) : (
        <ResourceTable
          label="Namespaces"
          items={data?.items ?? []}
          columns={columns}
          empty="No namespaces."
        />
      )}
    </section>
  );
}
