import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Disposable } from '../shared/disposable';
import { endpointsType, namespaceType, serviceType } from '../shared/resource-types';
import { isKubernetesApiService as isApiService, type Service } from '../shared/service-types';
import type { DockerRuntime } from '../runtime/docker-runtime';
import { LABEL } from '../runtime/labels';
import { chooseServiceIP } from '../shared/network-ranges';
import type { ObjectStore } from '../store/object-store';
import { ApiError, ignoreGoneOrChanged } from '../store/api-error';
import { ConfigVolumeWriter, SANDBOX_VOLUMES_DIR } from '../runtime/config-volume-writer';
import { namespaceNetwork } from '../runtime/pod-names';
import { serviceEnv } from './service-routes';

// Pods reach Skiff's API as on a cluster: `kubernetes.default.svc` (and KUBERNETES_SERVICE_HOST) on 443. Skiff
// listens on 127.0.0.1 only and the engine may be in a VM, so the way in is a reverse tunnel: one skiff-proxy
// container in `reverse` mode, joined to each namespace network that has pods (with the Service's names as
// aliases), accepts pods' connections on 443 and pairs each with one of the idle connections Skiff keeps open
// to its control port (published on 127.0.0.1; each proves a secret only Skiff and the container know). Skiff
// hands the paired socket to the API server's in-cluster TLS listener. No port is opened anywhere but
// 127.0.0.1 and the namespace networks Skiff made.

export const API_SERVICE_NAMESPACE = 'default';
export const API_SERVICE_NAME = 'kubernetes';
export const API_TUNNEL_ROLE = 'api-tunnel';
const SERVICE_PORT = 443;
const CONTROL_PORT = 10001;
const IDLE_CONNECTIONS = 4;

const qualifiedNames = [
  `${API_SERVICE_NAME}.${API_SERVICE_NAMESPACE}`,
  `${API_SERVICE_NAME}.${API_SERVICE_NAMESPACE}.svc`,
  `${API_SERVICE_NAME}.${API_SERVICE_NAMESPACE}.svc.cluster.local`,
];
const aliasesIn = (namespace: string) =>
  namespace === API_SERVICE_NAMESPACE ? [API_SERVICE_NAME, ...qualifiedNames] : qualifiedNames;

/** The `kubernetes` Service in `default`, as kube-apiserver makes it (selector-less, port https 443). */
export async function ensureApiService(store: ObjectStore): Promise<void> {
  if (store.tryGet(serviceType, API_SERVICE_NAMESPACE, API_SERVICE_NAME)) return;
  await store
    .create(serviceType, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: API_SERVICE_NAME,
        namespace: API_SERVICE_NAMESPACE,
        labels: { component: 'apiserver', provider: 'kubernetes' },
      },
      spec: {
        type: 'ClusterIP',
        sessionAffinity: 'None',
        ports: [{ name: 'https', port: SERVICE_PORT, protocol: 'TCP', targetPort: SERVICE_PORT }],
      },
    })
    .catch((err: unknown) => {
      if (!(err instanceof ApiError && err.code === 409)) throw err;
    });
}

export class InClusterApi implements Disposable {
  private container: Promise<{ id: string; hostPort: number }> | undefined;
  /** The tunnel's address on each namespace network it joined. */
  private readonly addresses = new Map<string, string>();
  private readonly joining = new Map<string, Promise<string | undefined>>();
  private readonly idle = new Set<Socket>();
  private readonly secret = randomBytes(24).toString('hex');
  private readonly writer: ConfigVolumeWriter;
  private stopped = false;
  private failures = 0;
  private readonly retries = new Set<NodeJS.Timeout>();
  private readonly subscription: Disposable;

  constructor(
    private readonly runtime: DockerRuntime,
    private readonly proxyImage: () => Promise<string>,
    private readonly store: ObjectStore,
    private readonly accept: (socket: Duplex) => void,
  ) {
    this.writer = new ConfigVolumeWriter(runtime);
    // a deleted namespace's network can go only once nothing is attached to it: the tunnel leaves it first
    this.subscription = store.subscribe((event, type) => {
      const ns = event.object.metadata.name ?? '';
      if (
        type === namespaceType &&
        ns !== API_SERVICE_NAMESPACE &&
        (event.type === 'DELETED' || event.object.metadata.deletionTimestamp)
      )
        void this.leave(ns);
    });
  }

  private async leave(namespace: string): Promise<void> {
    const tunnel = this.addresses.has(namespace) && (await this.container?.catch(() => undefined));
    this.addresses.delete(namespace);
    if (!tunnel) return;
    await this.runtime
      .disconnectNetwork(namespaceNetwork(this.runtime.instance, namespace), tunnel.id)
      .catch((err: Error) => console.error(`api-tunnel: leaving ${namespace}: ${err.message}`));
  }

