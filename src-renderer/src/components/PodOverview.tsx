import type { ContainerStatus, Pod } from '@shared/pod-types';
import { useObjectEvents } from '../views/use-object-events';
import { NodeLink } from '../nodes/NodeLink';
import { formatAge } from './format-age';

function describeState(status: ContainerStatus | undefined): string {
  const state = status?.state ?? {};
  if (state.running) return `Running since ${state.running.startedAt ?? '?'}`;
  if (state.waiting)
    return `Waiting: ${state.waiting.reason ?? ''}${state.waiting.message ? ` (${state.waiting.message})` : ''}`;
  if (state.terminated)
    return `Terminated: ${state.terminated.reason ?? ''}, exit code ${state.terminated.exitCode}`;
  return 'Not started';
}

function lastTermination(status: ContainerStatus | undefined): string | undefined {
  const t = status?.lastState?.terminated;
  return t ? `${t.reason ?? 'Terminated'}, exit code ${t.exitCode} at ${t.finishedAt ?? '?'}` : undefined;
}

/** A pod's containers (state, last termination, probes), conditions, volumes and events. */
export function PodOverview({ pod, now }: { pod: Pod; now: number }) {
  const namespace = pod.metadata.namespace ?? 'default';
  const events = useObjectEvents({ kind: 'Pod', namespace, name: pod.metadata.name ?? '' });
  const statusOf = (name: string) => pod.status?.containerStatuses?.find((s) => s.name === name);
  return (
    <>
      <p>
        Node: <NodeLink name={pod.spec.nodeName} />
      </p>
      <h3>Containers</h3>
      <ul aria-label="Containers">
        {pod.spec.containers.map((c) => {
          const status = statusOf(c.name);
          const last = lastTermination(status);
          return (
            <li key={c.name}>
              <strong>{c.name}</strong> <code>{c.image}</code> · {describeState(status)} · restarts{' '}
              {status?.restartCount ?? 0}
              {last && <div className="hint">Last termination: {last}</div>}
              {c.readinessProbe && (
                <div className="hint">Readiness probe: {JSON.stringify(c.readinessProbe)}</div>
              )}
              {c.livenessProbe && (
                <div className="hint">Liveness probe: {JSON.stringify(c.livenessProbe)}</div>
              )}
            </li>
          );
        })}
      </ul>
      <h3>Conditions</h3>
      <ul aria-label="Conditions">
        {(pod.status?.conditions ?? []).map((c) => (
          <li key={c.type}>
            {c.type}: {c.status}
            {c.reason ? ` (${c.reason}${c.message ? `: ${c.message}` : ''})` : ''}
          </li>
        ))}
      </ul>
      {(pod.spec.volumes ?? []).length > 0 && (
        <>
          <h3>Volumes</h3>
          <ul aria-label="Volumes">
            {(pod.spec.volumes ?? []).map((v) => (
              <li key={v.name}>
                {v.name}:{' '}
                {Object.keys(v)
                  .filter((k) => k !== 'name')
                  .join(', ')}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Events</h3>
      <ul aria-label="Pod events">
        {(events.data?.items ?? []).map((e) => (
          <li key={e.metadata.uid} className={e.type === 'Warning' ? 'pod-status-warn' : undefined}>
            {formatAge(e.lastTimestamp ?? e.metadata.creationTimestamp, now)} ago · {e.reason}: {e.message}
          </li>
        ))}
      </ul>
    </>
  );
}
