import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContainerStateWaiting, Container, Node, Pod } from '../shared/pod-types';
import type { Disposable } from '../shared/disposable';
import { deepEqual } from '../shared/deep-equal';
import type { StoreEvent } from '../store/event-history';
import {
  configMapType,
  namespaceType,
  nodeType,
  podType,
  secretType,
  serviceType,
} from '../shared/resource-types';
import type { Service } from '../shared/service-types';
import { serviceEnv } from './service-routes';
import type { KubeObject } from '../shared/api-types';
import type { ContainerDetails, ContainerSummary, DockerRuntime } from '../runtime/docker-runtime';
import { LABEL } from '../runtime/labels';
import { ApiError } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import { rfc3339 } from '../store/object-store';
import type { EventRecorder } from '../controllers/event-recorder';
import { WorkQueue } from '../controllers/work-queue';
import { computePodStatus } from './compute-pod-status';
import { ContainerConfigError, resolveEnv } from './container-env';
import { containerSpec, sandboxSpec, specHash } from './container-spec';
import { ImagePuller } from './image-puller';
import { credentialsFor } from './pull-credentials';
import { NODE_NAME, type NodeAgent } from './node-agent';
import type { ObservedAttempt, ObservedContainer, ObservedPod } from './observed-pod';
import { planRestart, type BackoffState } from './plan-container-restart';
import { isSidecar, planInitContainers } from './plan-init-containers';
import { appContainersFinished, sidecarStopOrder, terminationGroups } from './plan-termination-order';
import { namespaceNetwork, podKey } from './pod-names';
import { volumesToCreate, type ResolvedVolumes } from './pod-volumes';
import { resolvePodVolumes } from './resolve-pod-volumes';
import type { PodTokenSource } from './pod-token-source';
import { PodVolumeSetup, type VolumeTarget } from './pod-volume-setup';
import { referencesConfig } from './config-references';
import { Prober } from './prober';
import type { PodDialer } from './run-probe';
import type { PodTunnel } from './grpc-probe';
import { ensureSandboxImage } from './sandbox-image';

interface SandboxHandle extends VolumeTarget {
  /** The Docker volumes behind the pod's claims. */
  volumes: ResolvedVolumes;
  /** Set when the sandbox was already running at the start of this sync. */
  details?: ContainerDetails;
  /** Resolves once the sandbox runs (at once for a running one). */
  started: Promise<ContainerDetails | undefined>;
}

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

const terminal = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
const attemptOf = (c: { labels: Record<string, string> }) => Number(c.labels[LABEL.attempt] ?? 0);

/**
 * The node agent: turns bound Pods into Docker containers and keeps them so. Level-triggered: every store
 * change, Docker event and probe result only enqueues the pod; `sync` re-reads the pod and the containers
 * and does what is missing. Pulls and graceful stops run in the background so one slow pod never holds others.
 */
/**
 * Engine events that change what a sync would see. The kubelet's own creates and starts (and every exec of a
 * probe or a config volume write) would only repeat the sync that caused them; the 30 s relist and a reconnect
 * cover changes made behind Skiff's back.
 */
const CONTAINER_STATE_CHANGES = ['die', 'oom', 'destroy', 'pause', 'unpause'];

/** A pod change the kubelet must act on: anything but status (often its own write) and ownership. */
function concernsKubelet(event: StoreEvent): boolean {
  const before = event.previous;
  if (event.type !== 'MODIFIED' || !before) return true;
  const now = event.object;
  return (
    now.metadata.deletionTimestamp !== before.metadata.deletionTimestamp ||
    !deepEqual(now.spec, before.spec) ||
    !deepEqual(now.metadata.labels, before.metadata.labels) ||
    !deepEqual(now.metadata.annotations, before.metadata.annotations)
  );
}

export class Kubelet implements Disposable {
  private readonly queue: WorkQueue;
  private readonly prober: Prober;
  /** set once the engine is known to be out of this host's reach (probe-path.ts): probes then use the gateway */
  private probeDialer: PodDialer | undefined;
  private probeTunnel: PodTunnel | undefined;
  private readonly puller: ImagePuller;
  private readonly backoffs = new Map<string, BackoffState>();
  private readonly waiting = new Map<string, ContainerStateWaiting>();
  private readonly terminating = new Map<string, Promise<void>>();
  private readonly terminationMessages = new Map<string, string>();
  private readonly disposables: Disposable[] = [];
  /** Relists due soon because a deleted namespace's network was still in use. */
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private stopping = false;
  private readonly volumes: PodVolumeSetup;
  private sandboxImage: Promise<void> | undefined;
  private engineUp = false;
  private readonly now: () => number;

