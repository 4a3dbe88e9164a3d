import type { Pod, PodStatus } from '../shared/pod-types';
import { podType } from '../shared/resource-types';
import type { ContainerDetails, ContainerSummary, DockerRuntime } from '../runtime/docker-runtime';
import { LABEL } from '../runtime/labels';
import { ApiError } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import type { EventRecorder } from '../machinery/event-recorder';
import type { ContainerMemory } from './container-memory';
import type { ContainerStarter } from './container-starter';
import {
  changesContainers,
  fieldPathOf,
  specOf,
  type ContainerToKill,
  type ContainerToStart,
  type PodActions,
} from './pod-actions';
import { podStatusToWrite } from './plan-pod-actions';
import { podKey } from '../runtime/pod-names';
import type { PodObserver } from './pod-observer';
import type { PodSandboxes, SandboxHandle } from './pod-sandbox';
import type { PodTerminator } from './pod-terminator';
import type { PodVolumeSetup } from './pod-volume-setup';
import type { Prober } from './prober';
import { resolvePodVolumes } from './resolve-pod-volumes';

export interface PodActionExecutorOptions {
  store: ObjectStore;
  runtime: DockerRuntime;
  recorder: EventRecorder;
  prober: Prober;
  volumes: PodVolumeSetup;
  sandboxes: PodSandboxes;
  starter: ContainerStarter;
  terminator: PodTerminator;
  observer: PodObserver;
  memory: ContainerMemory;
  now: () => number;
  resync: (key: string) => void;
}

/** What the sync saw of the pod in the engine, besides the plan: its containers as listed, its sandbox. */
export interface EngineView {
  mine: ContainerSummary[];
  sandbox?: ContainerDetails;
}

/**
 * Kubernetes' SyncPod: carries out what planPodActions decided, and nothing else: the sandbox first, then init
 * containers one after another, then app containers together; then the pod's status. Starting a container can
 * still be held back here (its image not pulled yet, a missing ConfigMap key): that is its waiting reason.
 */
export class PodActionExecutor {
  constructor(private readonly options: PodActionExecutorOptions) {}

  /** Resolves to the delay after which the pod is to sync again, if it is. */
  async execute(key: string, pod: Pod, plan: PodActions, view: EngineView): Promise<number | undefined> {
    const { recorder, memory, prober } = this.options;
    if (plan.terminate) {
      this.options.terminator.start(key, pod, view.mine, plan.terminate);
      return undefined;
    }
    let retry = plan.retryInMs;
    const later = (ms: number) => (retry = retry === undefined ? ms : Math.min(retry, ms));
    const resolution = await resolvePodVolumes(pod, this.options.store);
    let sandbox = view.sandbox && this.options.sandboxes.existing(view.sandbox, resolution.volumes);
    if (plan.createSandbox) {
      if (plan.killPod) {
        await recorder.record(pod, 'Normal', plan.createSandbox.reason, plan.createSandbox.message);
        await this.options.terminator.removeAll(view.mine);
      }
      sandbox = await this.options.sandboxes.make(pod, resolution.volumes);
    }
    if (plan.mountVolumes && sandbox) await this.options.volumes.mount(key, pod, sandbox, resolution.error);

    for (const kill of plan.containersToKill.filter((k) => k.role === 'init')) await this.kill(pod, kill);
    for (const start of plan.initContainersToStart) await this.start(key, pod, start, sandbox, later);
    await Promise.all(
      pod.spec.containers.map(async (_, index) => {
        const mine = (c: { role: string; index: number }) => c.role === 'app' && c.index === index;
        const kill = plan.containersToKill.find(mine);
        if (kill) await this.kill(pod, kill);
        const start = plan.containersToStart.find(mine);
        if (start) await this.start(key, pod, start, sandbox, later);
      }),
    );
    for (const wait of plan.backoff) {
      if (wait.event) await recorder.record(pod, 'Warning', 'BackOff', wait.event, fieldPathOf(wait));
      memory.setWaiting(pod, wait.name, wait.waiting);
    }
    for (const done of plan.settled) memory.clearWaiting(pod, done.name);

    if (plan.probe) {
      const { podIP, containers } = plan.probe;
      if (podIP) for (const c of containers) prober.ensure(key, c.id, specOf(pod, c), podIP);
      prober.retain(new Set(containers.map((c) => c.id)), key);
    }
    await sandbox?.volumesReady?.catch((err: Error) => {
      console.error(`kubelet: ${key}: writing configMap/secret volumes: ${err.message}`);
      later(2000);
    });
    if (plan.resync) this.options.resync(key);

    // What was done changed the containers: the status says what they are now, not what they were.
    const status = changesContainers(plan) ? await this.statusNow(pod, sandbox) : plan.status;
    if (status) await this.writeStatus(pod, status);
    return retry;
  }

  private async kill(pod: Pod, kill: ContainerToKill): Promise<void> {
    await this.options.recorder.record(pod, 'Normal', 'Killing', kill.message, fieldPathOf(kill));
    this.options.prober.stop(kill.id);
    await this.options.runtime.stopContainer(kill.id, kill.graceSeconds);
  }

  private async start(
    key: string,
    pod: Pod,
    start: ContainerToStart,
    sandbox: SandboxHandle | undefined,
    later: (ms: number) => void,
  ): Promise<void> {
    if (!sandbox) throw new Error(`no sandbox to start container ${start.name} in`);
    if (start.backoff) this.options.memory.setBackoff(pod, start.name, start.backoff);
    const spec = specOf(pod, start);
    await this.options.starter.start(key, pod, spec, start.role, start.attempt, sandbox, later);
  }

  private async statusNow(pod: Pod, sandbox: SandboxHandle | undefined): Promise<PodStatus | undefined> {
    const { runtime, observer } = this.options;
    const observed = await observer.observe(
      pod,
      await runtime.listContainers({ [LABEL.podUid]: pod.metadata.uid ?? '' }),
      await sandbox?.started,
    );
    return podStatusToWrite(pod, observed, this.options.now());
  }

  private async writeStatus(pod: Pod, status: PodStatus): Promise<void> {
    try {
      await this.options.store.update(podType, { ...pod, status }, { subresource: 'status' });
    } catch (err) {
      if (err instanceof ApiError && (err.code === 409 || err.code === 404)) this.options.resync(podKey(pod));
      else throw err;
    }
  }
}
