import { createHash } from 'node:crypto';
import {
  hasProxy,
  usesNodePorts,
  type Endpoints,
  type Service,
  type ServicePort,
} from '../shared/service-types';
import { SERVICE_PROXY_FINALIZER } from '../store/kinds/service-strategy';
import type { ContainerCreateSpec } from '../runtime/runtime-types';
import { LABEL } from '../runtime/labels';
import { chooseServiceIP } from '../shared/network-ranges';
import { nodePortRoutes, serviceRoutes, type CanarySplit } from './service-routes';

// What a Service's proxy should be (service-proxies.ts carries it out). Pure: from the Service (and its Endpoints,
// for the routes) and whether the host reaches pod addresses.
//   - a ClusterIP, NodePort or LoadBalancer Service gets one proxy container on its namespace's network, its
//     address the cluster IP, its routes written into a volume it reads;
//   - a NodePort or LoadBalancer Service publishes its nodePorts on 127.0.0.1: through Docker (`-p`) from that
//     proxy, or — where the host reaches pod addresses — from a second proxy in the host's network;
//   - a headless or ExternalName Service (names only, cluster-dns.ts) or a deleted one gets none.

export const PROXY_ROLE = 'service-proxy';
export const NODEPORT_ROLE = 'service-nodeport';
/** The routes volume's name inside the proxy (mounted under SANDBOX_VOLUMES_DIR). */
export const ROUTES_VOLUME = 'config';

export interface PublishedPort {
  /** Docker's port key, `80/tcp`. */
  containerPort: string;
  /** The nodePort (admission allocates one for every port of such a Service). */
  hostPort: number | undefined;
}

export interface ProxyPlan {
  /** `namespace/name`: what the proxy's containers and volume are labelled with. */
  key: string;
  uid: string;
  /** What the proxy container is made from; one with another shape is made again. */
  shape: string;
  /** Ports Docker publishes on 127.0.0.1 from the proxy (none when a host-network proxy serves them). */
  published: PublishedPort[];
  /** The Service's DNS names on its own namespace's network. */
  aliases: string[];
  /** Its names on every other namespace's network (the short name means a local Service there). */
  qualifiedAliases: string[];
  /** The host-network proxy for the nodePorts, when the host reaches pod addresses. */
  nodePortProxy: { shape: string; ports: number[] } | undefined;
}

export type ServiceProxyPlan =
  /** releaseFinalizer: a deleted Service's proxy finalizer can go once its proxy is removed */
  { wanted: false; releaseFinalizer: boolean } | ({ wanted: true } & ProxyPlan);

const shapeHash = (shape: unknown) =>
  createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 12);
const dockerPort = (p: ServicePort) => `${p.port}/${p.protocol === 'UDP' ? 'udp' : 'tcp'}`;

export function serviceAliases(service: Service): { own: string[]; qualified: string[] } {
  const { name, namespace } = service.metadata;
  const qualified = [
    `${name}.${namespace}`,
    `${name}.${namespace}.svc`,
    `${name}.${namespace}.svc.cluster.local`,
  ];
  return { own: [name ?? '', ...qualified], qualified };
}

export function planServiceProxy(service: Service | undefined, nodePortsOnHost: boolean): ServiceProxyPlan {
  if (!service || service.metadata.deletionTimestamp || !hasProxy(service))
    // A headless or ExternalName Service keeps the finalizer while it lives: it may turn ClusterIP again.
    return {
      wanted: false,
      releaseFinalizer:
        !!service?.metadata.deletionTimestamp &&
        !!service.metadata.finalizers?.includes(SERVICE_PROXY_FINALIZER),
    };
  const ports = service.spec.ports ?? [];
  const nodePorts = usesNodePorts(service);
  const published = nodePorts && !nodePortsOnHost;
  const aliases = serviceAliases(service);
  return {
    wanted: true,
    key: `${service.metadata.namespace}/${service.metadata.name}`,
    uid: service.metadata.uid ?? '',
    // Only the ports it publishes, which Docker cannot change on a running container: ports, affinity and
    // endpoints reach it through the routes file; its address is asked for again whenever it is made.
    shape: shapeHash(published ? ports.map((p) => [p.port, p.nodePort]) : []),
    published: published ? ports.map((p) => ({ containerPort: dockerPort(p), hostPort: p.nodePort })) : [],
    aliases: aliases.own,
    qualifiedAliases: aliases.qualified,
    // A host-network proxy listens on the nodePorts themselves: they are what it is made for.
    nodePortProxy:
      nodePorts && nodePortsOnHost
        ? {
            shape: shapeHash(ports.map((p) => p.nodePort ?? 0)),
            ports: ports.flatMap((p) => (p.nodePort ? [p.nodePort] : [])),
          }
        : undefined,
  };
}

/** The files the proxies read (service-routes.ts): `routes` for the proxy, `node-routes` for the host-network one. */
export function proxyRoutes(
  service: Service,
  endpoints: Endpoints | undefined,
  split?: CanarySplit,
): Array<{ path: 'routes' | 'node-routes'; content: string }> {
  return [
    { path: 'routes', content: serviceRoutes(service, endpoints, split) },
    { path: 'node-routes', content: nodePortRoutes(service, endpoints, split) },
  ];
}

