import type { Pod } from '../shared/pod-types';
import type { Disposable } from '../shared/disposable';
import { namespaceType, podType } from '../shared/resource-types';
import type { DockerRuntime } from '../runtime/docker-runtime';
import { LABEL } from '../runtime/labels';
import type { ObjectStore } from '../store/object-store';
import { podKey } from '../runtime/pod-names';

export interface RelisterOptions {
  store: ObjectStore;
  runtime: DockerRuntime;
  /** Relists do nothing while the engine is out of reach. */
  engineUp: () => boolean;
  resync: (key: string) => void;
}

/**
 * The kubelet's relist: removes what belongs to no pod or namespace (containers, pod volumes, networks), and
 * resyncs every pod, which repairs whatever the engine's events did not tell. Every 30 s, after the engine
 * (re)connects, and when a namespace goes.
 */
export class Relister implements Disposable {
  /** Relists due soon because a deleted namespace's network was still in use. */
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private stopping = false;

  constructor(private readonly options: RelisterOptions) {}

  /** Relists every `ms` until disposed. */
  every(ms: number): Disposable {
    const timer = setInterval(() => void this.relistSoon(), ms);
    timer.unref();
    return { dispose: () => clearInterval(timer) };
  }

  /**
   * A deleted namespace's network can be removed only once its Service proxies and DNS container are gone,
   * which their own controllers do at the same time: relist now, and again shortly while the engine still
   * refuses a network as in use, rather than leaving it to the 30 s relist (a Skiff stopped meanwhile leaked it).
   */
  async relistSoon(): Promise<void> {
    const refused = await this.relist().catch((err: Error) => {
      console.error(`kubelet: relist: ${err.message}`);
      return 0;
    });
    if (refused > 0 && !this.stopping) {
      const timer = setTimeout(() => {
        this.retryTimers.delete(timer);
        void this.relistSoon();
      }, 500);
      timer.unref();
      this.retryTimers.add(timer);
    }
  }

  /** Removes what belongs to no pod or namespace; returns how many networks the engine kept as still in use. */
  async relist(): Promise<number> {
    if (!this.options.engineUp()) return 0;
    const { store, runtime } = this.options;
    const pods = store.list(podType).items as Pod[];
    const uids = new Set(pods.map((p) => p.metadata.uid));
    const containers = await runtime.listContainers();
    // Only pods' containers: Service proxies have their own owner (service-proxies.ts).
    const orphans = containers.filter((c) => c.labels[LABEL.podUid] && !uids.has(c.labels[LABEL.podUid]));
    await Promise.all(orphans.map((c) => runtime.removeContainer(c.id)));
    // Only pod-lifetime volumes (emptyDir, configMap, secret) go with their pod; claims' volumes have their own owner.
    const volumes = await runtime.listVolumes({});
    await Promise.all(
      volumes
        .filter((v) => v.labels[LABEL.podUid] && !uids.has(v.labels[LABEL.podUid]))
        .map((v) => runtime.removeVolume(v.name).catch(() => undefined)),
    );
    // Networks first, namespaces after: a namespace created while the list is in flight (with its network made
    // for its first pod) is then in the snapshot, and its network is not taken for an orphan.
    const networks = await runtime.listNetworks();
    const namespaces = new Set(store.list(namespaceType).items.map((n) => n.metadata.name));
    let refused = 0;
    for (const network of networks) {
      if (!namespaces.has(network.labels[LABEL.namespace]) && !(await runtime.removeNetwork(network.name)))
        refused += 1;
    }
    for (const pod of pods) this.options.resync(podKey(pod));
    return refused;
  }

  /** No more retries; true when a deleted namespace's network was still waiting to go. */
  stop(): boolean {
    this.stopping = true;
    const pending = this.retryTimers.size > 0;
    for (const t of this.retryTimers) clearTimeout(t);
    this.retryTimers.clear();
    return pending;
  }

  dispose(): void {
    this.stop();
  }
}
