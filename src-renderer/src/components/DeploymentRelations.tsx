import { summarizePod } from '@shared/pod-display';
import type { KubeEvent, Pod } from '@shared/pod-types';
import type { Service } from '@shared/service-types';
import type { Deployment } from '@shared/workload-types';
import { podStatusTone } from '../status/pod-status-tone';
import { formatAge } from './format-age';

interface Props {
  deployment: Deployment;
  pods: Array<{ pod: Pod; revision: number }>;
  services: Service[];
  events: KubeEvent[];
  now: number;
  onOpenPod: (name: string, namespace: string) => void;
  onOpenServices: () => void;
  /** Which of the three to show (all by default): an object page spreads them over its tabs. */
  show?: Array<'pods' | 'services' | 'events'>;
}

/** What a Deployment is made of and connected to: its pods (by revision), the Services that pick them, its events. */
export function DeploymentRelations({
  deployment,
  pods,
  services,
  events,
  now,
  onOpenPod,
  onOpenServices,
  show = ['pods', 'services', 'events'],
}: Props) {
  const name = deployment.metadata.name;
  return (
    <>
      {show.includes('pods') && (
        <section aria-label={`Pods of ${name}`}>
          <h3>Pods</h3>
          {pods.length === 0 ? (
            <p className="empty">No pods yet.</p>
          ) : (
            <table className="resource-table" aria-label="Deployment pods">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Revision</th>
                  <th scope="col">Ready</th>
                  <th scope="col">Status</th>
                  <th scope="col">Restarts</th>
                  <th scope="col">Age</th>
                </tr>
              </thead>
              <tbody>
                {pods.map(({ pod, revision }) => {
                  const summary = summarizePod(pod);
                  return (
                    <tr key={pod.metadata.uid} data-name={pod.metadata.name}>
                      <td>
                        <button
                          type="button"
                          className="link-button"
                          aria-label={`Open pod ${pod.metadata.name}`}
                          onClick={() => onOpenPod(pod.metadata.name ?? '', pod.metadata.namespace ?? '')}
                        >
                          {pod.metadata.name}
                        </button>
                      </td>
                      <td>{revision}</td>
                      <td>{summary.ready}</td>
                      <td>
                        <span className={`pod-status pod-status-${podStatusTone(summary.status)}`}>
                          {summary.status}
                        </span>
                      </td>
                      <td>{summary.restarts}</td>
                      <td>{formatAge(pod.metadata.creationTimestamp, now)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
      )}
      {show.includes('services') && (
        <section aria-label={`Services of ${name}`}>
          <h3>Services</h3>
          {services.length === 0 ? (
            <p className="empty">No Service selects these pods: other pods reach them only by pod IP.</p>
          ) : (
            <ul className="plain-list">
              {services.map((svc) => (
                <li key={svc.metadata.uid}>
                  <button type="button" className="link-button" onClick={onOpenServices}>
                    {svc.metadata.name}
                  </button>{' '}
                  {svc.spec.type ?? 'ClusterIP'} {svc.spec.clusterIP}{' '}
                  {(svc.spec.ports ?? [])
                    .map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`)
                    .join(', ')}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {show.includes('events') && (
        <section aria-label={`Events of ${name}`}>
          <h3>Events</h3>
          {events.length === 0 ? (
            <p className="empty">No events yet.</p>
          ) : (
            <ul className="plain-list event-list">
              {events.map((e) => (
                <li
                  key={e.metadata.uid ?? `${e.metadata.name}`}
                  className={e.type === 'Warning' ? 'pod-status-warn' : undefined}
                >
                  <span className="event-age">
                    {formatAge(e.lastTimestamp ?? e.metadata.creationTimestamp, now)}
                  </span>{' '}
                  <strong>{e.reason}</strong> {(e.involvedObject.kind ?? '').toLowerCase()}/
                  {e.involvedObject.name}: {e.message}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
