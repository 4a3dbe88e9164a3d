import type { Container, Probe } from '../shared/pod-types';
import type { Disposable } from '../shared/disposable';
import type { DockerRuntime } from '../runtime/docker-runtime';
import type { PodTunnel } from './grpc-probe';
import { runProbe, type PodDialer, type ProbeOutcome, type ProbeTarget } from './run-probe';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

export interface ProbeState {
  ready: boolean;
  started: boolean;
  /** Set when liveness or startup has failed its threshold: the kubelet must kill and restart the container. */
  failed?: { kind: 'liveness' | 'startup'; detail: string };
}

export interface ProberHooks {
  /** A result changed for the container: resync its pod. */
  changed(podKey: string): void;
  /** One probe attempt failed (the Unhealthy event). */
  unhealthy(podKey: string, containerName: string, kind: ProbeKind, detail: string): void;
}

interface Worker {
  timer?: NodeJS.Timeout;
  successes: number;
  failures: number;
  /** Readiness only, until the first success: the current short retry delay. */
  fastDelayMs?: number;
  lastUnhealthyAt: number;
}

/**
 * Until readiness first passes it is retried quickly, so a pod is Ready as soon as it is: a network probe every
 * 100 ms for its first 10 s (a refused connection costs next to nothing), then — and an exec probe, which costs a
 * process in the container, from the start — from 50 ms doubling up to periodSeconds.
 */
const FIRST_FAST_RETRY_MS = 50;
const NETWORK_RETRY_MS = 100;
const NETWORK_RETRY_WINDOW_MS = 10_000;

interface ContainerProbes {
  podKey: string;
  target: ProbeTarget;
  state: ProbeState;
  workers: Map<ProbeKind, Worker>;
}

const LABEL: Record<ProbeKind, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

/**
 * Kubernetes' prober: per running container, a startup probe until it passes, then liveness and readiness,
 * each on its own period with its own thresholds. Results are kept here and read by the kubelet's sync.
 */
export class Prober implements Disposable {
  private readonly containers = new Map<string, ContainerProbes>();

  constructor(
    private readonly runtime: DockerRuntime,
    private readonly hooks: ProberHooks,
    /** how network probes reach pods when not from this host directly (probe-path.ts); asked per attempt */
    private readonly dialer: () => PodDialer | undefined = () => undefined,
    /** the same way for gRPC probes, whose client opens its own connection (grpc-probe.ts) */
    private readonly tunnel: () => PodTunnel | undefined = () => undefined,
  ) {}

  /** Starts probing a running container once; later calls for the same container id do nothing. */
  ensure(podKey: string, containerId: string, container: Container, podIP: string): void {
    if (this.containers.has(containerId)) return;
    const entry: ContainerProbes = {
      podKey,
      target: { containerId, container, podIP, namespace: podKey.split('/')[0] ?? 'default' },
      state: {
        ready: !container.readinessProbe && !container.startupProbe,
        started: !container.startupProbe,
      },
      workers: new Map(),
    };
    this.containers.set(containerId, entry);
    if (container.startupProbe) this.startWorker(entry, 'startup', container.startupProbe);
    else this.startMainProbes(entry);
  }

  state(containerId: string, container: Container): ProbeState {
    return (
      this.containers.get(containerId)?.state ?? {
        ready: !container.readinessProbe && !container.startupProbe,
        started: !container.startupProbe,
      }
    );
  }

  /** Stops probing containers that are no longer running. */
  retain(runningIds: Set<string>, podKey: string): void {
    for (const [id, entry] of this.containers)
      if (entry.podKey === podKey && !runningIds.has(id)) this.stop(id);
  }

  stop(containerId: string): void {
    const entry = this.containers.get(containerId);
    if (!entry) return;
    for (const worker of entry.workers.values()) clearTimeout(worker.timer);
    this.containers.delete(containerId);
  }

  dispose(): void {
    for (const id of [...this.containers.keys()]) this.stop(id);
  }

  private startMainProbes(entry: ContainerProbes): void {
    const { container } = entry.target;
    if (container.livenessProbe) this.startWorker(entry, 'liveness', container.livenessProbe);
    if (container.readinessProbe) this.startWorker(entry, 'readiness', container.readinessProbe);
    else if (!entry.state.ready) {
      entry.state.ready = true;
      this.hooks.changed(entry.podKey);
    }
  }

  private startWorker(entry: ContainerProbes, kind: ProbeKind, probe: Probe): void {
    const worker: Worker = {
      successes: 0,
      failures: 0,
      lastUnhealthyAt: 0,
      ...(kind === 'readiness' ? { fastDelayMs: FIRST_FAST_RETRY_MS / 2 } : {}),
    };
    entry.workers.set(kind, worker);
    const startedAt = Date.now();
    const tick = async () => {
      if (this.containers.get(entry.target.containerId) !== entry) return;
      const outcome = await runProbe(this.runtime, probe, entry.target, this.dialer(), this.tunnel());
      if (this.containers.get(entry.target.containerId) !== entry || entry.workers.get(kind) !== worker)
        return;
      const keepGoing = this.apply(entry, kind, probe, worker, outcome);
      const periodMs = (probe.periodSeconds ?? 10) * 1000;
      if (outcome.ok) worker.fastDelayMs = undefined;
      if (worker.fastDelayMs !== undefined) {
        const steady = !probe.exec && Date.now() - startedAt < NETWORK_RETRY_WINDOW_MS;
        worker.fastDelayMs = steady ? NETWORK_RETRY_MS : Math.min(periodMs, worker.fastDelayMs * 2);
      }
      if (keepGoing) worker.timer = setTimeout(() => void tick(), worker.fastDelayMs ?? periodMs);
    };
    worker.timer = setTimeout(() => void tick(), (probe.initialDelaySeconds ?? 0) * 1000);
  }

  /** Applies one outcome; returns whether this worker keeps probing. */
  private apply(
    entry: ContainerProbes,
    kind: ProbeKind,
    probe: Probe,
    worker: Worker,
    outcome: ProbeOutcome,
  ): boolean {
    if (outcome.ok) {
      worker.successes++;
      worker.failures = 0;
    } else {
      worker.failures++;
      worker.successes = 0;
      // At most one Unhealthy event per period, however often the first readiness attempts retry.
      const periodMs = (probe.periodSeconds ?? 10) * 1000;
      if (Date.now() - worker.lastUnhealthyAt >= periodMs) {
        worker.lastUnhealthyAt = Date.now();
        this.hooks.unhealthy(
          entry.podKey,
          entry.target.container.name,
          kind,
          `${LABEL[kind]} probe failed: ${outcome.detail}`,
        );
      }
    }
    const state = entry.state;
    const passed = worker.successes >= (probe.successThreshold ?? 1);
    const failed = worker.failures >= (probe.failureThreshold ?? 3);
    if (kind === 'readiness') {
      const ready = passed ? true : failed ? false : state.ready;
      if (ready !== state.ready) {
        state.ready = ready;
        this.hooks.changed(entry.podKey);
      }
      return true;
    }
    if (kind === 'startup' && passed) {
      state.started = true;
      entry.workers.delete('startup');
      this.startMainProbes(entry);
      this.hooks.changed(entry.podKey);
      return false;
    }
    if (failed) {
      state.failed = { kind, detail: outcome.detail };
      state.ready = false;
      this.hooks.changed(entry.podKey);
      return false;
    }
    return true;
  }
}
