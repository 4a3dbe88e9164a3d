import { useId, useState } from 'react';
import type { KubeObject } from '@shared/api-types';
import { deepEqual } from '@shared/deep-equal';
import { objectPath, secretType } from '@shared/resource-types';
import { AddKeyForm } from './AddKeyForm';
import { entriesOfSecret, isNewerVersion, newEntry, secretData, type DraftEntry } from './config-draft';
import { EditorActions } from './EditorActions';
import { FieldError } from './FieldError';
import { MaskedValueInput } from './MaskedValueInput';
import { useConfigSave } from './use-config-save';

export type Secret = KubeObject & { type?: string; data?: Record<string, string>; immutable?: boolean };

function SecretRow({
  entry,
  problem,
  onChange,
  onRemove,
}: {
  entry: DraftEntry;
  problem: string | undefined;
  onChange: (value: string) => void;
  onRemove: () => void;
}) {
  const errorId = useId();
  return (
    <div className="config-entry">
      <span className="config-key">{entry.key}</span>
      <MaskedValueInput
        label={`New value of ${entry.key}`}
        placeholder={entry.stored !== undefined ? '•••••••• unchanged; type to replace' : 'value'}
        describedBy={problem ? errorId : undefined}
        invalid={problem !== undefined}
        onChange={onChange}
      />
      <button type="button" className="link-button" aria-label={`Remove key ${entry.key}`} onClick={onRemove}>
        Remove
      </button>
      <FieldError id={errorId} message={problem} />
    </div>
  );
}

/**
 * A Secret's keys with masked inputs: a value is replaced by typing a new one, never shown back into the page.
 * Saved as base64 in `data` against the version it was opened at. Immutable Secrets are read-only, with why.
 */
export function SecretEditor({ live }: { live: Secret }) {
  const [base, setBase] = useState(live);
  const [entries, setEntries] = useState(() => entriesOfSecret(live.data));
  // Bumped to clear the uncontrolled inputs on discard, reload and save.
  const [generation, setGeneration] = useState(0);
  const name = base.metadata.name ?? '';
  const what = `Secret ${name}`;
  const reset = (to: Secret) => {
    setBase(to);
    setEntries(entriesOfSecret(to.data));
    setGeneration((g) => g + 1);
  };
  const { save, failure, clearFailure } = useConfigSave<Secret>(
    objectPath(secretType, name, base.metadata.namespace),
    what,
    reset,
  );
  const readOnly = base.immutable === true;
  const dirty =
    entries.some((e) => e.value !== undefined) ||
    !deepEqual(Object.keys(secretData(entries)).sort(), Object.keys(base.data ?? {}).sort());
  return (
    // the object page around it names the region and shows the name
    <div className="detail">
      <p>
        Type <code>{base.type ?? 'Opaque'}</code>
      </p>
      {readOnly ? (
        <>
          <p className="warning-box" role="note" aria-label="Immutable">
            This Secret is immutable (<code>immutable: true</code>): Kubernetes refuses any change to its
            data. To change it, create a new Secret and point the pods at it, or delete this one and create it
            again.
          </p>
          <p>
            Keys:{' '}
            {Object.keys(base.data ?? {})
              .sort()
              .join(', ') || 'none'}
          </p>
        </>
      ) : (
        <>
          {entries.length === 0 && <p className="muted">No keys yet.</p>}
          {entries.map((entry) => (
            <SecretRow
              key={`${entry.id}-${generation}`}
              entry={entry}
              problem={failure?.byKey[entry.key]}
              onChange={(value) =>
                setEntries((list) => list.map((e) => (e.id === entry.id ? { ...e, value } : e)))
              }
              onRemove={() => setEntries((list) => list.filter((e) => e.id !== entry.id))}
            />
          ))}
          <AddKeyForm
            keys={entries.map((e) => e.key)}
            onAdd={(key) => setEntries((list) => [...list, newEntry(key, '')])}
          />
          <EditorActions
            what={what}
            dirty={dirty}
            saving={save.isPending}
            failure={failure}
            changedOnServer={isNewerVersion(live.metadata.resourceVersion, base.metadata.resourceVersion)}
            onSave={() => save.mutate({ ...base, data: secretData(entries) })}
            onDiscard={() => {
              clearFailure();
              reset(base);
            }}
            onReload={() => {
              clearFailure();
              reset(live);
            }}
          />
        </>
      )}
    </div>
  );
}