  constructor(private readonly options: KubeletOptions) {
    this.now = options.now ?? Date.now;
    this.queue = new WorkQueue((key) => this.sync(key), {
      concurrency: 16,
      onError: (key, err) => console.error(`kubelet: ${key}: ${(err as Error).message}`),
    });
    this.puller = new ImagePuller(options.runtime, this.now);
    this.volumes = new PodVolumeSetup(
      options.store,
      options.runtime,
      options.recorder,
      options.serviceAccountTokens,
    );
    this.prober = new Prober(
      options.runtime,
      {
        changed: (key) => this.queue.add(key),
        unhealthy: (key, container, _kind, detail) => {
          const pod = this.podByKey(key);
          if (pod)
            void options.recorder.record(
              pod,
              'Warning',
              'Unhealthy',
              detail,
              `spec.containers{${container}}`,
            );
        },
      },
      () => this.probeDialer,
      () => this.probeTunnel,
    );
  }

  /** Network probes from now on connect through `dial` (the gateway) instead of from this host. */
  probeThrough(dial: PodDialer, tunnel?: PodTunnel): void {
    this.probeDialer = dial;
    this.probeTunnel = tunnel;
  }

  start(): void {
    const { store, runtime } = this.options;
    this.disposables.push(
      store.subscribe((event, type) => {
        if (type === podType && concernsKubelet(event)) this.queue.add(podKey(event.object as Pod));
        if (type === namespaceType && event.type === 'DELETED') void this.relistSoon();
        if (type === configMapType) this.requeueUsersOf('configmap', event.object);
        if (type === secretType) this.requeueUsersOf('secret', event.object);
      }),
      runtime.watchEvents(
        (event) => {
          const ns = event.labels[LABEL.namespace];
          const name = event.labels[LABEL.podName];
          if (ns && name) this.queue.add(`${ns}/${name}`);
        },
        (connected) => void this.engineChanged(connected),
        CONTAINER_STATE_CHANGES,
      ),
      this.prober,
    );
    const timer = setInterval(() => void this.relistSoon(), this.options.relistEveryMs ?? 30_000);
    timer.unref();
    this.disposables.push({ dispose: () => clearInterval(timer) });
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  dispose(): void {
    this.stopping = true;
    for (const t of this.retryTimers) clearTimeout(t);
    this.retryTimers.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.queue.dispose();
  }

  /**
   * For a clean stop: takes no new work, then lets the syncs already queued or running finish (within
   * `timeoutMs`), so a pod deleted just before the stop does not leave its sandbox running. Graceful
   * terminations still in their grace period are resumed by the next start, which finds them deleting.
   */
  async drain(timeoutMs: number): Promise<void> {
    this.stopping = true;
    const networksPending = this.retryTimers.size > 0;
    for (const t of this.retryTimers) clearTimeout(t);
    this.retryTimers.clear();
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
      while (Date.now() < deadline && (await this.relist().catch(() => 0)) > 0)
        await new Promise((r) => setTimeout(r, 200));
    this.queue.dispose();
  }

  /** For log and exec: the Docker id of a pod's container (the one before it, with `previous`). */
  async containerId(pod: Pod, container: string, previous: boolean): Promise<string | undefined> {
    const found = await this.options.runtime.listContainers({
      [LABEL.podUid]: pod.metadata.uid ?? '',
      [LABEL.container]: container,
    });
    const attempts = found.sort((a, b) => attemptOf(b) - attemptOf(a));
    return attempts[previous ? 1 : 0]?.id;
  }

  private network(namespace: string): string {
    return namespaceNetwork(this.options.runtime.instance, namespace);
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
      this.sandboxImage = ensureSandboxImage(runtime, info.arch);
      await this.sandboxImage;
      this.engineUp = true;
      await node.report(info, true, 'kubelet is posting ready status');
      await this.relist();
    } catch (err) {
      this.engineUp = false;
      await node.report(undefined, false, (err as Error).message).catch(() => undefined);
    }
  }

