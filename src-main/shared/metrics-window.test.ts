import { describe, expect, it } from 'vitest';
import { MetricsWindow, type ContainerReading } from './metrics-window';

const reading = (overrides: Partial<ContainerReading>): ContainerReading => ({
  containerId: 'c1',
  namespace: 'default',
  pod: 'web',
  podUid: 'u1',
  container: 'app',
  timestamp: 0,
  cpuNanos: 0,
  memoryBytes: 1000,
  ...overrides,
});

describe('MetricsWindow', () => {
  it('needs two readings of a container for a CPU rate, then reports nano-cores over the elapsed time', () => {
    const window = new MetricsWindow(60_000);
    window.record([reading({ timestamp: 1000, cpuNanos: 5e9 })], 1000);
    expect(window.podUsage()).toEqual([]);
    window.record([reading({ timestamp: 3000, cpuNanos: 6e9, memoryBytes: 2048 })], 3000);
    expect(window.latestPodSample('default', 'web')).toEqual({
      collectedAt: 3000,
      timestamp: 3000,
      windowMs: 2000,
      containers: [{ name: 'app', cpuNanoCores: 5e8, memoryBytes: 2048 }],
    });
    expect(window.nodeSamples().at(-1)).toMatchObject({ cpuNanoCores: 5e8, memoryBytes: 2048 });
  });

  it('leaves out a pod while one of its containers has no rate yet (a restart is a new container)', () => {
    const window = new MetricsWindow(60_000);
    window.record([reading({ timestamp: 0 }), reading({ containerId: 'c2', container: 'side' })], 0);
    window.record(
      [reading({ timestamp: 1000, cpuNanos: 1e9 }), reading({ containerId: 'c3', container: 'side' })],
      1000,
    );
    expect(window.podUsage()).toEqual([]);
  });

  it('forgets pods that are gone and samples older than the retention', () => {
    const window = new MetricsWindow(5_000);
    for (let t = 0; t <= 10_000; t += 1000) window.record([reading({ timestamp: t, cpuNanos: t * 1e6 })], t);
    const samples = window.podUsage()[0]!.samples;
    expect(samples[0]!.timestamp).toBe(5000);
    expect(samples.every((s) => s.containers[0]!.cpuNanoCores === 1e9)).toBe(true);
    window.record([], 11_000);
    expect(window.podUsage()).toEqual([]);
    expect(window.nodeSamples().at(-1)).toMatchObject({ cpuNanoCores: 0, memoryBytes: 0 });
  });

  it('ignores a counter that went backwards (a reset) rather than reporting a negative rate', () => {
    const window = new MetricsWindow(60_000);
    window.record([reading({ timestamp: 0, cpuNanos: 9e9 })], 0);
    window.record([reading({ timestamp: 1000, cpuNanos: 1e9 })], 1000);
    expect(window.podUsage()).toEqual([]);
  });
});