/** status.loadBalancer.ingress: 127.0.0.1 for a LoadBalancer (its nodePorts are published there), else none. */
export const loadBalancerIngress = (service: Service): Array<{ ip: string }> | undefined =>
  service.spec.type === 'LoadBalancer' ? [{ ip: '127.0.0.1' }] : undefined;

/** Whether a found proxy container is the one the plan wants (else it is removed). */
export const isCurrent = (labels: Record<string, string>, uid: string, shape: string) =>
  labels[LABEL.serviceUid] === uid && labels[LABEL.specHash] === shape;

/**
 * The address the proxy asks for on its own network: the Service's cluster IP again when it has one, so a
 * re-created proxy keeps it; else the one chosen before, else a free one not held by another Service of the
 * namespace nor chosen for one that the store does not show yet. None without a services range: Docker chooses.
 */
export function planProxyAddress(
  service: Service,
  servicesRange: string | undefined,
  others: Service[],
  chosen: ReadonlyMap<string, string>,
): string | undefined {
  if (!servicesRange) return undefined;
  const uid = service.metadata.uid ?? '';
  const taken = new Set([
    ...others
      .filter((s) => s.metadata.uid !== uid)
      .map((s) => s.spec.clusterIP)
      .filter((ip): ip is string => !!ip),
    ...[...chosen].filter(([owner]) => owner !== uid).map(([, ip]) => ip),
  ]);
  return chooseServiceIP(servicesRange, taken, service.spec.clusterIP ?? chosen.get(uid));
}

/**
 * The namespaces whose networks the proxy joins under its qualified names: every other live namespace that has
 * pods (it has a network then) and that the proxy is not on yet.
 */
export function namespacesToJoin(
  service: Service,
  namespaces: Array<{ name: string; deleting: boolean }>,
  withPods: ReadonlySet<string>,
  joined: (namespace: string) => boolean,
): string[] {
  return namespaces
    .filter((ns) => !ns.deleting && ns.name !== service.metadata.namespace && withPods.has(ns.name))
    .filter((ns) => !joined(ns.name))
    .map((ns) => ns.name);
}

const short = (uid: string) => uid.replace(/-/g, '').slice(0, 10);
const proxyLimits = {
  RestartPolicy: { Name: 'no' },
  Memory: 64 * 2 ** 20,
  LogConfig: { Type: 'json-file', Config: { 'max-size': '1m' } },
};

export interface ProxyPlace {
  namespace: string;
  name: string;
  /** The namespace's network. */
  network: string;
  /** The cluster IP to ask for there (planProxyAddress). */
  address: string | undefined;
  image: string;
  /** The routes volume and where it is mounted. */
  volume: string;
  volumeTarget: string;
}

/** The proxy container on the Service's own network. */
export function proxyContainer(plan: ProxyPlan, place: ProxyPlace): ContainerCreateSpec {
  const { namespace, name, network, address } = place;
  const published = plan.published.length > 0;
  return {
    name: `skiff_${namespace}_${name}_SVC_${short(plan.uid)}`,
    body: {
      Image: place.image,
      Cmd: [`${place.volumeTarget}/routes`],
      Labels: {
        [LABEL.managed]: 'true',
        [LABEL.namespace]: namespace,
        [LABEL.role]: PROXY_ROLE,
        [LABEL.service]: plan.key,
        [LABEL.serviceUid]: plan.uid,
        [LABEL.specHash]: plan.shape,
      },
      ...(published
        ? { ExposedPorts: Object.fromEntries(plan.published.map((p) => [p.containerPort, {}])) }
        : {}),
      HostConfig: {
        NetworkMode: network,
        Mounts: [{ Type: 'volume', Source: place.volume, Target: place.volumeTarget }],
        ...proxyLimits,
        ...(published
          ? {
              PortBindings: Object.fromEntries(
                plan.published.map((p) => [
                  p.containerPort,
                  [{ HostIp: '127.0.0.1', HostPort: String(p.hostPort) }],
                ]),
              ),
            }
          : {}),
      },
      NetworkingConfig: {
        EndpointsConfig: {
          [network]: {
            Aliases: plan.aliases,
            ...(address ? { IPAMConfig: { IPv4Address: address } } : {}),
          },
        },
      },
    },
  };
}

/** The proxy in the host's network that listens on the nodePorts, reading the `node-routes` file. */
export function nodePortContainer(
  plan: ProxyPlan & { nodePortProxy: { shape: string } },
  place: Omit<ProxyPlace, 'network' | 'address'>,
): ContainerCreateSpec {
  const { namespace, name } = place;
  return {
    name: `skiff_${namespace}_${name}_NODEPORT_${short(plan.uid)}`,
    body: {
      Image: place.image,
      Cmd: [`${place.volumeTarget}/node-routes`],
      Labels: {
        [LABEL.managed]: 'true',
        [LABEL.namespace]: namespace,
        [LABEL.role]: NODEPORT_ROLE,
        [LABEL.service]: plan.key,
        [LABEL.serviceUid]: plan.uid,
        [LABEL.specHash]: plan.nodePortProxy.shape,
      },
      HostConfig: {
        NetworkMode: 'host',
        Mounts: [{ Type: 'volume', Source: place.volume, Target: place.volumeTarget }],
        ...proxyLimits,
      },
    },
  };
}
