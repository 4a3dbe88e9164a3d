import type { Pod } from '../shared/pod-types';
import type {
  EndpointAddress,
  EndpointPort,
  EndpointSlice,
  Endpoints,
  Service,
} from '../shared/service-types';
import { SERVICE_NAME_LABEL, SLICE_MANAGED_BY_LABEL, SLICE_MANAGER } from '../shared/service-types';

// What Kubernetes' endpoints and endpointslice controllers compute for a Service with a selector: its pods'
// addresses, ready or not, with each Service port resolved against the pod's container ports (a targetPort by
// name can resolve differently per pod, so addresses are grouped by the ports they resolve to). Pure.

const finished = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const isReady = (p: Pod) =>
  p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

export function selects(service: Service, pod: Pod): boolean {
  const selector = service.spec.selector;
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => pod.metadata.labels?.[k] === v);
}

/** The Service's ports as this pod serves them; a named targetPort the pod lacks is left out. */
export function resolvePorts(service: Service, pod: Pod): EndpointPort[] {
  const ports: EndpointPort[] = [];
  for (const p of service.spec.ports ?? []) {
    const target = p.targetPort ?? p.port;
    let number: number | undefined = typeof target === 'number' ? target : undefined;
    if (typeof target === 'string') {
      for (const c of pod.spec.containers)
        number ??= c.ports?.find(
          (cp) => cp.name === target && (cp.protocol ?? 'TCP') === (p.protocol ?? 'TCP'),
        )?.containerPort;
    }
    if (number !== undefined)
      ports.push({ ...(p.name ? { name: p.name } : {}), port: number, protocol: p.protocol ?? 'TCP' });
  }
  return ports;
}

const targetRefOf = (pod: Pod) => ({
  kind: 'Pod',
  namespace: pod.metadata.namespace,
  name: pod.metadata.name,
  uid: pod.metadata.uid,
});

function addressOf(pod: Pod): EndpointAddress {
  return {
    ip: pod.status!.podIP!,
    nodeName: pod.spec.nodeName ?? 'skiff',
    targetRef: targetRefOf(pod),
  };
}

const byIp = (a: EndpointAddress, b: EndpointAddress) =>
  a.ip.localeCompare(b.ip, undefined, { numeric: true });

export interface EndpointsPlan {
  subsets: NonNullable<Endpoints['subsets']>;
  slices: Array<Pick<EndpointSlice, 'endpoints' | 'ports'> & { portKey: string }>;
}

export function planEndpoints(service: Service, pods: Pod[]): EndpointsPlan {
  const groups = new Map<
    string,
    { ports: EndpointPort[]; ready: Pod[]; notReady: Pod[]; terminating: Pod[] }
  >();
  for (const pod of pods) {
    if (!selects(service, pod) || finished(pod) || !pod.status?.podIP) continue;
    const ports = resolvePorts(service, pod);
    const key = JSON.stringify(ports);
    const group = groups.get(key) ?? { ports, ready: [], notReady: [], terminating: [] };
    groups.set(key, group);
    // A terminating pod gets no new connections at once: it leaves Endpoints; slices keep it as terminating.
    if (pod.metadata.deletionTimestamp) group.terminating.push(pod);
    else if (isReady(pod)) group.ready.push(pod);
    else group.notReady.push(pod);
  }
  const keys = [...groups.keys()].sort();
  const subsets: EndpointsPlan['subsets'] = [];
  const slices: EndpointsPlan['slices'] = [];
  for (const key of keys) {
    const g = groups.get(key)!;
    const addresses = g.ready.map(addressOf).sort(byIp);
    const notReadyAddresses = g.notReady.map(addressOf).sort(byIp);
    if (addresses.length + notReadyAddresses.length > 0)
      subsets.push({
        ...(addresses.length ? { addresses } : {}),
        ...(notReadyAddresses.length ? { notReadyAddresses } : {}),
        ...(g.ports.length ? { ports: g.ports } : {}),
      });
    const endpoint = (pod: Pod, ready: boolean, terminating: boolean) => ({
      addresses: [pod.status!.podIP!],
      conditions: { ready, serving: ready || (terminating && isReady(pod)), terminating },
      nodeName: pod.spec.nodeName ?? 'skiff',
      targetRef: targetRefOf(pod),
    });
    slices.push({
      portKey: key,
      // discovery/v1 names every port, "" when the Service's port has none (kubectl describe dereferences it)
      ports: g.ports.map((p) => ({ ...p, name: p.name ?? '' })),
      endpoints: [
        ...g.ready.map((p) => endpoint(p, true, false)),
        ...g.notReady.map((p) => endpoint(p, false, false)),
        ...g.terminating.map((p) => endpoint(p, false, true)),
      ].sort((a, b) => a.addresses[0]!.localeCompare(b.addresses[0]!, undefined, { numeric: true })),
    });
  }
  return { subsets, slices };
}

export function sliceLabels(service: Service): Record<string, string> {
  return {
    ...service.metadata.labels,
    [SERVICE_NAME_LABEL]: service.metadata.name ?? '',
    [SLICE_MANAGED_BY_LABEL]: SLICE_MANAGER,
  };
}
