import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { HorizontalPodAutoscaler } from '@shared/autoscaling-types';
import { horizontalPodAutoscalerType, objectPath } from '@shared/resource-types';
import { useObjectEvents } from '../views/use-object-events';
import { useSkiff } from '../state/skiff-context';
import { EditYaml } from './EditYaml';
import { ErrorNotice } from './ErrorNotice';
import { formatAge } from './format-age';

/** "cpu 72% of request (target 50%)" for each metric the HPA follows. */
export function describeTargets(hpa: HorizontalPodAutoscaler): string[] {
  return (hpa.spec.metrics ?? []).map((metric, i) => {
    const source = metric.resource ?? metric.containerResource;
    if (!source) return `${metric.type} metric (not supported by Skiff)`;
    const current =
      hpa.status?.currentMetrics?.[i]?.resource?.current ??
      hpa.status?.currentMetrics?.[i]?.containerResource?.current;
    if (source.target.type === 'Utilization')
      return `${source.name} ${current?.averageUtilization ?? '?'}% of request (target ${source.target.averageUtilization}%)`;
    return `${source.name} ${current?.averageValue ?? '?'} per pod (target ${source.target.averageValue})`;
  });
}

/**
 * While an HPA scales a Deployment, its replica count is the HPA's to set: this replaces the slider with the
 * HPA's bounds (editable), what it measures against its targets, its conditions and its recent decisions.
 */
export function AutoscalerControl({ hpa, now }: { hpa: HorizontalPodAutoscaler; now: number }) {
  const { client } = useSkiff();
  const namespace = hpa.metadata.namespace ?? 'default';
  const path = objectPath(horizontalPodAutoscalerType, hpa.metadata.name ?? '', namespace);
  const min = hpa.spec.minReplicas ?? 1;
  const max = hpa.spec.maxReplicas;
  const [draft, setDraft] = useState({ min, max });
  const bounds = useMutation({
    mutationFn: (next: { min: number; max: number }) =>
      client.mergePatch<HorizontalPodAutoscaler>(path, {
        spec: { minReplicas: next.min, maxReplicas: next.max },
      }),
    onError: () => setDraft({ min, max }),
  });
  useEffect(() => {
    if (!bounds.isPending) setDraft({ min, max });
  }, [min, max, bounds.isPending]);
  const apply = () => {
    if (draft.min !== min || draft.max !== max) bounds.mutate(draft);
  };
  const events = useObjectEvents({
    kind: 'HorizontalPodAutoscaler',
    namespace,
    name: hpa.metadata.name ?? '',
  });
  const decisions = [...(events.data?.items ?? [])]
    .sort((a, b) => Date.parse(b.lastTimestamp ?? '') - Date.parse(a.lastTimestamp ?? ''))
    .slice(0, 5);
  const problems = (hpa.status?.conditions ?? []).filter(
    (c) =>
      (c.type !== 'ScalingLimited' && c.status === 'False') ||
      (c.type === 'ScalingLimited' && c.status === 'True'),
  );
  const field = (name: 'min' | 'max', label: string) => (
    <label>
      {label}
      <input
        type="number"
        min={1}
        value={draft[name]}
        aria-label={label}
        onChange={(e) => setDraft({ ...draft, [name]: e.target.value === '' ? 0 : Number(e.target.value) })}
        onKeyDown={(e) => e.key === 'Enter' && apply()}
        onBlur={apply}
      />
    </label>
  );
  return (
    <div className="autoscaler" aria-label="Autoscaler">
      <p role="status" aria-label="Autoscaling state">
        Scaled by HorizontalPodAutoscaler <strong>{hpa.metadata.name}</strong>:{' '}
        {hpa.status?.currentReplicas ?? 0} replicas now, {hpa.status?.desiredReplicas ?? 0} wanted, between{' '}
        {min} and {max}.
      </p>
      <div className="scale-control">
        {field('min', 'Minimum replicas')}
        {field('max', 'Maximum replicas')}
        {bounds.isPending && <span>Saving…</span>}
        <EditYaml object={hpa} type={horizontalPodAutoscalerType} />
      </div>
      <ErrorNotice error={bounds.error} />
      <ul aria-label="Autoscaler targets">
        {describeTargets(hpa).map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
      {problems.map((c) => (
        <p key={c.type} className={c.type === 'ScalingLimited' ? 'hint' : 'pod-status-warn'}>
          {c.type} ({c.reason}): {c.message}
        </p>
      ))}
      <h4>Recent decisions</h4>
      {decisions.length === 0 ? (
        <p className="hint">No scaling decisions yet.</p>
      ) : (
        <ol aria-label="Autoscaler decisions">
          {decisions.map((e) => (
            <li key={e.metadata.uid} className={e.type === 'Warning' ? 'pod-status-warn' : undefined}>
              {formatAge(e.lastTimestamp, now)} ago · {e.reason}: {e.message}
              {(e.count ?? 1) > 1 ? ` (×${e.count})` : ''}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
