import { createHash } from 'node:crypto';
import type { Disposable } from '../shared/disposable';
import { endpointsType, namespaceType, podType, serviceType } from '../shared/resource-types';
import {
  isKubernetesApiService,
  SERVICE_RANGE_ANNOTATION,
  type Endpoints,
  type Service,
} from '../shared/service-types';
import { ApiError } from '../store/api-error';
import type { DockerRuntime } from '../runtime/docker-runtime';
import { LABEL } from '../runtime/labels';
import { clusterDNSAddress } from '../shared/network-ranges';
import type { ObjectStore } from '../store/object-store';
import { startControllerLoop, type ControllerLoop } from '../machinery/controller-loop';
import { ConfigVolumeWriter, SANDBOX_VOLUMES_DIR } from '../runtime/config-volume-writer';
import { namespaceNetwork } from '../runtime/pod-names';
import { clusterDnsRecords } from './plan-cluster-dns';

// Skiff's CoreDNS, for the names Docker's embedded DNS cannot give: a headless Service's ready pods and an
// ExternalName's CNAME. Docker answers only the aliases a container was given when it joined a network, and
// those cannot change on a running container; so each namespace network gets one small DNS container
// (resources/proxy/skiff-dns.c, in the proxy image) at a fixed address of its services range, and pods get it
// as their DNS server (HostConfig.Dns). Docker's resolver in the pod still answers first (Service proxies, pods)
// and forwards every other name to it; it answers cluster names from a records file rewritten atomically on
// every Service or Endpoints change, and forwards the rest to Docker's resolver of its own container.

export const CLUSTER_DNS_ROLE = 'cluster-dns';
const RECORDS_VOLUME = 'config';

export interface ClusterDnsOptions {
  store: ObjectStore;
  runtime: DockerRuntime;
  proxyImage: () => Promise<string>;
}

export class ClusterDns implements Disposable {
  private readonly loop: ControllerLoop;
  private readonly writer: ConfigVolumeWriter;
  private readonly disposables: Disposable[] = [];
  /** Namespaces whose network has (or is getting) a DNS container. */
  private readonly active = new Set<string>();
  /** Servers known to run (until a die event, a reconnect or the periodic look): no engine call needed. */
  private readonly running = new Map<string, { id: string; address: string }>();
  private readonly ensuring = new Map<string, Promise<{ id: string; address: string } | undefined>>();

