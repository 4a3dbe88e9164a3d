import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import type { Disposable } from '../shared/disposable';
import { namespaceType, endpointsType, podType, serviceType } from '../shared/resource-types';
import { SERVICE_PROXY_FINALIZER } from '../store/kinds/service-strategy';
import {
  hasProxy,
  usesNodePorts,
  type Endpoints,
  type Service,
  type ServicePort,
} from '../shared/service-types';
import type { DockerRuntime } from '../runtime/docker-runtime';
import { LABEL } from '../runtime/labels';
import { chooseServiceIP } from '../runtime/network-ranges';
import { ignoreGoneOrChanged } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import { startControllerLoop, type ControllerLoop } from '../controllers/controller-loop';
import type { EventRecorder } from '../controllers/event-recorder';
import { ConfigVolumeWriter, SANDBOX_VOLUMES_DIR } from './config-volume-writer';
import { GATEWAY_ROLE } from './pod-gateway';
import { CLUSTER_DNS_ROLE } from './cluster-dns';
import { namespaceNetwork } from './pod-names';
import { nodePortRoutes, serviceRoutes } from './service-routes';
import { API_TUNNEL_ROLE } from '../network/in-cluster-api';

// Skiff's kube-proxy. Each Service gets a small proxy container (resources/proxy/skiff-proxy.c, static, in a
// FROM-scratch image) that sits on its namespace's network under the Service's DNS names (`name`, `name.ns`,
// `name.ns.svc`, `name.ns.svc.cluster.local`) and on every other namespace's network under the qualified ones
// only; its address there is the Service's cluster IP. It forwards each connection to one ready endpoint, from
// a routes file rewritten atomically on every Endpoints change. NodePort and LoadBalancer Services publish their
// ports on 127.0.0.1 through Docker, which works the same on Docker Desktop (the host need not be on the
// containers' network).

const ROUTES_VOLUME = 'config';
const dockerPort = (p: ServicePort) => `${p.port}/${p.protocol === 'UDP' ? 'udp' : 'tcp'}`;
const PROXY_ROLE = 'service-proxy';
const NODEPORT_ROLE = 'service-nodeport';

const aliasesIn = (s: Service, own: boolean) => {
  const { name, namespace } = s.metadata;
  const qualified = [
    `${name}.${namespace}`,
    `${name}.${namespace}.svc`,
    `${name}.${namespace}.svc.cluster.local`,
  ];
  return own ? [name ?? '', ...qualified] : qualified;
};

/**
 * What the proxy container is made from: only the ports it publishes on the host (when it publishes them), which
 * Docker cannot change on a running container. Other changes (ports, affinity, endpoints) reach it through the
 * routes file; its address, the cluster IP, is asked for again whenever it is re-created.
 */
function proxyShape(s: Service, nodePortsOnHost: boolean): string {
  const published = usesNodePorts(s) && !nodePortsOnHost;
  const shape = published ? (s.spec.ports ?? []).map((p) => [p.port, p.nodePort]) : [];
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 12);
}

/** A NodePort proxy in the host's network listens on the nodePorts: they are what it is made for. */
function nodePortShape(s: Service): string {
  const shape = (s.spec.ports ?? []).map((p) => p.nodePort ?? 0);
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 12);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

export interface ServiceProxiesOptions {
  store: ObjectStore;
  runtime: DockerRuntime;
  recorder: EventRecorder;
  /** The proxy image (proxy-image.ts), shared with the gateway. */
  proxyImage: () => Promise<string>;
  /**
   * Whether this host reaches pod addresses (a local Linux engine, probe-path.ts). Then NodePorts are served by
   * a second proxy in the host's network on 127.0.0.1 — one userland hop, as fast as a `docker run -p` port —
   * instead of through the engine's userland docker-proxy and then the Service's proxy.
   */
  nodePortsOnHost: Promise<boolean>;
}

