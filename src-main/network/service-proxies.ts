import { createHash } from 'node:crypto';
import type { Disposable } from '../shared/disposable';
import { namespaceType, endpointsType, podType, serviceType } from '../shared/resource-types';
import { SERVICE_PROXY_FINALIZER } from '../store/kinds/service-strategy';
import type { Endpoints, Service } from '../shared/service-types';
import type { DockerRuntime } from '../runtime/docker-runtime';
import { LABEL } from '../runtime/labels';
import { ignoreGoneOrChanged } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import { startControllerLoop, type ControllerLoop } from '../machinery/controller-loop';
import type { EventRecorder } from '../machinery/event-recorder';
import { ConfigVolumeWriter, SANDBOX_VOLUMES_DIR } from '../runtime/config-volume-writer';
import { namespaceNetwork } from '../runtime/pod-names';
import { removeNamespaceNetwork } from './namespace-network';
import { reconcileNodePortProxy } from './node-port-proxy';
import { recordServiceAddress } from './service-address';
import { canarySplitOf } from './service-routes';
import { CANARY_SERVICE_ANNOTATION } from '../shared/rollout-types';
import {
  isCurrent,
  namespacesToJoin,
  NODEPORT_ROLE,
  planProxyAddress,
  planServiceProxy,
  proxyContainer,
  proxyRoutes,
  PROXY_ROLE,
  ROUTES_VOLUME,
  type ProxyPlan,
} from './plan-service-proxy';