  /** Adopts what belongs to live pods, removes what belongs to none, and resyncs every pod. */
  /**
   * A deleted namespace's network can be removed only once its Service proxies and DNS container are gone,
   * which their own controllers do at the same time: relist now, and again shortly while the engine still
   * refuses a network as in use, rather than leaving it to the 30 s relist (a Skiff stopped meanwhile leaked it).
   */
  private async relistSoon(): Promise<void> {
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
  private async relist(): Promise<number> {
    if (!this.engineUp) return 0;
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
    for (const pod of pods) this.queue.add(podKey(pod));
    return refused;
  }

  private podByKey(key: string): Pod | undefined {
    const [ns, name] = key.split('/');
    return this.options.store.tryGet(podType, ns, name ?? '') as Pod | undefined;
  }

  /** A ConfigMap or Secret changed: the pods that use it re-sync (a waiting one starts, mounted files update). */
  private requeueUsersOf(kind: 'configmap' | 'secret', obj: KubeObject): void {
    const pods = this.options.store.list(podType, { namespace: obj.metadata.namespace }).items as Pod[];
    for (const pod of pods)
      if (referencesConfig(pod, kind, obj.metadata.name ?? '')) this.queue.add(podKey(pod));
  }

  /** `{NAME}_SERVICE_HOST` and friends for the Services of the pod's namespace (enableServiceLinks, default on). */
  private serviceEnvironment(pod: Pod): Array<[string, string]> {
    // the API's own variables come whatever enableServiceLinks says, as the kubelet's master-service rule
    const api = this.options.apiServiceEnv?.(pod.metadata.namespace ?? 'default') ?? [];
    if (pod.spec.enableServiceLinks === false) return api;
    const services = this.options.store.list(serviceType, { namespace: pod.metadata.namespace })
      .items as Service[];
    return [...services.flatMap(serviceEnv), ...api];
  }

  private async sync(key: string): Promise<number | void> {
    if (!this.engineUp) return;
    const { runtime } = this.options;
    const [ns, name] = key.split('/') as [string, string];
    const pod = this.podByKey(key);
    const found = await runtime.listContainers({ [LABEL.namespace]: ns, [LABEL.podName]: name });
    const strangers = found.filter((c) => !pod || c.labels[LABEL.podUid] !== pod.metadata.uid);
    if (strangers.length > 0) await this.removeAll(strangers);
    if (!pod) {
      this.prober.retain(new Set(), key);
      return;
    }
    if (pod.spec.nodeName !== NODE_NAME) return;
    const mine = found.filter((c) => c.labels[LABEL.podUid] === pod.metadata.uid);
    if (pod.metadata.deletionTimestamp) return this.startTermination(key, pod, mine);
    await this.sandboxImage;
    let retry: number | undefined;
    const later = (ms: number) => (retry = retry === undefined ? ms : Math.min(retry, ms));

    const resolution = await resolvePodVolumes(pod, this.options.store);
    const sandbox = await this.ensureSandbox(pod, mine, resolution.volumes);
    const observed = await this.observe(pod, mine, sandbox?.details);
    // A pod that finished while its sidecars ran (its status written before they were stopped) stops them now.
    if (terminal(pod)) await this.stopSidecars(pod, observed, pod.spec.terminationGracePeriodSeconds ?? 30);
    if (!terminal(pod) && sandbox) {
      await this.volumes.mount(key, pod, sandbox, resolution.error);
      const probing = new Set<string>();
      const initDone = await this.runInitContainers(key, pod, observed, sandbox, later, probing);
      if (initDone) await this.runAppContainers(key, pod, observed, sandbox, later, probing);
      this.prober.retain(probing, key);
      await sandbox.volumesReady?.catch((err: Error) => {
        console.error(`kubelet: ${key}: writing configMap/secret volumes: ${err.message}`);
        later(2000);
      });
    }
    const refreshed = await this.observe(
      pod,
      await runtime.listContainers({ [LABEL.podUid]: pod.metadata.uid ?? '' }),
      await sandbox?.started,
    );
    await this.writeStatus(pod, refreshed);
    return retry;
  }

  /**
   * The pod's sandbox, creating it when missing. A new sandbox's start (its network setup, the slow part) runs
   * while the app containers are being created; they start once it is up.
   */
  private async ensureSandbox(
    pod: Pod,
    mine: ContainerSummary[],
    volumes: ResolvedVolumes,
  ): Promise<SandboxHandle | undefined> {
    const { runtime, recorder } = this.options;
    const existing = mine.find((c) => c.labels[LABEL.role] === 'sandbox');
    const details = existing && (await runtime.inspectContainer(existing.id));
    if (details?.running) return { id: details.id, volumes, details, started: Promise.resolve(details) };
    if (terminal(pod))
      return details && { id: details.id, volumes, details, started: Promise.resolve(details) };
    if (details) {
      await recorder.record(
        pod,
        'Normal',
        'SandboxChanged',
        'Pod sandbox changed, it will be killed and re-created.',
      );
      await this.removeAll(mine);
    }
    const namespace = pod.metadata.namespace ?? 'default';
    await runtime.ensureNetwork(this.network(namespace), { [LABEL.namespace]: namespace });
    for (const volume of volumesToCreate(pod)) {
      await runtime.ensureVolume(
        volume.name,
        {
          [LABEL.podUid]: pod.metadata.uid ?? '',
          [LABEL.namespace]: namespace,
          [LABEL.volume]: volume.volume,
        },
        volume.driverOpts,
      );
    }
    const dns = await this.options.clusterDns?.(namespace);
    const id = await runtime.createContainer(sandboxSpec(pod, this.network(namespace), volumes, dns));
    const started = runtime.startContainer(id).then(() => runtime.inspectContainer(id));
    started.catch(() => undefined); // awaited by whoever needs it; a failure fails that sync
    return { id, volumes, started };
  }

  private podIPOf(pod: Pod, sandbox: ContainerDetails | undefined): string | undefined {
    return sandbox?.networkIps[this.network(pod.metadata.namespace ?? 'default')] || undefined;
  }

  private async observe(
    pod: Pod,
    mine: ContainerSummary[],
    sandbox: ContainerDetails | undefined,
  ): Promise<ObservedPod> {
    const podIP = this.podIPOf(pod, sandbox);
    const describe = async (container: Container, role: 'init' | 'app'): Promise<ObservedContainer> => {
      const attempts = mine
        .filter((c) => c.labels[LABEL.role] === role && c.labels[LABEL.container] === container.name)
        .sort((a, b) => attemptOf(b) - attemptOf(a));
      const [current, previous] = await Promise.all(attempts.slice(0, 2).map((c) => this.attempt(pod, c)));
      const waitKey = `${podKey(pod)}|${container.name}`;
      const probes = current?.running
        ? this.prober.state(current.id, container)
        : { ready: false, started: false };
      return {
        name: container.name,
        image: container.image,
        ...(current ? { current } : {}),
        ...(previous ? { previous } : {}),
        ...(this.waiting.has(waitKey) ? { waiting: this.waiting.get(waitKey) } : {}),
        ready: probes.ready,
        started: probes.started,
      };
    };
    return {
      sandboxReady: !!sandbox?.running,
      ...(podIP ? { podIP } : {}),
      hostIP: '127.0.0.1',
      init: await Promise.all((pod.spec.initContainers ?? []).map((c) => describe(c, 'init'))),
      app: await Promise.all(pod.spec.containers.map((c) => describe(c, 'app'))),
    };
  }

  private async attempt(pod: Pod, summary: ContainerSummary): Promise<ObservedAttempt | undefined> {
    const details = await this.options.runtime.inspectContainer(summary.id);
    if (!details) return undefined;
    let terminationMessage = this.terminationMessages.get(details.id);
    if (terminationMessage === undefined && !details.running && details.finishedAt) {
      terminationMessage = (
        await readFile(
          this.terminationFile(pod, summary.labels[LABEL.container] ?? '', attemptOf(summary)),
          'utf8',
        ).catch(() => '')
      ).slice(0, 4096);
      this.terminationMessages.set(details.id, terminationMessage);
    }
    return {
      id: details.id,
      attempt: attemptOf(summary),
      running: details.running,
      exitCode: details.exitCode,
      oomKilled: details.oomKilled,
      error: details.error,
      ...(details.startedAt ? { startedAt: details.startedAt } : {}),
      ...(details.finishedAt && !details.running ? { finishedAt: details.finishedAt } : {}),
      imageId: details.imageId,
      specHash: details.labels[LABEL.specHash] ?? '',
      ...(terminationMessage ? { terminationMessage } : {}),
    };
  }

  private terminationFile(pod: Pod, container: string, attempt: number): string {
    return join(
      this.options.podsDir,
      pod.metadata.uid ?? 'unknown',
      `${container}-${attempt}.termination-log`,
    );
  }

  /**
   * Init containers as planned by plan-init-containers.ts: regular ones one at a time, sidecars started in order
   * and kept running (restarted with backoff when they exit, probed like app containers). True once the pod is
   * initialized. Running sidecars' ids go into `probing`.
   */
  private async runInitContainers(
    key: string,
    pod: Pod,
    observed: ObservedPod,
    sandbox: SandboxHandle,
    later: (ms: number) => void,
    probing: Set<string>,
  ): Promise<boolean> {
    const specs = pod.spec.initContainers ?? [];
    if (specs.length === 0) return true;
    if (appContainersFinished(pod, observed)) {
      await this.stopSidecars(pod, observed, pod.spec.terminationGracePeriodSeconds ?? 30);
      return true;
    }
    const failedStartup = new Set<number>();
    for (const [i, spec] of specs.entries()) {
      const current = observed.init[i]!.current;
      if (!isSidecar(spec) || !current?.running) continue;
      const failed = this.prober.state(current.id, spec).failed;
      if (failed?.kind === 'liveness') {
        await this.killForProbe(pod, spec, current.id, 'liveness', 'initContainers');
        this.queue.add(key);
        continue;
      }
      if (failed?.kind === 'startup') failedStartup.add(i);
      probing.add(current.id);
      if (observed.podIP) this.prober.ensure(key, current.id, spec, observed.podIP);
    }
    const plan = planInitContainers(
      specs,
      observed.init.map((o, i) => ({
        ...(o.current ? { current: { running: o.current.running, exitCode: o.current.exitCode } } : {}),
        started: o.started,
        startupFailed: failedStartup.has(i),
      })),
      pod.spec.restartPolicy ?? 'Always',
      observed.app.some((c) => c.current),
    );
    for (const i of plan.start) {
      const spec = specs[i]!;
      const current = observed.init[i]!.current;
      if (!current) await this.startContainer(key, pod, spec, 'init', 0, sandbox, later);
      else if (current.running) {
        await this.killForProbe(pod, spec, current.id, 'startup', 'initContainers');
        probing.delete(current.id);
        this.queue.add(key);
      } else {
        const policy = isSidecar(spec)
          ? 'Always'
          : pod.spec.restartPolicy === 'Never'
            ? 'Never'
            : 'OnFailure';
        await this.restartIfDue(key, pod, spec, 'init', current, policy, sandbox, later);
      }
    }
    return plan.initialized;
  }

  private async killForProbe(
    pod: Pod,
    spec: Container,
    id: string,
    kind: string,
    list: 'containers' | 'initContainers',
  ): Promise<void> {
    await this.options.recorder.record(
      pod,
      'Normal',
      'Killing',
      `Container ${spec.name} failed ${kind} probe, will be restarted`,
      `spec.${list}{${spec.name}}`,
    );
    this.prober.stop(id);
    await this.options.runtime.stopContainer(id, pod.spec.terminationGracePeriodSeconds ?? 30);
  }

  /** Running sidecars stop after the app containers, one at a time in reverse order (Kubernetes' ordering). */
  private async stopSidecars(pod: Pod, observed: ObservedPod, graceSeconds: number): Promise<void> {
    const { runtime, recorder } = this.options;
    const specs = pod.spec.initContainers ?? [];
    for (const i of sidecarStopOrder(specs)) {
      const current = observed.init[i]?.current;
      if (!current?.running) continue;
      await recorder.record(
        pod,
        'Normal',
        'Killing',
        `Stopping container ${specs[i]!.name}`,
        `spec.initContainers{${specs[i]!.name}}`,
      );
      this.prober.stop(current.id);
      await runtime.stopContainer(current.id, graceSeconds);
    }
  }

  private async runAppContainers(
    key: string,
    pod: Pod,
    observed: ObservedPod,
    sandbox: SandboxHandle,
    later: (ms: number) => void,
    running: Set<string>,
  ): Promise<void> {
    const { runtime, recorder } = this.options;
    await Promise.all(
      pod.spec.containers.map(async (spec, i) => {
        const obs = observed.app[i]!;
        const current = obs.current;
        if (!current) return this.startContainer(key, pod, spec, 'app', 0, sandbox, later);
        if (current.running) {
          if (current.specHash !== specHash(spec)) {
            await recorder.record(
              pod,
              'Normal',
              'Killing',
              `Container ${spec.name} definition changed, will be restarted`,
              `spec.containers{${spec.name}}`,
            );
            await runtime.stopContainer(current.id, pod.spec.terminationGracePeriodSeconds ?? 30);
            this.prober.stop(current.id);
            return this.startContainer(key, pod, spec, 'app', current.attempt + 1, sandbox, later);
          }
          const probes = this.prober.state(current.id, spec);
          if (probes.failed) {
            await this.killForProbe(pod, spec, current.id, probes.failed.kind, 'containers');
            this.queue.add(key);
            return;
          }
          running.add(current.id);
          if (observed.podIP) this.prober.ensure(key, current.id, spec, observed.podIP);
          return;
        }
        return this.restartIfDue(
          key,
          pod,
          spec,
          'app',
          current,
          pod.spec.restartPolicy ?? 'Always',
          sandbox,
          later,
        );
      }),
    );
  }

  private async restartIfDue(
    key: string,
    pod: Pod,
    spec: Container,
    role: 'init' | 'app',
    current: ObservedAttempt,
    policy: 'Always' | 'OnFailure' | 'Never',
    sandbox: SandboxHandle,
    later: (ms: number) => void,
  ): Promise<void> {
    const backoffKey = `${pod.metadata.uid}|${spec.name}`;
    const waitKey = `${key}|${spec.name}`;
    const finishedAt = current.finishedAt ? Date.parse(current.finishedAt) : this.now();
    const decision = planRestart(
      policy,
      current.exitCode,
      finishedAt,
      this.backoffs.get(backoffKey),
      this.now(),
    );
    if (decision.action === 'none') {
      this.waiting.delete(waitKey);
      return;
    }
    if (decision.action === 'wait') {
      const seconds = Math.round(decision.delayMs / 1000);
      const message = `back-off ${seconds}s restarting failed container=${spec.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
      if (this.waiting.get(waitKey)?.message !== message) {
        await this.options.recorder.record(
          pod,
          'Warning',
          'BackOff',
          `Back-off restarting failed container ${spec.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
          `spec.${role === 'init' ? 'initContainers' : 'containers'}{${spec.name}}`,
        );
      }
      this.waiting.set(waitKey, { reason: 'CrashLoopBackOff', message });
      later(decision.untilMs - this.now());
      return;
    }
    this.backoffs.set(backoffKey, decision.backoff);
    await this.startContainer(key, pod, spec, role, current.attempt + 1, sandbox, later);
  }

