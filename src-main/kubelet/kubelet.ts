import type { Pod } from '../shared/pod-types';
import type { Disposable } from '../shared/disposable';
import { podType } from '../shared/resource-types';
import type { DockerRuntime } from '../runtime/docker-runtime';
import { LABEL } from '../runtime/labels';
import type { ObjectStore } from '../store/object-store';
import type { EventRecorder } from '../machinery/event-recorder';
import { WorkQueue } from '../machinery/work-queue';
import { ContainerMemory } from './container-memory';
import { ContainerStarter } from './container-starter';
import { PodActionExecutor } from './execute-pod-actions';
import { ImagePuller } from './image-puller';
import { NODE_NAME, type NodeAgent } from './node-agent';
import { planPodActions } from './plan-pod-actions';
import { PodObserver } from './pod-observer';
import { PodSandboxes } from './pod-sandbox';
import { PodTerminator } from './pod-terminator';
import { watchPodTriggers } from './pod-triggers';
import { PodVolumeSetup } from './pod-volume-setup';
import { Prober } from './prober';
import type { PodTokenSource } from './pod-token-source';
import { Relister } from './relist';
import type { PodDialer } from './run-probe';
import type { PodTunnel } from './grpc-probe';

export interface KubeletOptions {
  store: ObjectStore;
  runtime: DockerRuntime;
  recorder: EventRecorder;
  node: NodeAgent;
  /** Where per-container files live (termination messages). */
  podsDir: string;
  /** The namespace's cluster DNS address, its server started (cluster-dns.ts); pods resolve through it. */
  clusterDns?: (namespace: string) => Promise<string | undefined>;
  /** KUBERNETES_SERVICE_HOST and friends for a namespace's pods (network/in-cluster-api.ts). */
  apiServiceEnv?: (namespace: string) => Array<[string, string]>;
  /** ServiceAccount tokens for serviceAccountToken projections (pod-token-source.ts). */
  serviceAccountTokens?: PodTokenSource;
  now?: () => number;
  relistEveryMs?: number;
}

/**
 * The node agent: turns bound Pods into Docker containers and keeps them so. Level-triggered: every store
 * change, Docker event and probe result only enqueues the pod (pod-triggers.ts); `sync` re-reads the pod and
 * its containers (pod-observer.ts), decides what is missing (plan-pod-actions.ts, pure) and has it done
 * (execute-pod-actions.ts). Pulls and graceful stops run in the background so one slow pod never holds others.
 */
export class Kubelet implements Disposable {
  private readonly queue: WorkQueue;
  private readonly prober: Prober;
  /** set once the engine is known to be out of this host's reach (probe-path.ts): probes then use the gateway */
  private probeDialer: PodDialer | undefined;
  private probeTunnel: PodTunnel | undefined;
  private readonly volumes: PodVolumeSetup;
  private readonly sandboxes: PodSandboxes;
  private readonly observer: PodObserver;
  private readonly terminator: PodTerminator;
  private readonly executor: PodActionExecutor;
  private readonly relister: Relister;
  private readonly disposables: Disposable[] = [];
  private engineUp = false;
  private readonly now: () => number;

  constructor(private readonly options: KubeletOptions) {
    const { store, runtime, recorder, podsDir } = options;
    this.now = options.now ?? Date.now;
    this.queue = new WorkQueue((key) => this.sync(key), {
      concurrency: 16,
      onError: (key, err) => console.error(`kubelet: ${key}: ${(err as Error).message}`),
    });
    const resync = (key: string) => this.queue.add(key);
    this.prober = new Prober(
      runtime,
      {
        changed: resync,
        unhealthy: (key, container, _kind, detail) => {
          const pod = this.podByKey(key);
          if (pod) void recorder.record(pod, 'Warning', 'Unhealthy', detail, `spec.containers{${container}}`);
        },
      },
      () => this.probeDialer,
      () => this.probeTunnel,
    );
    const memory = new ContainerMemory();
    this.volumes = new PodVolumeSetup(store, runtime, recorder, options.serviceAccountTokens);
    this.sandboxes = new PodSandboxes(runtime, options.clusterDns);
    this.observer = new PodObserver(runtime, this.prober, memory, podsDir);
    const { prober, volumes, observer, now } = this;
    const retry = (key: string, ms: number) => this.queue.addAfter(key, ms);
    const terminator = new PodTerminator({
      store,
      runtime,
      recorder,
      prober,
      volumes,
      memory,
      podsDir,
      now,
      retry,
    });
    const puller = new ImagePuller(runtime, now);
    const starter = new ContainerStarter({
      store,
      runtime,
      recorder,
      puller,
      volumes,
      observer,
      memory,
      podsDir,
      resync,
      apiServiceEnv: options.apiServiceEnv,
    });
    this.terminator = terminator;
    this.executor = new PodActionExecutor({
      store,
      runtime,
      recorder,
      prober,
      volumes,
      observer,
      memory,
      now,
      resync,
      sandboxes: this.sandboxes,
      starter,
      terminator,
    });
    this.relister = new Relister({ store, runtime, engineUp: () => this.engineUp, resync });
  }