// Skiff's kube-proxy. Each Service gets a small proxy container (resources/proxy/skiff-proxy.c, static, in a
// FROM-scratch image) that sits on its namespace's network under the Service's DNS names (`name`, `name.ns`,
// `name.ns.svc`, `name.ns.svc.cluster.local`) and on every other namespace's network under the qualified ones
// only; its address there is the Service's cluster IP. It forwards each connection to one ready endpoint, from
// a routes file rewritten atomically on every Endpoints change. NodePort and LoadBalancer Services publish their
// ports on 127.0.0.1 through Docker, which works the same on Docker Desktop (the host need not be on the
// containers' network).

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
    // A stable Service under a canary split routes to its canary Service's endpoints too.
    const splitsUsing = (namespace: string | undefined, name: string | undefined) =>
      store
        .list(serviceType, { namespace })
        .items.filter((s) => s.metadata.annotations?.[CANARY_SERVICE_ANNOTATION] === name)
        .map((s) => `${namespace}/${s.metadata.name}`);
    this.loop = startControllerLoop({
      store,
      name: 'service-proxies',
      reconcile: (key) => this.reconcile(key),
      keysFor: (event, type) => {
        const { namespace, name } = event.object.metadata;
        if (type === serviceType || type === endpointsType)
          return [`${namespace}/${name}`, ...splitsUsing(namespace, name)];
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

  /** Carries out the Service's proxy plan (plan-service-proxy.ts). */
  private async reconcile(key: string): Promise<void> {
    if (key === 'orphans') return this.removeOrphans();
    if (key.startsWith('namespace-gone:')) {
      const namespace = key.slice('namespace-gone:'.length);
      return removeNamespaceNetwork(this.options.runtime, this.network(namespace), namespace);
    }
    const [namespace, name] = key.split('/') as [string, string];
    const { store, runtime } = this.options;
    const service = store.tryGet(serviceType, namespace, name) as Service | undefined;
    const onHost = await this.options.nodePortsOnHost;
    const plan = planServiceProxy(service, onHost);
    const found = await runtime.listContainers({ [LABEL.role]: PROXY_ROLE, [LABEL.service]: key });
    const stale = found.filter((c) => !plan.wanted || !isCurrent(c.labels, plan.uid, plan.shape));
    for (const c of stale) {
      this.writer.forget(c.id);
      await runtime.removeContainer(c.id);
    }
    if (!plan.wanted) {
      await reconcileNodePortProxy(this.options, key, this.routesVolume(key), undefined);
      if (service?.metadata.uid) this.chosenAddresses.delete(service.metadata.uid);
      await runtime.removeVolume(this.routesVolume(key)).catch(() => undefined);
      if (service && plan.releaseFinalizer)
        await store
          .update(serviceType, {
            ...service,
            metadata: {
              ...service.metadata,
              finalizers: service.metadata.finalizers?.filter((f) => f !== SERVICE_PROXY_FINALIZER),
            },
          })
          .catch(ignoreGoneOrChanged);
      return;
    }
    const wanted = service!;
    const current = found.find((c) => !stale.includes(c));
    let details = current && (await runtime.inspectContainer(current.id));
    if (!details?.running) {
      if (current) {
        this.writer.forget(current.id);
        await runtime.removeContainer(current.id);
      }
      details = await this.createProxy(wanted, plan);
      if (!details) return;
    }
    await this.joinNetworks(wanted, plan, details.id, details.networkIps);
    const endpoints = store.tryGet(endpointsType, namespace, name) as Endpoints | undefined;
    await this.writer.write(
      details.id,
      ROUTES_VOLUME,
      proxyRoutes(
        wanted,
        endpoints,
        canarySplitOf(wanted, (other) => ({
          service: store.tryGet(serviceType, namespace, other) as Service | undefined,
          endpoints: store.tryGet(endpointsType, namespace, other) as Endpoints | undefined,
        })),
      ).map((file) => ({
        ...file,
        mode: 0o644,
        content: Buffer.from(file.content),
      })),
    );
    await reconcileNodePortProxy(this.options, key, this.routesVolume(key), { service: wanted, plan });
    await recordServiceAddress(store, wanted, details.networkIps[this.network(namespace)]);
  }

  private routesVolume(key: string): string {
    return `skiff-${this.options.runtime.instance.slice(0, 8)}-svc-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
  }

  private async createProxy(service: Service, plan: ProxyPlan) {
    const { runtime, recorder } = this.options;
    const namespace = service.metadata.namespace ?? 'default';
    const network = this.network(namespace);
    const image = await this.options.proxyImage();
    await runtime.ensureNetwork(network, { [LABEL.namespace]: namespace });
    const volume = this.routesVolume(plan.key);
    await runtime.ensureVolume(volume, { [LABEL.service]: plan.key }, { type: 'tmpfs', device: 'tmpfs' });
    const address = await this.addressFor(service, network);
    const id = await runtime.createContainer(
      proxyContainer(plan, {
        namespace,
        name: service.metadata.name ?? '',
        network,
        address,
        image,
        volume,
        volumeTarget: `${SANDBOX_VOLUMES_DIR}/${ROUTES_VOLUME}`,
      }),
    );
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

  /** The cluster IP the proxy asks for (planProxyAddress), remembered until the store shows it. */
  private async addressFor(service: Service, network: string): Promise<string | undefined> {
    const range = await this.options.runtime.serviceRange(network);
    const others = this.options.store.list(serviceType, { namespace: service.metadata.namespace }).items;
    const address = planProxyAddress(service, range, others as Service[], this.chosenAddresses);
    if (address) this.chosenAddresses.set(service.metadata.uid ?? '', address);
    return address;
  }

  /**
   * The qualified names resolve from every namespace that has pods (each has a network then); the short name
   * only inside the Service's own.
   */
  private async joinNetworks(
    service: Service,
    plan: ProxyPlan,
    id: string,
    joined: Record<string, string>,
  ): Promise<void> {
    const { store, runtime } = this.options;
    const withPods = new Set(store.list(podType).items.map((p) => p.metadata.namespace ?? ''));
    const namespaces = store
      .list(namespaceType)
      .items.map((ns) => ({ name: ns.metadata.name ?? '', deleting: !!ns.metadata.deletionTimestamp }));
    const join = namespacesToJoin(
      service,
      namespaces,
      withPods,
      (ns) => joined[this.network(ns)] !== undefined,
    );
    for (const namespace of join) {
      const network = this.network(namespace);
      await runtime.ensureNetwork(network, { [LABEL.namespace]: namespace });
      await runtime.connectNetwork(network, id, plan.qualifiedAliases);
    }
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