  private async startContainer(
    key: string,
    pod: Pod,
    spec: Container,
    role: 'init' | 'app',
    attempt: number,
    sandbox: SandboxHandle,
    later: (ms: number) => void,
  ): Promise<void> {
    const { runtime, recorder, store } = this.options;
    const waitKey = `${key}|${spec.name}`;
    const fieldPath = `spec.${role === 'init' ? 'initContainers' : 'containers'}{${spec.name}}`;
    const event = (type: 'Normal' | 'Warning', reason: string, message: string) =>
      void recorder.record(pod, type, reason, message, fieldPath);
    if (sandbox.mountError) {
      this.waiting.set(waitKey, { reason: 'ContainerCreating' });
      return;
    }
    const pullSecrets = (pod.spec.imagePullSecrets ?? []).flatMap((ref) => {
      const secret = store.tryGet(secretType, pod.metadata.namespace, ref.name);
      return secret ? [secret] : [];
    });
    const pull = await this.puller.ensure(
      spec,
      { event, changed: () => this.queue.add(key) },
      credentialsFor(spec.image, pullSecrets),
    );
    if (!pull.ready) {
      this.waiting.set(waitKey, pull.waiting);
      if (pull.retryInMs !== undefined) later(pull.retryInMs);
      return;
    }
    const wantsPodIP = (spec.env ?? []).some((e) =>
      e.valueFrom?.fieldRef?.fieldPath.startsWith('status.podIP'),
    );
    const podIP = this.podIPOf(pod, wantsPodIP ? await sandbox.started : sandbox.details);
    let env: Map<string, string>;
    try {
      env = new Map([
        ...this.serviceEnvironment(pod),
        ...resolveEnv(pod, spec, podIP, '127.0.0.1', {
          configMap: (ns, name) => store.tryGet(configMapType, ns, name),
          secret: (ns, name) => store.tryGet(secretType, ns, name),
          allocatable: (store.tryGet(nodeType, undefined, NODE_NAME) as Node | undefined)?.status
            ?.allocatable,
        }),
      ]);
    } catch (err) {
      if (!(err instanceof ContainerConfigError)) throw err;
      if (this.waiting.get(waitKey)?.message !== err.message)
        event('Warning', 'Failed', `Error: ${err.message}`);
      this.waiting.set(waitKey, { reason: 'CreateContainerConfigError', message: err.message });
      return;
    }
    const terminationLogFile = this.terminationFile(pod, spec.name, attempt);
    await mkdir(join(this.options.podsDir, pod.metadata.uid ?? 'unknown'), { recursive: true });
    await writeFile(terminationLogFile, '');
    await chmod(terminationLogFile, 0o666); // writable whatever user the container runs as, as the kubelet does
    let id: string;
    try {
      id = await runtime.createContainer(
        containerSpec({
          pod,
          container: spec,
          role,
          attempt,
          sandboxId: sandbox.id,
          env,
          terminationLogFile,
          volumes: await this.volumes.withMountpoints(pod, sandbox.volumes),
        }),
      );
    } catch (err) {
      const message = (err as Error).message;
      event('Warning', 'Failed', `Error: ${message}`);
      this.waiting.set(waitKey, { reason: 'CreateContainerError', message });
      later(10_000);
      return;
    }
    event('Normal', 'Created', `Created container ${spec.name}`);
    try {
      await (sandbox.volumesReady ?? sandbox.started);
      await runtime.startContainer(id);
    } catch (err) {
      const message = (err as Error).message;
      event('Warning', 'Failed', `Error: failed to start container "${spec.name}": ${message}`);
      this.waiting.set(waitKey, { reason: 'RunContainerError', message });
      return;
    }
    this.waiting.delete(waitKey);
    event('Normal', 'Started', `Started container ${spec.name}`);
    later(0); // the next sync sees it running and starts its probes
    if (attempt >= 2) await this.pruneAttempts(pod, spec.name, attempt);
  }

