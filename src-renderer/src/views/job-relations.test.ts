import { describe, expect, it } from 'vitest';
import type { CronJob, Job } from '@shared/batch-types';
import type { Pod } from '@shared/pod-types';
import { jobsOfCronJob, latestPod, podsOfJob } from './job-relations';

const owned = (uid: string, created: string, owner?: string) => ({
  metadata: {
    uid,
    name: uid,
    creationTimestamp: created,
    ownerReferences: owner
      ? [{ apiVersion: 'x', kind: 'x', name: owner, uid: owner, controller: true }]
      : undefined,
  },
});

describe('job relations', () => {
  const cj = owned('cj', '2024-01-01T00:00:00Z') as unknown as CronJob;
  const jobs = [
    owned('j1', '2024-01-01T00:01:00Z', 'cj'),
    owned('j2', '2024-01-01T00:02:00Z', 'cj'),
    owned('j3', '2024-01-01T00:03:00Z'),
  ] as unknown as Job[];
  it('lists a CronJob runs newest first', () => {
    expect(jobsOfCronJob(cj, jobs).map((j) => j.metadata.uid)).toEqual(['j2', 'j1']);
  });
  it('finds a Job pods and its latest attempt', () => {
    const pods = [
      owned('p1', '2024-01-01T00:01:00Z', 'j1'),
      owned('p2', '2024-01-01T00:01:30Z', 'j1'),
      owned('p3', '2024-01-01T00:01:30Z', 'j2'),
    ] as unknown as Pod[];
    expect(podsOfJob(jobs[0]!, pods).map((p) => p.metadata.uid)).toEqual(['p2', 'p1']);
    expect(latestPod(jobs[0]!, pods)?.metadata.uid).toBe('p2');
  });
});