  constructor(private readonly options: ClusterDnsOptions) {
    const { store, runtime } = options;
    this.writer = new ConfigVolumeWriter(runtime);
    const withPods = () => new Set(store.list(podType).items.map((p) => p.metadata.namespace ?? ''));
    const inUse = () =>
      new Set([
        ...withPods(),
        ...store
          .list(serviceType)
          .items.filter((s) => !isKubernetesApiService(s))
          .map((s) => s.metadata.namespace ?? ''),
      ]);
    this.loop = startControllerLoop({
      store,
      name: 'cluster-dns',
      reconcile: (key) => this.reconcile(key),
      keysFor: (event, type) => {
        const namespace = event.object.metadata.namespace ?? '';
        if (type === serviceType) return new Set([...this.active, namespace]);
        if (type === endpointsType) return [...this.active];
        if (type === podType && event.type === 'ADDED') return [namespace];
        // A terminating namespace loses its DNS at once, so its network can go as soon as it is deleted.
        if (type === namespaceType && (event.type === 'DELETED' || event.object.metadata.deletionTimestamp))
          return [event.object.metadata.name ?? ''];
        return [];
      },
      initialKeys: () => [...inUse(), 'orphans'],
      queue: { baseDelayMs: 500, maxDelayMs: 30_000, concurrency: 2 },
    });
    this.disposables.push(
      runtime.watchEvents(
        (event) => {
          const namespace = event.labels[LABEL.namespace];
          if (event.labels[LABEL.role] !== CLUSTER_DNS_ROLE || !namespace) return;
          this.running.delete(namespace);
          this.loop.add(namespace);
        },
        (connected) => {
          this.running.clear();
          if (connected) for (const ns of withPods()) this.loop.add(ns);
        },
        ['die'],
      ),
    );
    const timer = setInterval(() => {
      this.running.clear(); // the periodic look at the engine, for what the event stream missed
      for (const key of [...withPods(), 'orphans']) this.loop.add(key);
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

  /**
   * The address of the namespace's DNS, its container started (the kubelet asks before a pod's sandbox is made,
   * so the pod's first lookup finds it); undefined on a network without a services range (made by an older
   * Skiff), or when it cannot start — the pod then resolves Docker's names only.
   */
  ensure(namespace: string): Promise<string | undefined> {
    return this.ensureOnce(namespace).then(
      (dns) => dns?.address,
      (err: Error) => {
        console.error(`cluster-dns: ${namespace}: ${err.message}`);
        return undefined;
      },
    );
  }

  /** One ensure per namespace at a time (the kubelet's and the loop's would race for the name and address). */
  private ensureOnce(namespace: string): Promise<{ id: string; address: string } | undefined> {
    const known = this.running.get(namespace);
    if (known) return Promise.resolve(known);
    let pending = this.ensuring.get(namespace);
    if (!pending) {
      pending = this.ensureContainer(namespace).finally(() => this.ensuring.delete(namespace));
      this.ensuring.set(namespace, pending);
    }
    return pending;
  }

  private async reconcile(key: string): Promise<void> {
    if (key === 'orphans') return this.removeOrphans();
    const { store, runtime } = this.options;
    const namespace = store.tryGet(namespaceType, undefined, key);
    if (!namespace || namespace.metadata.deletionTimestamp) {
      this.active.delete(key);
      this.running.delete(key);
      for (const c of await runtime.listContainers({
        [LABEL.role]: CLUSTER_DNS_ROLE,
        [LABEL.namespace]: key,
      })) {
        this.writer.forget(c.id);
        await runtime.removeContainer(c.id);
      }
      // still held while the engine finishes removing the container: the queue retries shortly
      await runtime.removeVolume(this.recordsVolume(key));
      return;
    }
    // A namespace's network exists once it has a pod or a Service (one Docker network each: the engine's address
    // pools hold a few dozen, so an empty namespace gets none). Its Services range is then recorded on the
    // Namespace, where admission checks a clusterIP asked for.
    const hasPods = store.list(podType, { namespace: key }).items.length > 0;
    // (the API's own `kubernetes` Service does not count: its tunnel brings the network when a pod needs it)
    const services = store
      .list(serviceType, { namespace: key })
      .items.filter((s) => !isKubernetesApiService(s));
    if (!hasPods && services.length === 0) return;
    // In the steady state (range recorded, server running) an Endpoints change costs no engine call: the records
    // are compared by hash before anything is written, so Service proxies' route writes are not held up.
    if (!namespace.metadata.annotations?.[SERVICE_RANGE_ANNOTATION]) {
      const network = namespaceNetwork(runtime.instance, key);
      await runtime.ensureNetwork(network, { [LABEL.namespace]: key });
      await this.recordServiceRange(key, await runtime.serviceRange(network));
    }
    if (!hasPods && !this.active.has(key)) return;
    const dns = this.running.get(key) ?? (await this.ensureOnce(key));
    // joined an ensure already under way: the records may have changed since it wrote them
    if (dns)
      await this.writeRecords(dns.id).catch((err: unknown) => {
        this.running.delete(key); // gone behind our back: found or made again on the retry
        throw err;
      });
  }

  private async recordServiceRange(name: string, range: string | undefined): Promise<void> {
    const { store } = this.options;
    const namespace = store.tryGet(namespaceType, undefined, name);
    if (!namespace || !range || namespace.metadata.annotations?.[SERVICE_RANGE_ANNOTATION] === range) return;
    const annotations = { ...namespace.metadata.annotations, [SERVICE_RANGE_ANNOTATION]: range };
    // A conflict throws: the queue retries with the namespace's latest version.
    await store
      .update(namespaceType, { ...namespace, metadata: { ...namespace.metadata, annotations } })
      .catch((err: unknown) => {
        if (!(err instanceof ApiError && err.code === 404)) throw err;
      });
  }

  private recordsVolume(namespace: string): string {
    const hash = createHash('sha256').update(namespace).digest('hex').slice(0, 12);
    return `skiff-${this.options.runtime.instance.slice(0, 8)}-dns-${hash}`;
  }

  private async ensureContainer(namespace: string): Promise<{ id: string; address: string } | undefined> {
    const { runtime } = this.options;
    const network = namespaceNetwork(runtime.instance, namespace);
    await runtime.ensureNetwork(network, { [LABEL.namespace]: namespace });
    const range = await runtime.serviceRange(network);
    if (!range) return undefined;
    this.active.add(namespace);
    const address = clusterDNSAddress(range);
    const found = await runtime.listContainers({
      [LABEL.role]: CLUSTER_DNS_ROLE,
      [LABEL.namespace]: namespace,
    });
    let id: string | undefined;
    for (const c of found) {
      const details = await runtime.inspectContainer(c.id);
      if (!id && details?.running && details.networkIps[network] === address) id = c.id;
      else {
        this.writer.forget(c.id);
        await runtime.removeContainer(c.id);
      }
    }
    id ??= await this.createContainer(namespace, network, address);
    await this.writeRecords(id);
    this.running.set(namespace, { id, address });
    return { id, address };
  }

  private async createContainer(namespace: string, network: string, address: string): Promise<string> {
    const { runtime } = this.options;
    const volume = this.recordsVolume(namespace);
    await runtime.ensureVolume(volume, { [LABEL.namespace]: namespace }, { type: 'tmpfs', device: 'tmpfs' });
    const mount = `${SANDBOX_VOLUMES_DIR}/${RECORDS_VOLUME}`;
    const id = await runtime.createContainer({
      name: `skiff_${namespace}_DNS_${runtime.instance.slice(0, 8)}`,
      body: {
        Image: await this.options.proxyImage(),
        Entrypoint: ['/skiff-dns'],
        Cmd: [`${mount}/records`, namespace],
        Labels: {
          [LABEL.managed]: 'true',
          [LABEL.namespace]: namespace,
          [LABEL.role]: CLUSTER_DNS_ROLE,
        },
        HostConfig: {
          NetworkMode: network,
          Mounts: [{ Type: 'volume', Source: volume, Target: mount }],
          RestartPolicy: { Name: 'no' },
          Memory: 32 * 2 ** 20,
          LogConfig: { Type: 'json-file', Config: { 'max-size': '1m' } },
        },
        NetworkingConfig: { EndpointsConfig: { [network]: { IPAMConfig: { IPv4Address: address } } } },
      },
    });
    try {
      await runtime.startContainer(id);
    } catch (err) {
      await runtime.removeContainer(id);
      throw err;
    }
    return id;
  }

  private async writeRecords(id: string): Promise<void> {
    const { store } = this.options;
    const records = clusterDnsRecords(
      store.list(serviceType).items as Service[],
      store.list(endpointsType).items as Endpoints[],
    );
    await this.writer.write(id, RECORDS_VOLUME, [
      { path: 'records', mode: 0o644, content: Buffer.from(records) },
    ]);
  }

  private async removeOrphans(): Promise<void> {
    const { store, runtime } = this.options;
    const live = new Set(
      store
        .list(namespaceType)
        .items.filter((n) => !n.metadata.deletionTimestamp)
        .map((n) => n.metadata.name ?? ''),
    );
    for (const c of await runtime.listContainers({ [LABEL.role]: CLUSTER_DNS_ROLE }))
      if (!live.has(c.labels[LABEL.namespace] ?? '')) {
        this.writer.forget(c.id);
        await runtime.removeContainer(c.id);
      }
  }
}
