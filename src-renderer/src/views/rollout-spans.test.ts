import { describe, expect, it } from 'vitest';
import type { KubeEvent, Pod } from '@shared/pod-types';
import type { Deployment, DeploymentCondition, ReplicaSet } from '@shared/workload-types';
import { rolloutTimeline, type RolloutSpan } from './rollout-spans';

const T0 = Date.parse('2026-11-23T10:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

function deployment(
  progressing: Partial<DeploymentCondition>,
  more: Partial<Deployment['spec']> = {},
  status: Partial<NonNullable<Deployment['status']>> = {},
): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', uid: 'd-web', generation: 2 },
    spec: { replicas: 2, selector: {}, template: { spec: { containers: [] } }, ...more },
    status: {
      observedGeneration: 2,
      conditions: [{ type: 'Progressing', status: 'True', ...progressing }],
      ...status,
    },
  };
}

function replicaSet(name: string, revision: string, created: number, extra: Record<string, string> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: 'shop',
      uid: `rs-${name}`,
      creationTimestamp: at(created),
      annotations: { 'deployment.kubernetes.io/revision': revision, ...extra },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-web', controller: true },
      ],
    },
    spec: { selector: {}, template: { spec: { containers: [] } } },
    status: { replicas: 1, readyReplicas: 1 },
  } satisfies ReplicaSet;
}

let serial = 0;
function event(
  kind: string,
  name: string,
  reason: string,
  seconds: number | [number, number],
  message = reason,
  type: 'Normal' | 'Warning' = 'Normal',
): KubeEvent {
  const [first, last] = typeof seconds === 'number' ? [seconds, seconds] : seconds;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `e${++serial}`, namespace: 'shop', uid: `e${serial}` },
    involvedObject: { kind, name, namespace: 'shop' },
    reason,
    message,
    type,
    firstTimestamp: at(first),
    lastTimestamp: at(last),
  };
}

const pod = (name: string, rs: string, readyAt?: number): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: 'shop',
    uid: `pod-${name}`,
    ownerReferences: [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs, uid: `rs-${rs}`, controller: true },
    ],
  },
  spec: { containers: [] },
  status:
    readyAt === undefined
      ? {}
      : { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: at(readyAt) }] },
});

const reasons = (span: RolloutSpan | undefined) => span?.events.map((e) => e.reason);
const bySeconds = (span: RolloutSpan) => ({
  revision: span.revision,
  outcome: span.outcome,
  start: (span.start - T0) / 1000,
  end: span.end === undefined ? undefined : (span.end - T0) / 1000,
});

