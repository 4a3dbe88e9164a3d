import { describe, expect, it } from 'vitest';
import type { Deployment } from '@shared/workload-types';
import { deploymentStatus } from './workload-status';

const deployment = (spec: object, status: object): Deployment =>
  ({
    metadata: { name: 'web' },
    spec: { replicas: 2, selector: {}, template: {}, ...spec },
    status,
  }) as Deployment;
const complete = { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' };

describe('deploymentStatus', () => {
  it.each([
    [
      'settled',
      {},
      { readyReplicas: 2, updatedReplicas: 2, conditions: [complete] },
      { text: 'Ready · 2/2', tone: 'ok' },
    ],
    [
      'scaling up',
      { replicas: 3 },
      { readyReplicas: 2, updatedReplicas: 2, conditions: [complete] },
      { text: 'Rolling out · 2/3 ready', tone: 'warn' },
    ],
    ['paused', { paused: true }, { readyReplicas: 1 }, { text: 'Paused · 1/2 ready', tone: 'warn' }],
    ['new', {}, {}, { text: 'Rolling out · 0/2 ready', tone: 'warn' }],
  ])('%s', (_, spec, status, expected) => {
    expect(deploymentStatus(deployment(spec, status), undefined)).toEqual(expected);
  });

  it('says it fails, and why, over anything else', () => {
    const failure = { reason: 'ErrImagePull', summary: 'The image cannot be pulled' };
    const d = deployment({}, { readyReplicas: 2, updatedReplicas: 2, conditions: [complete] });
    expect(deploymentStatus(d, failure)).toEqual({ text: 'Failing: ErrImagePull', tone: 'bad' });
  });
});
