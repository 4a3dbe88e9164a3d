import { useEffect, useMemo, useRef, useState } from 'react';
import type { KubeObject } from '@shared/api-types';
import {
  cronJobType,
  daemonSetType,
  deploymentType,
  jobType,
  podType,
  serviceType,
  statefulSetType,
} from '@shared/resource-types';
import { useKubeList } from '../api/use-kube-list';
import type { Area } from './AppFrame';
import { matchItems, type PaletteItem } from './palette-items';

/** Ctrl/Cmd+K: jump to any area, Deployment, pod or Service by typing a few letters of it. */
export function CommandPalette({
  areas,
  onChoose,
}: {
  areas: Area[];
  onChoose: (item: PaletteItem) => void;
}) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const deployments = useKubeList<KubeObject>(deploymentType);
  const pods = useKubeList<KubeObject>(podType);
  const services = useKubeList<KubeObject>(serviceType);
  const jobs = useKubeList<KubeObject>(jobType);
  const cronJobs = useKubeList<KubeObject>(cronJobType);
  const statefulSets = useKubeList<KubeObject>(statefulSetType);
  const daemonSets = useKubeList<KubeObject>(daemonSetType);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setOpen(true);
        setQuery('');
        setActive(0);
      } else if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  const items = useMemo(() => {
    const objects = (kind: string, path: string, list: KubeObject[] | undefined): PaletteItem[] =>
      (list ?? []).map((o) => ({
        label: `${kind} ${o.metadata.name} (${o.metadata.namespace})`,
        path,
        namespace: o.metadata.namespace,
        name: o.metadata.name,
      }));
    return [
      ...areas.map((a) => ({ label: `Go to ${a.label}`, path: a.path })),
      ...objects('Deployment', '/deployments', deployments.data?.items),
      ...objects('Pod', '/pods', pods.data?.items),
      ...objects('Service', '/services', services.data?.items),
      ...objects('Job', '/jobs', jobs.data?.items),
      ...objects('CronJob', '/jobs', cronJobs.data?.items),
      ...objects('StatefulSet', '/statefulsets', statefulSets.data?.items),
      ...objects('DaemonSet', '/daemonsets', daemonSets.data?.items),
    ];
  }, [
    areas,
    deployments.data,
    pods.data,
    services.data,
    jobs.data,
    cronJobs.data,
    statefulSets.data,
    daemonSets.data,
  ]);
  const shown = matchItems(items, query);
  if (!open) return null;
  const choose = (item: PaletteItem | undefined) => {
    if (!item) return;
    setOpen(false);
    onChoose(item);
  };
  return (
    <div className="palette-backdrop" onClick={() => setOpen(false)}>
      <div
        role="dialog"
        aria-label="Command palette"
        className="palette"
        onClick={(e) => e.stopPropagation()}
      >
        <input
          ref={input}
          aria-label="Jump to"
          placeholder="Jump to an area, Deployment, pod or Service…"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive(Math.min(active + 1, shown.length - 1));
            else if (e.key === 'ArrowUp') setActive(Math.max(active - 1, 0));
            else if (e.key === 'Enter') choose(shown[active]);
            else return;
            e.preventDefault();
          }}
        />
        <ul role="listbox" aria-label="Matches">
          {shown.map((item, i) => (
            <li
              key={`${item.path}|${item.label}`}
              role="option"
              aria-selected={i === active}
              onMouseEnter={() => setActive(i)}
              onClick={() => choose(item)}
            >
              {item.label}
            </li>
          ))}
          {shown.length === 0 && <li className="hint">Nothing matches.</li>}
        </ul>
      </div>
    </div>
  );
}
