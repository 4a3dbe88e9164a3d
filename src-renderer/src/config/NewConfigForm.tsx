import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { KubeObject } from '@shared/api-types';
import { collectionPath, configMapType, secretType } from '@shared/resource-types';
import { ApiRequestError } from '../api/api-client';
import { ErrorNotice } from '../components/ErrorNotice';
import { useSkiff } from '../state/skiff-context';
import { encodeBase64, keyProblem, nameProblem } from './config-draft';
import { FieldError } from './FieldError';
import { MaskedValueInput } from './MaskedValueInput';

type Kind = 'ConfigMap' | 'Secret';

function manifest(kind: Kind, name: string, key: string, value: string): KubeObject {
  return kind === 'ConfigMap'
    ? { apiVersion: 'v1', kind, metadata: { name }, data: { [key]: value } }
    : { apiVersion: 'v1', kind, metadata: { name }, type: 'Opaque', data: { [key]: encodeBase64(value) } };
}

/** Where the server put a refused field: the name, the key, or neither. */
function problemsOf(err: unknown): { name?: string; key?: string } {
  if (!(err instanceof ApiRequestError)) return {};
  const causes = err.status?.details?.causes ?? [];
  const name = causes.find((c) => c.field === 'metadata.name');
  const key = causes.find((c) => /^data\[/.test(c.field ?? ''));
  return {
    name: name && `${name.field}: ${name.message}`,
    key: key && `${key.field}: ${key.message}`,
  };
}

/** Creates a ConfigMap, or an Opaque Secret, with its first key; the rest is added in its editor. */
export function NewConfigForm({
  kind,
  namespace,
  onCreated,
}: {
  kind: Kind;
  namespace: string;
  onCreated: (name: string) => void;
}) {
  const { client } = useSkiff();
  const ids = useId();
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [local, setLocal] = useState<{ name?: string; key?: string }>({});
  // Bumped to clear the Secret's uncontrolled value input after a create.
  const [generation, setGeneration] = useState(0);
  const create = useMutation({
    mutationFn: () =>
      client.create(
        collectionPath(kind === 'ConfigMap' ? configMapType : secretType, namespace),
        manifest(kind, name.trim(), key.trim(), value),
      ),
    onSuccess: (created) => {
      onCreated(created.metadata.name ?? '');
      setName('');
      setKey('');
      setValue('');
      setGeneration((g) => g + 1);
    },
  });
  const server = problemsOf(create.error);
  const nameError = local.name ?? server.name;
  const keyError = local.key ?? server.key;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = { name: nameProblem(name.trim()), key: keyProblem(key.trim()) };
    setLocal(found);
    if (!found.name && !found.key) create.mutate();
  };
  const label = kind === 'ConfigMap' ? 'ConfigMap' : 'Secret';
  return (
    <form className="new-config" onSubmit={submit} aria-label={`New ${label}`}>
      <h2>
        New {kind === 'Secret' ? 'Opaque Secret' : 'ConfigMap'} in {namespace}
      </h2>
      <label>
        Name
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-label={`New ${label} name`}
          aria-invalid={nameError !== undefined}
          aria-describedby={nameError ? `${ids}-name` : undefined}
        />
      </label>
      <FieldError id={`${ids}-name`} message={nameError} />
      <label>
        First key
        <input
          value={key}
          onChange={(e) => setKey(e.target.value)}
          placeholder="key.name"
          aria-label={`New ${label} first key`}
          aria-invalid={keyError !== undefined}
          aria-describedby={keyError ? `${ids}-key` : undefined}
        />
      </label>
      <FieldError id={`${ids}-key`} message={keyError} />
      {kind === 'ConfigMap' ? (
        <label>
          Value
          <textarea
            value={value}
            rows={3}
            onChange={(e) => setValue(e.target.value)}
            aria-label={`New ${label} first value`}
          />
        </label>
      ) : (
        <label>
          Value
          <MaskedValueInput
            key={generation}
            label={`New ${label} first value`}
            placeholder="value"
            onChange={setValue}
          />
        </label>
      )}
      {!server.name && !server.key && <ErrorNotice error={create.error} />}
      <button type="submit" disabled={create.isPending}>
        Create {label}
      </button>
    </form>
  );
}
