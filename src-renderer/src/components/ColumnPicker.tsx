import { Columns3 } from 'lucide-react';
import { useCallback, useState } from 'react';
import type { KubeObject } from '@shared/api-types';
import type { Column } from './ResourceRow';

const KEY = 'skiff.hidden-columns.';

/** The columns a user turned off for a table (by its label), kept across sessions. */
export function useHiddenColumns(label: string): [string[], (hidden: string[]) => void] {
  const [hidden, setHidden] = useState<string[]>(() => {
    try {
      return JSON.parse(localStorage.getItem(KEY + label) ?? '[]') as string[];
    } catch {
      return [];
    }
  });
  const update = useCallback(
    (next: string[]) => {
      setHidden(next);
      try {
        localStorage.setItem(KEY + label, JSON.stringify(next));
      } catch {
        // storage off: the choice lasts as long as the view
      }
    },
    [label],
  );
  return [hidden, update];
}

/** "Columns": which columns a table shows. Name and Actions always stay. */
export function ColumnPicker<T extends KubeObject>({
  label,
  columns,
  hidden,
  onChange,
}: {
  label: string;
  columns: Column<T>[];
  hidden: string[];
  onChange: (hidden: string[]) => void;
}) {
  const choosable = columns.filter((c, i) => i > 0 && c.header !== 'Actions' && c.header !== '');
  if (choosable.length === 0) return null;
  return (
    <details className="column-picker">
      <summary aria-label={`Columns of ${label}`}>
        <Columns3 size={14} aria-hidden="true" /> Columns
      </summary>
      <fieldset>
        <legend>Show columns</legend>
        {choosable.map((c) => (
          <label key={c.header}>
            <input
              type="checkbox"
              checked={!hidden.includes(c.header)}
              onChange={(e) =>
                onChange(e.target.checked ? hidden.filter((h) => h !== c.header) : [...hidden, c.header])
              }
            />
            {c.header}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
