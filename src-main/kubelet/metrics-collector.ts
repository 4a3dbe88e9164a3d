import type { Disposable } from '../shared/disposable';
import type { DockerRuntime } from '../runtime/docker-runtime';
import { LABEL } from '../runtime/labels';
import { MetricsWindow, type ContainerReading } from '../shared/metrics-window';

export interface MetricsCollectorOptions {
  intervalMs: number;
  retentionMs?: number;
  /** Stats calls in flight at once: the engine answers each from cgroup files, but not for free. */
  concurrency?: number;
}

export interface CollectionRound {
  containers: number;
  durationMs: number;
}

/**
 * Reads every running app container's CPU and memory from the engine at a steady interval (one-shot stats,
 * a few in parallel) into a MetricsWindow. A round never overlaps the previous one.
 */
export class MetricsCollector implements Disposable {
  readonly window: MetricsWindow;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private disposed = false;
  private readonly listeners = new Set<() => void>();
  lastRound: CollectionRound | undefined;

  constructor(
    private readonly runtime: DockerRuntime,
    private readonly options: MetricsCollectorOptions,
  ) {
    this.window = new MetricsWindow(options.retentionMs ?? 15 * 60_000);
  }

  start(): void {
    const tick = () => {
      this.running = this.collect()
        .catch((err: Error) => console.error(`metrics: ${err.message}`))
        .finally(() => {
          this.running = undefined;
          if (!this.disposed) this.timer = setTimeout(tick, this.options.intervalMs);
        });
    };
    tick();
  }

  async collect(): Promise<void> {
    const started = performance.now();
    const containers = (await this.runtime.listContainers({ [LABEL.role]: 'app' })).filter(
      (c) => c.state === 'running',
    );
    const readings: ContainerReading[] = [];
    let next = 0;
    const worker = async () => {
      while (next < containers.length) {
        const c = containers[next++]!;
        const stats = await this.runtime.containerStats(c.id).catch(() => undefined);
        if (!stats || !Number.isFinite(stats.timestamp)) continue;
        readings.push({
          containerId: c.id,
          namespace: c.labels[LABEL.namespace] ?? '',
          pod: c.labels[LABEL.podName] ?? '',
          podUid: c.labels[LABEL.podUid] ?? '',
          container: c.labels[LABEL.container] ?? '',
          timestamp: stats.timestamp,
          cpuNanos: stats.cpuNanos,
          memoryBytes: stats.memoryWorkingSetBytes,
        });
      }
    };
    await Promise.all(Array.from({ length: this.options.concurrency ?? 8 }, worker));
    if (this.disposed) return;
    this.window.record(readings, Date.now());
    this.lastRound = { containers: containers.length, durationMs: performance.now() - started };
    for (const listener of this.listeners) listener();
  }

  /** Called after each round: the HPA decides on fresh samples, as Kubernetes' does at its resync. */
  onRound(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.dispose();
    await this.running;
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
    clearTimeout(this.timer);
  }
}