  /** Keeps the latest attempt and the one before it (for `logs --previous`); removes older ones. */
  private async pruneAttempts(pod: Pod, container: string, latest: number): Promise<void> {
    const all = await this.options.runtime.listContainers({
      [LABEL.podUid]: pod.metadata.uid ?? '',
      [LABEL.container]: container,
    });
    await Promise.all(
      all.filter((c) => attemptOf(c) < latest - 1).map((c) => this.options.runtime.removeContainer(c.id)),
    );
  }

  /**
   * A deleted pod that a finalizer keeps (a Job's job-tracking) ends in a terminal phase, as the kubelet's
   * status manager does since 1.27: Failed unless it had succeeded, so its owner can count it.
   */
  private async markDeletedPodFailed(pod: Pod): Promise<void> {
    const current = this.options.store.tryGet(podType, pod.metadata.namespace, pod.metadata.name ?? '') as
      Pod | undefined;
    if (
      !current?.metadata.finalizers?.length ||
      current.metadata.uid !== pod.metadata.uid ||
      terminal(current)
    )
      return;
    const now = rfc3339(new Date(this.now()));
    const stop = (s: NonNullable<NonNullable<Pod['status']>['containerStatuses']>[number]) =>
      s.state?.terminated
        ? s
        : {
            ...s,
            ready: false,
            state: {
              terminated: {
                exitCode: 137,
                reason: 'Error',
                startedAt: s.state?.running?.startedAt,
                finishedAt: now,
              },
            },
          };
    const status = {
      ...current.status,
      phase: 'Failed' as const,
      containerStatuses: current.status?.containerStatuses?.map(stop),
    };
    await this.options.store
      .update(podType, { ...current, status }, { subresource: 'status' })
      .catch((err: unknown) => {
        if (!(err instanceof ApiError && (err.code === 409 || err.code === 404))) throw err;
      });
  }

