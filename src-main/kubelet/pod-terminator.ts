import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pod } from '../shared/pod-types';
import { podType } from '../shared/resource-types';
import type { ContainerSummary, DockerRuntime } from '../runtime/docker-runtime';
import { LABEL } from '../runtime/labels';
import { ApiError } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import { rfc3339 } from '../store/object-store';
import type { EventRecorder } from '../machinery/event-recorder';
import type { ContainerMemory } from './container-memory';
import type { PodTermination } from './pod-actions';
import type { PodVolumeSetup } from './pod-volume-setup';
import { volumesToCreate } from './pod-volumes';
import type { Prober } from './prober';

export interface PodTerminatorOptions {
  store: ObjectStore;
  runtime: DockerRuntime;
  recorder: EventRecorder;
  prober: Prober;
  volumes: PodVolumeSetup;
  memory: ContainerMemory;
  podsDir: string;
  now: () => number;
  /** Sync a pod again after `ms` (a termination that failed). */
  retry: (key: string, ms: number) => void;
}

const terminal = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/**
 * Graceful deletion: SIGTERM, the grace period, SIGKILL, group after group as planned; then the containers,
 * volumes and the Pod go. It runs in the background, so one slow pod never holds others' syncs.
 */
export class PodTerminator {
  private readonly terminating = new Map<string, Promise<void>>();

  constructor(private readonly options: PodTerminatorOptions) {}

  /** The pod's termination is under way: its syncs have nothing to do until it ends. */
  busy(pod: Pod): boolean {
    return this.terminating.has(pod.metadata.uid ?? '');
  }

  /** `mine`: every container of the pod; `plan`: which running ones stop in which order (plan-pod-actions.ts). */
  start(key: string, pod: Pod, mine: ContainerSummary[], plan: PodTermination): void {
    const uid = pod.metadata.uid ?? '';
    if (this.terminating.has(uid)) return;
    const run = this.terminate(key, pod, mine, plan).finally(() => this.terminating.delete(uid));
    this.terminating.set(uid, run);
    run.catch((err: Error) => {
      console.error(`kubelet: stopping ${key}: ${err.message}`);
      this.options.retry(key, 1000);
    });
  }

  /** Removes containers, the sandbox last (the others live in its namespaces). */
  async removeAll(containers: ContainerSummary[]): Promise<void> {
    const { prober, runtime } = this.options;
    for (const c of containers) prober.stop(c.id);
    const apps = containers.filter((c) => c.labels[LABEL.role] !== 'sandbox');
    await Promise.all(apps.map((c) => runtime.removeContainer(c.id)));
    await Promise.all(
      containers.filter((c) => c.labels[LABEL.role] === 'sandbox').map((c) => runtime.removeContainer(c.id)),
    );
  }

  private async terminate(key: string, pod: Pod, mine: ContainerSummary[], plan: PodTermination) {
    const { runtime, recorder, store, prober, now } = this.options;
    for (const group of plan.groups) {
      const left = Math.max(0, Math.ceil((plan.deadlineMs - now()) / 1000));
      await Promise.all(
        group.map(async (c) => {
          const list = c.role === 'init' ? 'initContainers' : 'containers';
          await recorder.record(
            pod,
            'Normal',
            'Killing',
            `Stopping container ${c.name}`,
            `spec.${list}{${c.name}}`,
          );
          prober.stop(c.id);
          await runtime.stopContainer(c.id, Math.min(plan.graceSeconds, left));
        }),
      );
    }
    await this.removeAll(mine);
    this.options.volumes.forget(
      key,
      mine.map((c) => c.id),
    );
    for (const volume of volumesToCreate(pod)) await runtime.removeVolume(volume.name).catch(() => undefined);
    await rm(join(this.options.podsDir, pod.metadata.uid ?? 'unknown'), { recursive: true, force: true });
    this.options.memory.forgetWaiting(key);
    await this.markDeletedPodFailed(pod);
    try {
      await store.delete(podType, pod.metadata.namespace, pod.metadata.name ?? '', {
        gracePeriodSeconds: 0,
        preconditions: { uid: pod.metadata.uid },
      });
    } catch (err) {
      if (!(err instanceof ApiError && (err.code === 404 || err.code === 409))) throw err;
    }
  }

  /**
   * A deleted pod that a finalizer keeps (a Job's job-tracking) ends in a terminal phase, as the kubelet's
   * status manager does since 1.27: Failed unless it had succeeded, so its owner can count it.
   */
  private async markDeletedPodFailed(pod: Pod): Promise<void> {
    const { store } = this.options;
    const current = store.tryGet(podType, pod.metadata.namespace, pod.metadata.name ?? '') as Pod | undefined;
    if (
      !current?.metadata.finalizers?.length ||
      current.metadata.uid !== pod.metadata.uid ||
      terminal(current)
    )
      return;
    const now = rfc3339(new Date(this.options.now()));
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
    await store.update(podType, { ...current, status }, { subresource: 'status' }).catch((err: unknown) => {
      if (!(err instanceof ApiError && (err.code === 409 || err.code === 404))) throw err;
    });
  }
}