  /** Joins the namespace's network (making the tunnel first if needed); the tunnel's address there. */
  ensure(namespace: string): Promise<string | undefined> {
    const known = this.addresses.get(namespace);
    if (known) return Promise.resolve(known);
    let pending = this.joining.get(namespace);
    if (!pending) {
      pending = this.join(namespace).finally(() => this.joining.delete(namespace));
      this.joining.set(namespace, pending);
    }
    return pending;
  }

  /** KUBERNETES_SERVICE_HOST and the rest for a pod of `namespace`: the address that reaches the API from there. */
  env(namespace: string): Array<[string, string]> {
    const ip = this.addresses.get(namespace);
    const service = this.store.tryGet(serviceType, API_SERVICE_NAMESPACE, API_SERVICE_NAME) as
      Service | undefined;
    if (!ip || !service) return [];
    // The host is the name, not the address: the serving certificate names kubernetes.default.svc, while the
    // tunnel's address differs per namespace network (the _ADDR variables carry it).
    return serviceEnv({ ...service, spec: { ...service.spec, clusterIP: ip } }).map(([key, value]) =>
      key === 'KUBERNETES_SERVICE_HOST'
        ? [key, `${API_SERVICE_NAME}.${API_SERVICE_NAMESPACE}.svc`]
        : [key, value],
    );
  }

  dispose(): void {
    this.stopped = true;
    this.subscription.dispose();
    for (const timer of this.retries) clearTimeout(timer);
    this.retries.clear();
    for (const socket of this.idle) socket.destroy();
    this.idle.clear();
  }

  /** Removes the tunnel (Skiff's own plumbing, made again on the next start). */
  async stop(): Promise<void> {
    this.dispose();
    const found = await this.runtime.listContainers({ [LABEL.role]: API_TUNNEL_ROLE }).catch(() => []);
    for (const c of found) await this.runtime.removeContainer(c.id).catch(() => undefined);
    await this.runtime.removeVolume(this.volume()).catch(() => undefined);
  }

  private volume(): string {
    return `skiff-${this.runtime.instance.slice(0, 8)}-api-tunnel`;
  }

  private async join(namespace: string): Promise<string | undefined> {
    if (!this.container) {
      this.container = this.create(namespace);
      this.container.catch(() => (this.container = undefined));
    }
    const tunnel = await this.container;
    const network = namespaceNetwork(this.runtime.instance, namespace);
    let details = await this.runtime.inspectContainer(tunnel.id);
    if (details && details.networkIps[network] === undefined) {
      await this.runtime.ensureNetwork(network, { [LABEL.namespace]: namespace });
      const address = namespace === API_SERVICE_NAMESPACE ? await this.serviceAddress(network) : undefined;
      await this.runtime.connectNetwork(network, tunnel.id, aliasesIn(namespace), address);
      details = await this.runtime.inspectContainer(tunnel.id);
    }
    const ip = details?.networkIps[network];
    if (ip) this.addresses.set(namespace, ip);
    if (ip && namespace === API_SERVICE_NAMESPACE) await this.recordAddress(ip);
    return ip;
  }

  /**
   * The tunnel's address on `default`'s network: the Service's clusterIP again once it has one (a re-made tunnel
   * keeps it), else a free one of the services range, as a Service proxy's.
   */
  private async serviceAddress(network: string): Promise<string | undefined> {
    const range = await this.runtime.serviceRange(network);
    if (!range) return undefined;
    const services = this.store.list(serviceType, { namespace: API_SERVICE_NAMESPACE }).items as Service[];
    const taken = new Set(
      services
        .filter((s) => !isApiService(s))
        .map((s) => s.spec.clusterIP)
        .filter((ip): ip is string => !!ip),
    );
    const own = services.find(isApiService)?.spec.clusterIP;
    return chooseServiceIP(range, taken, own);
  }

