import { describe, expect, it } from 'vitest';
import type { PodUsageHistory } from '@shared/metrics-types';
import { sumSeries } from './usage-series';

const pod = (name: string, samples: Array<[number, number, number]>): PodUsageHistory => ({
  metadata: { name, namespace: 'default', uid: name },
  samples: samples.map(([at, cpuNanoCores, memoryBytes]) => ({
    collectedAt: at,
    timestamp: at - 3,
    windowMs: 1000,
    containers: [{ name: 'app', cpuNanoCores, memoryBytes }],
  })),
});

describe('sumSeries', () => {
  it('adds pods up per collection round, a pod that joined later counting from its first round', () => {
    expect(
      sumSeries([
        pod('a', [
          [1000, 1e8, 10],
          [2000, 2e8, 20],
        ]),
        pod('b', [[2000, 5e8, 5]]),
      ]),
    ).toEqual([
      { at: 1000, cpuMillis: 100, memoryBytes: 10 },
      { at: 2000, cpuMillis: 700, memoryBytes: 25 },
    ]);
  });
});
