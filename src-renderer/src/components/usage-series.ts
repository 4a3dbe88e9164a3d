import type { PodUsageHistory, PodUsageSample } from '@shared/metrics-types';

export interface UsagePoint {
  at: number; // ms
  cpuMillis: number;
  memoryBytes: number;
}

const totals = (s: PodUsageSample): UsagePoint => ({
  at: s.collectedAt,
  cpuMillis: s.containers.reduce((n, c) => n + c.cpuNanoCores / 1e6, 0),
  memoryBytes: s.containers.reduce((n, c) => n + c.memoryBytes, 0),
});

/** One pod's usage over time, all its containers added up. */
export function podSeries(pod: PodUsageHistory): UsagePoint[] {
  return pod.samples.map(totals);
}

/** The pods' usage added up per collection round (every pod of a round shares its collectedAt). */
export function sumSeries(pods: PodUsageHistory[]): UsagePoint[] {
  const byRound = new Map<number, UsagePoint>();
  for (const point of pods.flatMap(podSeries)) {
    const sum = byRound.get(point.at) ?? { at: point.at, cpuMillis: 0, memoryBytes: 0 };
    sum.cpuMillis += point.cpuMillis;
    sum.memoryBytes += point.memoryBytes;
    byRound.set(point.at, sum);
  }
  return [...byRound.values()].sort((a, b) => a.at - b.at);
}