export class ServiceProxies implements Disposable {
  private readonly loop: ControllerLoop;
  private readonly writer: ConfigVolumeWriter;
  private readonly disposables: Disposable[] = [];
  private readonly namespacesWithPods = new Set<string>();
  /** Addresses chosen for proxies (by Service uid) that the store may not show yet: two new Services at once. */
  private readonly chosenAddresses = new Map<string, string>();

  constructor(private readonly options: ServiceProxiesOptions) {
    const { store, runtime } = options;
    this.writer = new ConfigVolumeWriter(runtime);
    const serviceKeys = (namespace?: string) =>
      store
        .list(serviceType, namespace ? { namespace } : {})
        .items.map((s) => `${s.metadata.namespace}/${s.metadata.name}`);
    this.loop = startControllerLoop({
      store,
      name: 'service-proxies',
      reconcile: (key) => this.reconcile(key),
      keysFor: (event, type) => {
        const { namespace, name } = event.object.metadata;
        if (type === serviceType || type === endpointsType) return [`${namespace}/${name}`];
        if (type === namespaceType) return event.type === 'DELETED' ? [`namespace-gone:${name}`] : [];
        // The first pod of a namespace brings its network: every Service joins it, for `name.namespace`.
        if (type === podType && event.type === 'ADDED' && !this.namespacesWithPods.has(namespace ?? '')) {
          this.namespacesWithPods.add(namespace ?? '');
          return serviceKeys();
        }
        return [];
      },
      initialKeys: () => [...serviceKeys(), 'orphans'],
      queue: { baseDelayMs: 500, maxDelayMs: 30_000, concurrency: 4 },
    });
    this.disposables.push(
      runtime.watchEvents(
        (event) => {
          const service = event.labels[LABEL.service];
          // A proxy that dies is remade; its own creations and removals (ours) must not loop back here.
          const role = event.labels[LABEL.role];
          if ((role === PROXY_ROLE || role === NODEPORT_ROLE) && service && event.action === 'die')
            this.loop.add(service);
        },
        (connected) => {
          if (connected) for (const key of [...serviceKeys(), 'orphans']) this.loop.add(key);
        },
      ),
    );
    const timer = setInterval(() => {
      for (const key of [...serviceKeys(), 'orphans']) this.loop.add(key);
    }, 30_000);
    timer.unref();
    this.disposables.push({ dispose: () => clearInterval(timer) });
  }

  idle(): Promise<void> {
    return this.loop.idle();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.loop.dispose();
  }

  private network(namespace: string): string {
    return namespaceNetwork(this.options.runtime.instance, namespace);
  }

  private async reconcile(key: string): Promise<void> {
    if (key === 'orphans') return this.removeOrphans();
    if (key.startsWith('namespace-gone:')) return this.leaveNamespace(key.slice('namespace-gone:'.length));
    const [namespace, name] = key.split('/') as [string, string];
    const { store, runtime } = this.options;
    const service = store.tryGet(serviceType, namespace, name) as Service | undefined;
    const onHost = await this.options.nodePortsOnHost;
    const found = await runtime.listContainers({ [LABEL.role]: PROXY_ROLE, [LABEL.service]: key });
    // Headless and ExternalName Services are names only (cluster-dns.ts): no proxy, no cluster IP.
    const wanted = service && !service.metadata.deletionTimestamp && hasProxy(service);
    const stale = found.filter(
      (c) =>
        !wanted ||
        c.labels[LABEL.serviceUid] !== service.metadata.uid ||
        c.labels[LABEL.specHash] !== proxyShape(service, onHost),
    );
    for (const c of stale) {
      this.writer.forget(c.id);
      await runtime.removeContainer(c.id);
    }
    if (!wanted) {
      await this.reconcileNodePortProxy(key, undefined);
      if (service?.metadata.uid) this.chosenAddresses.delete(service.metadata.uid);
      await runtime.removeVolume(this.routesVolume(key)).catch(() => undefined);
      // A headless or ExternalName Service keeps the finalizer while it lives: it may turn ClusterIP again.
      if (
        service?.metadata.deletionTimestamp &&
        service.metadata.finalizers?.includes(SERVICE_PROXY_FINALIZER)
      )
        await store
          .update(serviceType, {
            ...service,
            metadata: {
              ...service.metadata,
              finalizers: service.metadata.finalizers.filter((f) => f !== SERVICE_PROXY_FINALIZER),
            },
          })
          .catch(ignoreGoneOrChanged);
      return;
    }
    const current = found.find((c) => !stale.includes(c));
    let details = current && (await runtime.inspectContainer(current.id));
    if (!details?.running) {
      if (current) {
        this.writer.forget(current.id);
        await runtime.removeContainer(current.id);
      }
      details = await this.createProxy(service, onHost);
      if (!details) return;
    }
    await this.joinNetworks(service, details.id, details.networkIps);
    const endpoints = store.tryGet(endpointsType, namespace, name) as Endpoints | undefined;
    await this.writer.write(details.id, ROUTES_VOLUME, [
      { path: 'routes', mode: 0o644, content: Buffer.from(serviceRoutes(service, endpoints)) },
      { path: 'node-routes', mode: 0o644, content: Buffer.from(nodePortRoutes(service, endpoints)) },
    ]);
    await this.reconcileNodePortProxy(key, onHost && usesNodePorts(service) ? service : undefined);
    await this.recordAddress(service, details.networkIps[this.network(namespace)]);
  }

