import { endpointsType, serviceType } from '@shared/resource-types';
import type { Endpoints, Service, ServicePort } from '@shared/service-types';
import { useKubeList } from '../api/use-kube-list';
import { EditYaml } from '../components/EditYaml';
import { ErrorNotice } from '../components/ErrorNotice';
import { OpenInBrowser } from '../components/OpenInBrowser';
import { formatAge } from '../components/format-age';
import { ResourceTable, type Column } from '../components/ResourceTable';
import { useNow } from '../state/use-now';
import { DeleteButton } from '../undo/DeleteButton';
import { IngressRules } from '../components/IngressRules';

/** Which pods a Service sends traffic to (ready) and which it holds back (not ready). */
function Backends({ endpoints }: { endpoints: Endpoints | undefined }) {
  const ready = (endpoints?.subsets ?? []).flatMap((s) => s.addresses ?? []);
  const notReady = (endpoints?.subsets ?? []).flatMap((s) => s.notReadyAddresses ?? []);
  if (ready.length + notReady.length === 0) return <span className="pod-status-warn">no pods match</span>;
  const name = (a: { ip: string; targetRef?: { name?: string } }) => a.targetRef?.name ?? a.ip;
  return (
    <span>
      {ready.length}/{ready.length + notReady.length} ready
      <span className="muted">
        {' '}
        ({[...ready.map(name), ...notReady.map((a) => `${name(a)} (not ready)`)].join(', ')})
      </span>
    </span>
  );
}

/** A targetPort by name that no selected pod has: allowed, but the Service then reaches nothing on it. */
function unresolvedPorts(service: Service, endpoints: Endpoints | undefined): string[] {
  const subsets = endpoints?.subsets ?? [];
  if (subsets.length === 0) return [];
  return (service.spec.ports ?? [])
    .filter((p) => typeof p.targetPort === 'string')
    .filter((p) => !subsets.some((s) => (s.ports ?? []).some((ep) => (ep.name ?? '') === (p.name ?? ''))))
    .map((p) => String(p.targetPort));
}

/** Headless Services and ExternalNames have no address (names only); others show theirs once the proxy has one. */
function clusterAddress(s: Service): string {
  if (s.spec.type === 'ExternalName') return '—';
  if (s.spec.clusterIP === 'None') return 'None (headless)';
  return s.spec.clusterIP || 'pending';
}

/** A browser can open a TCP port of a Service that has a proxy; not UDP, a headless Service or an ExternalName. */
const browsable = (s: Service, p: ServicePort) =>
  p.protocol !== 'UDP' && s.spec.clusterIP !== 'None' && s.spec.type !== 'ExternalName';

export function ServicesView({ namespace }: { namespace: string }) {
  const now = useNow();
  const services = useKubeList<Service>(serviceType, namespace || undefined);
  const endpoints = useKubeList<Endpoints>(endpointsType, namespace || undefined);
  const endpointsOf = (s: Service) =>
    endpoints.data?.items.find(
      (e) => e.metadata.namespace === s.metadata.namespace && e.metadata.name === s.metadata.name,
    );
  const columns: Column<Service>[] = [
    { header: 'Name', cell: (s) => s.metadata.name },
    ...(namespace ? [] : [{ header: 'Namespace', cell: (s: Service) => s.metadata.namespace }]),
    { header: 'Type', cell: (s) => s.spec.type ?? 'ClusterIP', width: '8em' },
    { header: 'Cluster IP', cell: clusterAddress, width: '9em' },
    {
      header: 'Ports',
      cell: (s) => (
        <span className="ports">
          {s.spec.type === 'ExternalName' ? (
            <span>
              name for <code>{s.spec.externalName}</code>
            </span>
          ) : null}
          {(s.spec.ports ?? []).map((p) => (
            <span key={`${p.port}/${p.protocol ?? 'TCP'}`}>
              {p.port}
              {p.protocol === 'UDP' ? '/UDP' : ''}→{String(p.targetPort ?? p.port)}{' '}
              {browsable(s, p) ? (
                <OpenInBrowser
                  namespace={s.metadata.namespace ?? 'default'}
                  kind="services"
                  name={s.metadata.name ?? ''}
                  port={p.port}
                />
              ) : null}
              {p.nodePort && browsable(s, p) ? (
                <>
                  {' '}
                  <a href={`http://127.0.0.1:${p.nodePort}/`} target="_blank" rel="noreferrer">
                    127.0.0.1:{p.nodePort}
                  </a>
                </>
              ) : p.nodePort ? (
                <span> 127.0.0.1:{p.nodePort}/UDP</span>
              ) : null}
            </span>
          ))}
          {unresolvedPorts(s, endpointsOf(s)).map((name) => (
            <span key={name} role="note" className="pod-status-warn">
              targetPort &quot;{name}&quot; is no container port of the selected pods
            </span>
          ))}
        </span>
      ),
    },
    { header: 'Sends traffic to', cell: (s) => <Backends endpoints={endpointsOf(s)} /> },
    { header: 'Age', cell: (s) => formatAge(s.metadata.creationTimestamp, now), width: '6em' },
    {
      header: 'Actions',
      cell: (s) => (
        <span className="row-actions">
          <EditYaml object={s} type={serviceType} />
          <DeleteButton object={s} type={serviceType} />
        </span>
      ),
      width: '12em',
    },
  ];
  return (
    <section aria-labelledby="services-title">
      <h1 id="services-title">Services</h1>
      <p className="hint">
        Pods reach a Service by its name (<code>name</code>, or <code>name.namespace</code> from another
        namespace); NodePort and LoadBalancer Services also answer on 127.0.0.1. A headless Service&apos;s
        name gives its ready pods&apos; addresses; an ExternalName&apos;s is an alias of another name.
      </p>
      <ErrorNotice error={services.error ?? endpoints.error} />
      {services.isPending ? (
        <p>Loading…</p>
      ) : (
        <ResourceTable
          label="Services"
          items={services.data?.items ?? []}
          columns={columns}
          empty="No Services here."
        />
      )}
      <IngressRules namespace={namespace} />
    </section>
  );
}