  /** Network probes from now on connect through `dial` (the gateway) instead of from this host. */
  probeThrough(dial: PodDialer, tunnel?: PodTunnel): void {
    this.probeDialer = dial;
    this.probeTunnel = tunnel;
  }

  start(): void {
    this.disposables.push(
      ...watchPodTriggers({
        store: this.options.store,
        runtime: this.options.runtime,
        resync: (key) => this.queue.add(key),
        relistSoon: () => void this.relister.relistSoon(),
        engineChanged: (connected) => void this.engineChanged(connected),
      }),
      this.prober,
      this.relister.every(this.options.relistEveryMs ?? 30_000),
    );
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  dispose(): void {
    this.relister.stop();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.queue.dispose();
  }

  /**
   * For a clean stop: takes no new work, then lets the syncs already queued or running finish (within
   * `timeoutMs`), so a pod deleted just before the stop does not leave its sandbox running. Graceful
   * terminations still in their grace period are resumed by the next start, which finds them deleting.
   */
  async drain(timeoutMs: number): Promise<void> {
    const networksPending = this.relister.stop();
    for (const d of this.disposables.splice(0)) d.dispose();
    const deadline = Date.now() + timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.queue.idle(),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
    // A namespace deleted just before the stop: its network goes once its proxies and DNS container have.
    if (networksPending)
      while (Date.now() < deadline && (await this.relister.relist().catch(() => 0)) > 0)
        await new Promise((r) => setTimeout(r, 200));
    this.queue.dispose();
  }

  /** For log and exec: the Docker id of a pod's container (the one before it, with `previous`). */
  containerId(pod: Pod, container: string, previous: boolean): Promise<string | undefined> {
    return this.observer.containerId(pod, container, previous);
  }

  get runtime(): DockerRuntime {
    return this.options.runtime;
  }

  private async engineChanged(connected: boolean): Promise<void> {
    const { runtime, node } = this.options;
    if (!connected) {
      if (this.engineUp) console.error('kubelet: lost the Docker engine; reconnecting');
      this.engineUp = false;
      await node
        .report(undefined, false, 'container runtime is down: the Docker engine does not answer')
        .catch(() => undefined);
      return;
    }
    try {
      const info = await runtime.engineInfo();
      this.volumes.setEngineApi(info.apiVersion);
      await this.sandboxes.prepareImage(info.arch);
      this.engineUp = true;
      await node.report(info, true, 'kubelet is posting ready status');
      await this.relister.relist();
    } catch (err) {
      this.engineUp = false;
      await node.report(undefined, false, (err as Error).message).catch(() => undefined);
    }
  }

  private podByKey(key: string): Pod | undefined {
    const [ns, name] = key.split('/');
    return this.options.store.tryGet(podType, ns, name ?? '') as Pod | undefined;
  }

  /** Observe, plan, act: Kubernetes' computePodActions and SyncPod. */
  private async sync(key: string): Promise<number | void> {
    if (!this.engineUp) return;
    const [ns, name] = key.split('/') as [string, string];
    const pod = this.podByKey(key);
    const found = await this.options.runtime.listContainers({ [LABEL.namespace]: ns, [LABEL.podName]: name });
    // Containers of an earlier pod of the same name (deleted, made again) go at once.
    const strangers = found.filter((c) => !pod || c.labels[LABEL.podUid] !== pod.metadata.uid);
    if (strangers.length > 0) await this.terminator.removeAll(strangers);
    if (!pod) {
      this.prober.retain(new Set(), key);
      return;
    }
    if (pod.spec.nodeName !== NODE_NAME || this.terminator.busy(pod)) return;
    const mine = found.filter((c) => c.labels[LABEL.podUid] === pod.metadata.uid);
    const sandbox = await this.observer.sandboxOf(mine);
    const observed = await this.observer.observe(pod, mine, sandbox);
    const plan = planPodActions(pod, observed, this.now());
    return this.executor.execute(key, pod, plan, { mine, ...(sandbox ? { sandbox } : {}) });
  }
}