  /** The tunnel lives on the network of the first namespace whose pod needs it; it joins the others later. */
  private async create(namespace: string): Promise<{ id: string; hostPort: number }> {
    const { runtime } = this;
    for (const old of await runtime.listContainers({ [LABEL.role]: API_TUNNEL_ROLE }))
      await runtime.removeContainer(old.id);
    this.addresses.clear();
    const network = namespaceNetwork(runtime.instance, namespace);
    await runtime.ensureNetwork(network, { [LABEL.namespace]: namespace });
    await runtime.ensureVolume(
      this.volume(),
      { [LABEL.role]: API_TUNNEL_ROLE },
      { type: 'tmpfs', device: 'tmpfs' },
    );
    const address = namespace === API_SERVICE_NAMESPACE ? await this.serviceAddress(network) : undefined;
    const id = await runtime.createContainer({
      name: `skiff_api_tunnel_${runtime.instance.slice(0, 8)}`,
      body: {
        Image: await this.proxyImage(),
        Cmd: [`${SANDBOX_VOLUMES_DIR}/config/routes`],
        Labels: { [LABEL.managed]: 'true', [LABEL.role]: API_TUNNEL_ROLE },
        ExposedPorts: { [`${CONTROL_PORT}/tcp`]: {} },
        HostConfig: {
          NetworkMode: network,
          Mounts: [{ Type: 'volume', Source: this.volume(), Target: `${SANDBOX_VOLUMES_DIR}/config` }],
          PortBindings: { [`${CONTROL_PORT}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: '' }] },
          RestartPolicy: { Name: 'no' },
          Memory: 64 * 2 ** 20,
        },
        NetworkingConfig: {
          EndpointsConfig: {
            [network]: {
              Aliases: aliasesIn(namespace),
              ...(address ? { IPAMConfig: { IPv4Address: address } } : {}),
            },
          },
        },
      },
    });
    await runtime.startContainer(id);
    await this.writer.write(id, 'config', [
      {
        path: 'routes',
        mode: 0o600,
        content: Buffer.from(`reverse ${SERVICE_PORT} ${CONTROL_PORT} ${this.secret}\n`),
      },
    ]);
    const details = await runtime.inspectContainer(id);
    const hostPort = details?.hostPorts[`${CONTROL_PORT}/tcp`];
    if (!hostPort) throw new Error('the API tunnel container has no published port');
    for (let i = 0; i < IDLE_CONNECTIONS; i++) this.openIdle(hostPort);
    return { id, hostPort };
  }

  /** The Service's clusterIP and Endpoints follow the tunnel's address on the `default` network. */
  private async recordAddress(ip: string): Promise<void> {
    const service = this.store.tryGet(serviceType, API_SERVICE_NAMESPACE, API_SERVICE_NAME) as
      Service | undefined;
    if (service && !service.spec.clusterIP)
      await this.store
        .update(serviceType, { ...service, spec: { ...service.spec, clusterIP: ip, clusterIPs: [ip] } })
        .catch(ignoreGoneOrChanged);
    const endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        name: API_SERVICE_NAME,
        namespace: API_SERVICE_NAMESPACE,
        labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' },
      },
      subsets: [{ addresses: [{ ip }], ports: [{ name: 'https', port: SERVICE_PORT, protocol: 'TCP' }] }],
    };
    const existing = this.store.tryGet(endpointsType, API_SERVICE_NAMESPACE, API_SERVICE_NAME);
    if (!existing) await this.store.create(endpointsType, endpoints).catch(ignoreGoneOrChanged);
    else if (JSON.stringify(existing.subsets) !== JSON.stringify(endpoints.subsets))
      await this.store
        .update(endpointsType, { ...existing, subsets: endpoints.subsets })
        .catch(ignoreGoneOrChanged);
  }

  /** One idle connection to the control port; when a pod's connection arrives on it, it goes to the API. */
  private openIdle(hostPort: number): void {
    if (this.stopped) return;
    const socket = connect({ host: '127.0.0.1', port: hostPort });
    socket.setNoDelay(true);
    this.idle.add(socket);
    let used = false;
    socket.once('connect', () => {
      this.failures = 0;
      socket.write(`${this.secret}\n`);
    });
    const onData = (chunk: Buffer) => {
      socket.off('data', onData);
      used = true;
      this.idle.delete(socket);
      this.openIdle(hostPort);
      socket.pause();
      if (chunk.length > 1) socket.unshift(chunk.subarray(1));
      this.accept(socket);
    };
    socket.on('data', onData);
    socket.once('error', () => socket.destroy());
    socket.once('close', () => {
      if (used) return;
      this.idle.delete(socket);
      if (this.stopped) return;
      this.failures++;
      if (this.failures > 8 && this.idle.size === 0) {
        // the tunnel is gone (removed, engine restarted): the next pod that needs it makes it again
        this.container = undefined;
        this.addresses.clear();
        return;
      }
      const timer = setTimeout(
        () => {
          this.retries.delete(timer);
          this.openIdle(hostPort);
        },
        Math.min(5000, 100 * 2 ** this.failures),
      );
      this.retries.add(timer);
    });
  }
}