  private async writeStatus(pod: Pod, observed: ObservedPod): Promise<void> {
    const status = computePodStatus(pod, observed, rfc3339(new Date(this.now())));
    const comparable = (s: unknown) =>
      JSON.parse(JSON.stringify(s, (k, v) => (k === 'lastTransitionTime' ? undefined : v)));
    if (deepEqual(comparable(status), comparable(pod.status))) return;
    try {
      await this.options.store.update(podType, { ...pod, status }, { subresource: 'status' });
    } catch (err) {
      if (err instanceof ApiError && (err.code === 409 || err.code === 404)) this.queue.add(podKey(pod));
      else throw err;
    }
  }

  /** Graceful deletion: SIGTERM, the grace period, SIGKILL; then the containers, volumes and the Pod go. */
  private startTermination(key: string, pod: Pod, mine: ContainerSummary[]): void {
    if (this.terminating.has(pod.metadata.uid ?? '')) return;
    const run = (async () => {
      const { runtime, recorder, store } = this.options;
      const deadline = Date.parse(pod.metadata.deletionTimestamp ?? '') || this.now();
      const grace = Math.max(0, Math.ceil((deadline - this.now()) / 1000));
      const running = mine.filter((c) => c.labels[LABEL.role] !== 'sandbox' && c.state === 'running');
      // App containers first, then sidecars one by one in reverse order, all within the grace period.
      const groups = terminationGroups(
        pod,
        running,
        (c) => c.labels[LABEL.container] ?? '',
        (c) => c.labels[LABEL.role] === 'init',
      );
      for (const group of groups) {
        const left = Math.max(0, Math.ceil((deadline - this.now()) / 1000));
        await Promise.all(
          group.map(async (c) => {
            const list = c.labels[LABEL.role] === 'init' ? 'initContainers' : 'containers';
            await recorder.record(
              pod,
              'Normal',
              'Killing',
              `Stopping container ${c.labels[LABEL.container]}`,
              `spec.${list}{${c.labels[LABEL.container]}}`,
            );
            this.prober.stop(c.id);
            await runtime.stopContainer(c.id, Math.min(grace, left));
          }),
        );
      }
      await this.removeAll(mine);
      this.volumes.forget(
        key,
        mine.map((c) => c.id),
      );
      for (const volume of volumesToCreate(pod))
        await runtime.removeVolume(volume.name).catch(() => undefined);
      await rm(join(this.options.podsDir, pod.metadata.uid ?? 'unknown'), { recursive: true, force: true });
      for (const k of [...this.waiting.keys()]) if (k.startsWith(`${key}|`)) this.waiting.delete(k);
      await this.markDeletedPodFailed(pod);
      try {
        await store.delete(podType, pod.metadata.namespace, pod.metadata.name ?? '', {
          gracePeriodSeconds: 0,
          preconditions: { uid: pod.metadata.uid },
        });
      } catch (err) {
        if (!(err instanceof ApiError && (err.code === 404 || err.code === 409))) throw err;
      }
    })().finally(() => this.terminating.delete(pod.metadata.uid ?? ''));
    this.terminating.set(pod.metadata.uid ?? '', run);
    run.catch((err: Error) => {
      console.error(`kubelet: stopping ${key}: ${err.message}`);
      this.queue.addAfter(key, 1000);
    });
  }

  private async removeAll(containers: ContainerSummary[]): Promise<void> {
    for (const c of containers) this.prober.stop(c.id);
    const apps = containers.filter((c) => c.labels[LABEL.role] !== 'sandbox');
    await Promise.all(apps.map((c) => this.options.runtime.removeContainer(c.id)));
    await Promise.all(
      containers
        .filter((c) => c.labels[LABEL.role] === 'sandbox')
        .map((c) => this.options.runtime.removeContainer(c.id)),
    );
  }
}
