import { useId, useState } from 'react';
import type { KubeObject } from '@shared/api-types';
import { configMapType, objectPath } from '@shared/resource-types';
import { AddKeyForm } from './AddKeyForm';
import { configMapData, entriesOfConfigMap, isNewerVersion, newEntry, type DraftEntry } from './config-draft';
import { EditorActions } from './EditorActions';
import { FieldError } from './FieldError';
import { useConfigSave } from './use-config-save';
import { deepEqual } from '@shared/deep-equal';

export type ConfigMap = KubeObject & {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
  immutable?: boolean;
};

function ValueRow({
  entry,
  readOnly,
  problem,
  onChange,
  onRemove,
}: {
  entry: DraftEntry;
  readOnly: boolean;
  problem: string | undefined;
  onChange: (value: string) => void;
  onRemove: () => void;
}) {
  const errorId = useId();
  const lines = (entry.value ?? '').split('\n').length;
  return (
    <div className="config-entry">
      <label className="config-key" htmlFor={`${errorId}-value`}>
        {entry.key}
      </label>
      <textarea
        id={`${errorId}-value`}
        value={entry.value ?? ''}
        rows={Math.min(12, Math.max(1, lines))}
        readOnly={readOnly}
        spellCheck={false}
        onChange={(e) => onChange(e.target.value)}
        aria-label={`Value of ${entry.key}`}
        aria-invalid={problem !== undefined}
        aria-describedby={problem ? errorId : undefined}
      />
      {!readOnly && (
        <button
          type="button"
          className="link-button"
          aria-label={`Remove key ${entry.key}`}
          onClick={onRemove}
        >
          Remove
        </button>
      )}
      <FieldError id={errorId} message={problem} />
    </div>
  );
}

/**
 * A ConfigMap's keys and values, edited as a draft against the version it was opened at. An immutable
 * ConfigMap is shown read-only, with why.
 */
export function ConfigMapEditor({ live }: { live: ConfigMap }) {
  const [base, setBase] = useState(live);
  const [entries, setEntries] = useState(() => entriesOfConfigMap(live.data));
  const name = base.metadata.name ?? '';
  const what = `ConfigMap ${name}`;
  const reset = (to: ConfigMap) => {
    setBase(to);
    setEntries(entriesOfConfigMap(to.data));
  };
  const { save, failure, clearFailure } = useConfigSave<ConfigMap>(
    objectPath(configMapType, name, base.metadata.namespace),
    what,
    reset,
  );
  const data = configMapData(entries);
  const dirty = !deepEqual(data, base.data ?? {});
  const readOnly = base.immutable === true;
  const binaryKeys = Object.keys(base.binaryData ?? {});
  return (
    // the object page around it names the region and shows the name
    <div className="detail">
      {readOnly && (
        <p className="warning-box" role="note" aria-label="Immutable">
          This ConfigMap is immutable (<code>immutable: true</code>): Kubernetes refuses any change to its
          data. To change it, create a new ConfigMap and point the pods at it, or delete this one and create
          it again.
        </p>
      )}
      {entries.length === 0 && <p className="muted">No keys yet.</p>}
      {entries.map((entry) => (
        <ValueRow
          key={entry.id}
          entry={entry}
          readOnly={readOnly}
          problem={failure?.byKey[entry.key]}
          onChange={(value) =>
            setEntries((list) => list.map((e) => (e.id === entry.id ? { ...e, value } : e)))
          }
          onRemove={() => setEntries((list) => list.filter((e) => e.id !== entry.id))}
        />
      ))}
      {binaryKeys.length > 0 && (
        <p className="muted">Binary keys, kept as they are: {binaryKeys.join(', ')}</p>
      )}
      {!readOnly && (
        <>
          <AddKeyForm
            keys={[...entries.map((e) => e.key), ...binaryKeys]}
            onAdd={(key) => setEntries((list) => [...list, newEntry(key, '')])}
          />
          <EditorActions
            what={what}
            dirty={dirty}
            saving={save.isPending}
            failure={failure}
            changedOnServer={isNewerVersion(live.metadata.resourceVersion, base.metadata.resourceVersion)}
            onSave={() => save.mutate({ ...base, data })}
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