  private routesVolume(key: string): string {
    return `skiff-${this.options.runtime.instance.slice(0, 8)}-svc-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
  }

  /**
   * The NodePort proxy in the host's network, when `service` wants one (else any is removed). It reads the
   * `node-routes` file of the Service's routes volume, written next to the proxy's own routes.
   */
  private async reconcileNodePortProxy(key: string, service: Service | undefined): Promise<void> {
    const { runtime, recorder } = this.options;
    const found = await runtime.listContainers({ [LABEL.role]: NODEPORT_ROLE, [LABEL.service]: key });
    const stale = found.filter(
      (c) =>
        !service ||
        c.labels[LABEL.serviceUid] !== service.metadata.uid ||
        c.labels[LABEL.specHash] !== nodePortShape(service),
    );
    for (const c of stale) await runtime.removeContainer(c.id);
    if (!service) return;
    const current = found.find((c) => !stale.includes(c));
    if (current && (await runtime.inspectContainer(current.id))?.running) return;
    if (current) await runtime.removeContainer(current.id);
    const ports = (service.spec.ports ?? []).flatMap((p) => (p.nodePort ? [p.nodePort] : []));
    const taken = [];
    for (const port of ports) if (!(await portIsFree(port))) taken.push(port);
    if (taken.length > 0) {
      const message = `nodePort ${taken.join(', ')} of this Service is in use on 127.0.0.1 by another program`;
      await recorder.record(service, 'Warning', 'FailedToStartServiceProxy', message);
      throw new Error(message);
    }
    const namespace = service.metadata.namespace ?? 'default';
    const id = await runtime.createContainer({
      name: `skiff_${namespace}_${service.metadata.name}_NODEPORT_${(service.metadata.uid ?? '').replace(/-/g, '').slice(0, 10)}`,
      body: {
        Image: await this.options.proxyImage(),
        Cmd: [`${SANDBOX_VOLUMES_DIR}/${ROUTES_VOLUME}/node-routes`],
        Labels: {
          [LABEL.managed]: 'true',
          [LABEL.namespace]: namespace,
          [LABEL.role]: NODEPORT_ROLE,
          [LABEL.service]: key,
          [LABEL.serviceUid]: service.metadata.uid ?? '',
          [LABEL.specHash]: nodePortShape(service),
        },
        HostConfig: {
          NetworkMode: 'host',
          Mounts: [
            {
              Type: 'volume',
              Source: this.routesVolume(key),
              Target: `${SANDBOX_VOLUMES_DIR}/${ROUTES_VOLUME}`,
            },
          ],
          RestartPolicy: { Name: 'no' },
          Memory: 64 * 2 ** 20,
          LogConfig: { Type: 'json-file', Config: { 'max-size': '1m' } },
        },
      },
    });
    try {
      await runtime.startContainer(id);
    } catch (err) {
      await runtime.removeContainer(id);
      throw err;
    }
  }

  private async createProxy(service: Service, nodePortsOnHost: boolean) {
    const { runtime, recorder } = this.options;
    const namespace = service.metadata.namespace ?? 'default';
    const key = `${namespace}/${service.metadata.name}`;
    const network = this.network(namespace);
    const image = await this.options.proxyImage();
    await runtime.ensureNetwork(network, { [LABEL.namespace]: namespace });
    const volume = this.routesVolume(key);
    await runtime.ensureVolume(volume, { [LABEL.service]: key }, { type: 'tmpfs', device: 'tmpfs' });
    const ports = service.spec.ports ?? [];
    const published = usesNodePorts(service) && !nodePortsOnHost;
    const address = await this.addressFor(service, network);
    const id = await runtime.createContainer({
      name: `skiff_${namespace}_${service.metadata.name}_SVC_${(service.metadata.uid ?? '').replace(/-/g, '').slice(0, 10)}`,
      body: {
        Image: image,
        Cmd: [`${SANDBOX_VOLUMES_DIR}/${ROUTES_VOLUME}/routes`],
        Labels: {
          [LABEL.managed]: 'true',
          [LABEL.namespace]: namespace,
          [LABEL.role]: PROXY_ROLE,
          [LABEL.service]: key,
          [LABEL.serviceUid]: service.metadata.uid ?? '',
          [LABEL.specHash]: proxyShape(service, nodePortsOnHost),
        },
        ...(published ? { ExposedPorts: Object.fromEntries(ports.map((p) => [dockerPort(p), {}])) } : {}),
        HostConfig: {
          NetworkMode: network,
          Mounts: [{ Type: 'volume', Source: volume, Target: `${SANDBOX_VOLUMES_DIR}/${ROUTES_VOLUME}` }],
          RestartPolicy: { Name: 'no' },
          Memory: 64 * 2 ** 20,
          LogConfig: { Type: 'json-file', Config: { 'max-size': '1m' } },
          ...(published
            ? {
                PortBindings: Object.fromEntries(
                  ports.map((p) => [dockerPort(p), [{ HostIp: '127.0.0.1', HostPort: String(p.nodePort) }]]),
                ),
              }
            : {}),
        },
        NetworkingConfig: {
          EndpointsConfig: {
            [network]: {
              Aliases: aliasesIn(service, true),
              ...(address ? { IPAMConfig: { IPv4Address: address } } : {}),
            },
          },
        },
      },
    });
    try {
      await runtime.startContainer(id);
    } catch (err) {
      await runtime.removeContainer(id);
      const message = (err as Error).message;
      const taken = /address already in use|port is already allocated/i.test(message);
      await recorder.record(
        service,
        'Warning',
        'FailedToStartServiceProxy',
        taken
          ? `a nodePort of this Service is in use on 127.0.0.1 by another program: ${message}`
          : `the Service's proxy did not start: ${message}`,
      );
      throw err;
    }
    return runtime.inspectContainer(id);
  }

  /**
   * The address the proxy asks for on its own network: the Service's cluster IP again when it has one there, so
   * a re-created proxy (engine restart, nodePort change, removed by hand) keeps it; else a free one. None on a
   * network made without a services range: Docker chooses then.
   */
  private async addressFor(service: Service, network: string): Promise<string | undefined> {
    const range = await this.options.runtime.serviceRange(network);
    if (!range) return undefined;
    const uid = service.metadata.uid ?? '';
    const others = this.options.store
      .list(serviceType, { namespace: service.metadata.namespace })
      .items.filter((s) => s.metadata.uid !== uid);
    const taken = new Set([
      ...others.map((s) => (s as Service).spec.clusterIP).filter((ip): ip is string => !!ip),
      ...[...this.chosenAddresses].filter(([owner]) => owner !== uid).map(([, ip]) => ip),
    ]);
    const address = chooseServiceIP(range, taken, service.spec.clusterIP ?? this.chosenAddresses.get(uid));
    if (address) this.chosenAddresses.set(uid, address);
    return address;
  }

  /**
   * The qualified names resolve from every namespace that has pods (each has a network then); the short name
   * only inside the Service's own.
   */
  private async joinNetworks(service: Service, id: string, joined: Record<string, string>): Promise<void> {
    const { store, runtime } = this.options;
    const withPods = new Set(store.list(podType).items.map((p) => p.metadata.namespace ?? ''));
    for (const ns of store.list(namespaceType).items) {
      const name = ns.metadata.name ?? '';
      if (ns.metadata.deletionTimestamp || name === service.metadata.namespace || !withPods.has(name))
        continue;
      const network = this.network(name);
      if (joined[network] !== undefined) continue;
      await runtime.ensureNetwork(network, { [LABEL.namespace]: ns.metadata.name ?? '' });
      await runtime.connectNetwork(network, id, aliasesIn(service, false));
    }
  }

  /** spec.clusterIP is the proxy's address on its own network; a LoadBalancer's ingress is 127.0.0.1. */
  private async recordAddress(service: Service, ip: string | undefined): Promise<void> {
    const { store } = this.options;
    const latest = store.tryGet(serviceType, service.metadata.namespace, service.metadata.name ?? '') as
      Service | undefined;
    if (!latest) return;
    if (ip && !latest.spec.clusterIP) {
      await store
        .update(serviceType, { ...latest, spec: { ...latest.spec, clusterIP: ip, clusterIPs: [ip] } })
        .catch(ignoreGoneOrChanged);
    }
    const fresh = store.tryGet(serviceType, service.metadata.namespace, service.metadata.name ?? '') as
      Service | undefined;
    if (!fresh) return;
    const ingress = fresh.spec.type === 'LoadBalancer' ? [{ ip: '127.0.0.1' }] : undefined;
    if (JSON.stringify(fresh.status?.loadBalancer?.ingress) !== JSON.stringify(ingress))
      await store
        .update(
          serviceType,
          { ...fresh, status: { loadBalancer: ingress ? { ingress } : {} } },
          { subresource: 'status' },
        )
        .catch(ignoreGoneOrChanged);
  }

  private async leaveNamespace(namespace: string): Promise<void> {
    const { runtime } = this.options;
    const network = this.network(namespace);
    const attached = [
      ...(await runtime.listContainers({ [LABEL.role]: PROXY_ROLE })),
      ...(await runtime.listContainers({ [LABEL.role]: GATEWAY_ROLE })),
      ...(await runtime.listContainers({ [LABEL.role]: API_TUNNEL_ROLE })),
      ...(await runtime.listContainers({ [LABEL.role]: CLUSTER_DNS_ROLE, [LABEL.namespace]: namespace })),
    ];
    for (const c of attached) await runtime.disconnectNetwork(network, c.id);
    await runtime.removeNetwork(network);
  }

  private async removeOrphans(): Promise<void> {
    const { store, runtime } = this.options;
    const uids = new Set(store.list(serviceType).items.map((s) => s.metadata.uid));
    for (const uid of this.chosenAddresses.keys()) if (!uids.has(uid)) this.chosenAddresses.delete(uid);
    const proxies = [
      ...(await runtime.listContainers({ [LABEL.role]: PROXY_ROLE })),
      ...(await runtime.listContainers({ [LABEL.role]: NODEPORT_ROLE })),
    ];
    for (const c of proxies) {
      if (!uids.has(c.labels[LABEL.serviceUid])) {
        this.writer.forget(c.id);
        await runtime.removeContainer(c.id);
      }
    }
    const keys = new Set(
      store.list(serviceType).items.map((s) => `${s.metadata.namespace}/${s.metadata.name}`),
    );
    for (const v of await runtime.listVolumes({})) {
      const service = v.labels[LABEL.service];
      if (service && !keys.has(service)) await runtime.removeVolume(v.name).catch(() => undefined);
    }
  }
}
