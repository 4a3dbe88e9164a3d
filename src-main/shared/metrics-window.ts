import type { ContainerUsage, NodeUsageSample, PodUsageSample } from './metrics-types';

// Usage rates from cumulative readings, kept for a short window per pod (charts) with the latest served as
// metrics.k8s.io. Pure: the collector feeds it what the engine reported.

export interface ContainerReading {
  containerId: string;
  namespace: string;
  pod: string;
  podUid: string;
  container: string;
  timestamp: number; // ms
  cpuNanos: number; // cumulative
  memoryBytes: number; // working set
}

export interface PodUsage {
  namespace: string;
  name: string;
  uid: string;
  samples: PodUsageSample[]; // oldest first
}

interface Cumulative {
  timestamp: number;
  cpuNanos: number;
}

export class MetricsWindow {
  private previous = new Map<string, Cumulative>();
  private readonly pods = new Map<string, PodUsage>();
  private readonly node: NodeUsageSample[] = [];

  constructor(private readonly retentionMs: number) {}

  /**
   * One collection round: every running container that was read. A container needs two readings for a CPU
   * rate; a pod appears only when all its read containers have one, so a half-measured pod never looks idle.
   * Pods absent from the round are gone.
   */
  record(readings: ContainerReading[], now: number): void {
    const byPod = new Map<
      string,
      { reading: ContainerReading; usage?: ContainerUsage; windowMs: number }[]
    >();
    const next = new Map<string, Cumulative>();
    for (const reading of readings) {
      next.set(reading.containerId, { timestamp: reading.timestamp, cpuNanos: reading.cpuNanos });
      const before = this.previous.get(reading.containerId);
      const elapsedMs = before ? reading.timestamp - before.timestamp : 0;
      const usage =
        before && elapsedMs > 0 && reading.cpuNanos >= before.cpuNanos
          ? {
              name: reading.container,
              cpuNanoCores: Math.round(((reading.cpuNanos - before.cpuNanos) * 1000) / elapsedMs),
              memoryBytes: reading.memoryBytes,
            }
          : undefined;
      const key = `${reading.namespace}/${reading.pod}/${reading.podUid}`;
      if (!byPod.has(key)) byPod.set(key, []);
      byPod.get(key)!.push({ reading, usage, windowMs: elapsedMs });
    }
    this.previous = next;

    const seen = new Set<string>();
    let nodeCpu = 0;
    let nodeMemory = 0;
    let nodeWindow = 0;
    let nodeTimestamp = 0;
    for (const [key, containers] of byPod) {
      seen.add(key);
      if (containers.some((c) => !c.usage)) continue;
      const first = containers[0]!.reading;
      const sample: PodUsageSample = {
        collectedAt: now,
        timestamp: Math.max(...containers.map((c) => c.reading.timestamp)),
        windowMs: Math.max(...containers.map((c) => c.windowMs)),
        containers: containers.map((c) => c.usage!).sort((a, b) => a.name.localeCompare(b.name)),
      };
      const pod = this.pods.get(key) ?? {
        namespace: first.namespace,
        name: first.pod,
        uid: first.podUid,
        samples: [],
      };
      pod.samples.push(sample);
      this.pods.set(key, pod);
      for (const c of sample.containers) {
        nodeCpu += c.cpuNanoCores;
        nodeMemory += c.memoryBytes;
      }
      nodeWindow = Math.max(nodeWindow, sample.windowMs);
      nodeTimestamp = Math.max(nodeTimestamp, sample.timestamp);
    }
    for (const key of this.pods.keys()) if (!seen.has(key)) this.pods.delete(key);
    if (nodeTimestamp > 0 || byPod.size === 0) {
      this.node.push({
        collectedAt: now,
        timestamp: nodeTimestamp || now,
        windowMs: nodeWindow,
        cpuNanoCores: nodeCpu,
        memoryBytes: nodeMemory,
      });
    }
    this.expire(now);
  }

  private expire(now: number): void {
    const cutoff = now - this.retentionMs;
    for (const pod of this.pods.values()) {
      while (pod.samples.length > 0 && pod.samples[0]!.timestamp < cutoff) pod.samples.shift();
    }
    while (this.node.length > 0 && this.node[0]!.timestamp < cutoff) this.node.shift();
  }

  /** Pods with at least one sample, optionally in one namespace. */
  podUsage(namespace?: string): PodUsage[] {
    return [...this.pods.values()].filter(
      (p) => p.samples.length > 0 && (namespace === undefined || p.namespace === namespace),
    );
  }

  latestPodSample(namespace: string, name: string): PodUsageSample | undefined {
    const pod = this.podUsage(namespace).find((p) => p.name === name);
    return pod?.samples.at(-1);
  }

  nodeSamples(): NodeUsageSample[] {
    return [...this.node];
  }
}
