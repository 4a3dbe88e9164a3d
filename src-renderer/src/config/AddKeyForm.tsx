import { useId, useState, type FormEvent } from 'react';
import { FieldError } from './FieldError';
import { keyProblem } from './config-draft';

/** Adds a key to a ConfigMap or Secret being edited; a bad or repeated name is explained at the field. */
export function AddKeyForm({ keys, onAdd }: { keys: string[]; onAdd: (key: string) => void }) {
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const errorId = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = keyProblem(key.trim(), keys);
    setProblem(found);
    if (found) return;
    onAdd(key.trim());
    setKey('');
  };
  return (
    <form className="inline-form add-key" onSubmit={submit} aria-label="Add a key">
      <label>
        New key
        <input
          value={key}
          onChange={(e) => {
            setKey(e.target.value);
            setProblem(undefined);
          }}
          placeholder="key.name"
          aria-label="New key name"
          aria-invalid={problem !== undefined}
          aria-describedby={problem ? errorId : undefined}
        />
      </label>
      <button type="submit">Add key</button>
      <FieldError id={errorId} message={problem} />
    </form>
  );
}