// Through the public rolloutTimeline: also covers rollout-revisions.ts (starts and outcomes).
describe('rolloutTimeline', () => {
  it('makes a finished first rollout one span holding its Deployment, ReplicaSet and pod events', () => {
    const d = deployment({
      reason: 'NewReplicaSetAvailable',
      message: 'ReplicaSet "web-a" has successfully progressed.',
      lastUpdateTime: at(12),
    });
    const { spans, loose } = rolloutTimeline({
      deployments: [d],
      replicaSets: [replicaSet('web-a', '1', 0)],
      events: [
        event('Deployment', 'web', 'ScalingReplicaSet', 0, 'Scaled up replica set web-a from 0 to 2'),
        event('ReplicaSet', 'web-a', 'SuccessfulCreate', 1),
        event('Pod', 'web-a-x1x2x', 'Scheduled', 2), // no pods listed: found by name
        event('Pod', 'web-a-x1x2x', 'Started', 9),
        event('Pod', 'web-a-x1x2x', 'BackOff', 600), // long after the rollout finished
        event('Pod', 'web-ab-x1x2x', 'Started', 5), // another ReplicaSet's pod, not this one's
        event('Service', 'web', 'FailedToStartServiceProxy', 3),
      ],
    });
    expect(spans.map(bySeconds)).toEqual([{ revision: 1, outcome: 'done', start: 0, end: 12 }]);
    expect(reasons(spans[0])).toEqual(['Started', 'Scheduled', 'SuccessfulCreate', 'ScalingReplicaSet']);
    expect(loose.map((e) => e.reason)).toEqual(['BackOff', 'Started', 'FailedToStartServiceProxy']);
  });

  it('shows an update in progress with its progress, and the done rollout before it ending at its last step', () => {
    const d = deployment(
      { reason: 'ReplicaSetUpdated', message: 'ReplicaSet "web-b" is progressing.', lastUpdateTime: at(64) },
      {},
      { updatedReplicas: 1 },
    );
    const rsB = { ...replicaSet('web-b', '2', 60), status: { replicas: 1, readyReplicas: 0 } };
    const { spans } = rolloutTimeline({
      deployments: [d],
      replicaSets: [replicaSet('web-a', '1', 0, { 'skiff.io/was-available': 'true' }), rsB],
      pods: [
        pod('web-a-aaaaa', 'web-a', 8),
        {
          ...pod('web-a-bbbbb', 'web-a'),
          status: { conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: at(1) }] },
        },
        pod('adopted', 'web-b'),
      ],
      events: [
        event('Deployment', 'web', 'ScalingReplicaSet', 0, 'Scaled up replica set web-a from 0 to 2'),
        event('Pod', 'web-a-aaaaa', 'Started', 7),
        event('Deployment', 'web', 'ScalingReplicaSet', 60, 'Scaled up replica set web-b from 0 to 1'),
        event('Pod', 'adopted', 'Pulling', 61), // found through its ownerReference, not its name
        event('Pod', 'web-a-aaaaa', 'Killing', 63), // an old pod stopped by the new rollout
      ],
    });
    expect(spans.map(bySeconds)).toEqual([
      { revision: 1, outcome: 'done', start: 0, end: 8 },
      { revision: 2, outcome: 'in-progress', start: 60, end: undefined },
    ]);
    expect(spans[1]!.progress).toEqual({ updated: 1, ready: 0, desired: 2 });
    expect(reasons(spans[0])).toEqual(['Started', 'ScalingReplicaSet']);
    expect(reasons(spans[1])).toEqual(['Killing', 'Pulling', 'ScalingReplicaSet']);
  });

  it('fails a rollout past its progress deadline; while it is current, what its pods do next stays in it', () => {
    const d = deployment({
      reason: 'ProgressDeadlineExceeded',
      message: 'ReplicaSet "web-b" has timed out progressing.',
      status: 'False',
      lastUpdateTime: at(70),
    });
    const { spans, loose } = rolloutTimeline({
      deployments: [d],
      replicaSets: [
        replicaSet('web-a', '1', 0, { 'skiff.io/was-available': 'true' }),
        replicaSet('web-b', '2', 60),
      ],
      events: [
        event('Pod', 'web-b-bbbbb', 'BackOff', [62, 300], 'Back-off pulling image', 'Warning'),
        event('Pod', 'web-b-ccccc', 'Scheduled', 400), // a new pod after the failure
      ],
    });
    expect(spans.map(bySeconds)[1]).toEqual({ revision: 2, outcome: 'failed', start: 60, end: 70 });
    expect(spans[1]!.reason).toBe('progress deadline exceeded');
    expect(reasons(spans[1])).toEqual(['Scheduled', 'BackOff']);
    expect(loose).toEqual([]);
  });

  it('marks a rollout rolled back when the next revision reuses an older ReplicaSet, starting at its first sign', () => {
    const d = deployment({
      reason: 'NewReplicaSetAvailable',
      message: 'ReplicaSet "web-a" has successfully progressed.',
      lastUpdateTime: at(125),
    });
    const { spans } = rolloutTimeline({
      deployments: [d],
      replicaSets: [
        replicaSet('web-a', '3', 0, {
          'deployment.kubernetes.io/revision-history': '1',
          'skiff.io/was-available': 'true',
        }),
        replicaSet('web-b', '2', 60),
      ],
      events: [
        event('Pod', 'web-a-aaaaa', 'Started', 5), // the pod is gone; its container started then
        event('Deployment', 'web', 'ScalingReplicaSet', 60, 'Scaled up replica set web-b from 0 to 1'),
        event('Deployment', 'web', 'ScalingReplicaSet', 120, 'Scaled down replica set web-b from 1 to 0'),
        event('Pod', 'web-b-bbbbb', 'Killing', 121),
      ],
    });
    expect(spans.map(bySeconds)).toEqual([
      { revision: 1, outcome: 'done', start: 0, end: 5 },
      { revision: 2, outcome: 'rolled-back', start: 60, end: 120 },
      { revision: 3, outcome: 'done', start: 120, end: 125 },
    ]);
    expect(spans[2]!.rollbackTo).toBe(1);
    expect(reasons(spans[2])).toEqual(['Killing', 'ScalingReplicaSet']);
  });

  it('says why Skiff rolled a rollout back by itself, from its RolledBack event', () => {
    const d = deployment({ reason: 'ReplicaSetUpdated', message: 'ReplicaSet "web-a" is progressing.' });
    const { spans } = rolloutTimeline({
      deployments: [d],
      replicaSets: [
        replicaSet('web-a', '3', 0, { 'deployment.kubernetes.io/revision-history': '1' }),
        replicaSet('web-b', '2', 60),
      ],
      events: [
        event(
          'Deployment',
          'web',
          'RolledBack',
          90,
          'Rolled back from revision 2 to revision 1: the rollout made no progress for 10s',
          'Warning',
        ),
      ],
    });
    expect(spans[1]).toMatchObject({
      outcome: 'rolled-back',
      reason: 'the rollout made no progress for 10s',
    });
    expect((spans[2]!.start - T0) / 1000).toBe(90);
    expect(reasons(spans[2])).toEqual(['RolledBack']);
  });

  it('calls a rollout that never finished before a newer template replaced', () => {
    const d = deployment(
      { reason: 'ReplicaSetUpdated', message: 'ReplicaSet "web-c" is progressing.' },
      { paused: true },
    );
    const { spans } = rolloutTimeline({
      deployments: [d],
      replicaSets: [replicaSet('web-b', '2', 60), replicaSet('web-c', '3', 90)],
      events: [],
    });
    expect(spans.map((s) => [s.revision, s.outcome, s.reason])).toEqual([
      [2, 'replaced', undefined],
      [3, 'in-progress', 'paused'],
    ]);
  });

  it('notes crash-looping pods of a rollout in progress; keeps namespaces and earlier objects of the name apart', () => {
    const d = deployment({ reason: 'ReplicaSetUpdated', message: 'ReplicaSet "web-a" is progressing.' });
    const looping: Pod = {
      ...pod('web-a-aaaaa', 'web-a'),
      status: {
        containerStatuses: [
          {
            name: 'web',
            ready: false,
            restartCount: 4,
            image: '',
            imageID: '',
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: {},
          },
        ],
      },
    };
    const earlier = {
      ...event('Deployment', 'web', 'ScalingReplicaSet', 1),
      involvedObject: { kind: 'Deployment', name: 'web', namespace: 'shop', uid: 'a-deleted-web' },
    };
    const elsewhere = {
      ...event('Deployment', 'web', 'ScalingReplicaSet', 5),
      involvedObject: { kind: 'Deployment', name: 'web', namespace: 'other' },
    };
    const { spans, loose } = rolloutTimeline({
      deployments: [d],
      replicaSets: [replicaSet('web-a', '1', 0)],
      pods: [looping],
      events: [elsewhere, earlier],
    });
    expect(spans[0]!.reason).toBe('pods crash-looping');
    expect(loose).toEqual([elsewhere, earlier]);
  });
});
