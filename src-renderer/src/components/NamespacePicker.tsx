import type { Namespace } from '@shared/api-types';
import { namespaceType } from '@shared/resource-types';
import { useKubeList } from '../api/use-kube-list';

export const ALL_NAMESPACES = '';

export function NamespacePicker({
  value,
  onChange,
}: {
  value: string;
  onChange: (namespace: string) => void;
}) {
  const { data } = useKubeList<Namespace>(namespaceType);
  const names = (data?.items ?? []).map((n) => n.metadata.name ?? '');
  return (
    <label className="namespace-picker">
      Namespace
      <select value={value} onChange={(e) => onChange(e.target.value)} aria-label="Namespace">
        <option value={ALL_NAMESPACES}>All namespaces</option>
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
