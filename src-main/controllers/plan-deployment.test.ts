import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../shared/workload-types';
import { newReplicaSetReplicas, resolveFenceposts, templateHash } from './deployment-util';
import { planDeployment, replicaSetsToCleanUp } from './plan-deployment';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const template = (image: string) => ({
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'web', image }] },
});

function deployment(
  o: {
    replicas?: number;
    image?: string;
    surge?: number | string;
    unavailable?: number | string;
    recreate?: boolean;
    paused?: boolean;
    status?: Deployment['status'];
    history?: number;
  } = {},
): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'd-uid', generation: 2 },
    spec: {
      replicas: o.replicas ?? 4,
      selector: { matchLabels: { app: 'web' } },
      template: template(o.image ?? 'web:v2'),
      strategy: o.recreate
        ? { type: 'Recreate' }
        : {
            type: 'RollingUpdate',
            rollingUpdate: { maxSurge: o.surge ?? 1, maxUnavailable: o.unavailable ?? 1 },
          },
      revisionHistoryLimit: o.history ?? 10,
      progressDeadlineSeconds: 600,
      ...(o.paused ? { paused: true } : {}),
    },
    ...(o.status ? { status: o.status } : {}),
  };
}

function rs(
  image: string,
  revision: number,
  replicas: number,
  available = replicas,
  created = '2026-11-23T10:00:00Z',
): ReplicaSet {
  const hash = templateHash(template(image));
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `web-${hash}`,
      namespace: 'default',
      uid: `rs-${image}`,
      creationTimestamp: created,
      annotations: {
        'deployment.kubernetes.io/revision': String(revision),
        'deployment.kubernetes.io/desired-replicas': '4',
      },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-uid', controller: true },
      ],
    },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': hash } },
      template: { ...template(image), metadata: { labels: { app: 'web', 'pod-template-hash': hash } } },
    },
    status: { replicas, readyReplicas: available, availableReplicas: available },
  };
}

const steps = (plan: ReturnType<typeof planDeployment>) =>
  plan.actions.map((a) =>
    a.type === 'scale'
      ? `scale ${a.rs.spec.template.spec.containers[0]!.image} → ${a.replicas}`
      : a.type === 'create-rs'
        ? `create ${a.rs.spec.template.spec.containers[0]!.image} at ${a.rs.spec.replicas}`
        : a.type,
  );
const progressing = (plan: ReturnType<typeof planDeployment>) =>
  plan.status.conditions?.find((c) => c.type === 'Progressing');

describe('deployment util', () => {
  it.each([
    [10, '25%', '25%', { maxSurge: 3, maxUnavailable: 2 }],
    [3, '25%', '25%', { maxSurge: 1, maxUnavailable: 0 }],
    [10, 0, 0, { maxSurge: 0, maxUnavailable: 1 }],
    [5, 2, '50%', { maxSurge: 2, maxUnavailable: 2 }],
  ])('fenceposts for %i replicas, surge %s, unavailable %s', (replicas, surge, unavailable, expected) => {
    expect(resolveFenceposts(deployment({ replicas, surge, unavailable }))).toEqual(expected);
  });

  it.each([
    // replicas, surge, old replicas, new replicas → new RS may grow to
    [1, 1, 1, 0, 1],
    [10, '25%', 10, 0, 3],
    [10, '25%', 7, 3, 6],
    [10, 0, 10, 0, 0],
    [4, 1, 0, 4, 4],
  ])(
    'new ReplicaSet for %i replicas with surge %s, old %i, new %i grows to %i',
    (replicas, surge, oldCount, newCount, expected) => {
      const d = deployment({ replicas, surge, unavailable: 1 });
      const newRS = rs('web:v2', 2, newCount);
      expect(newReplicaSetReplicas(d, [rs('web:v1', 1, oldCount), newRS], newRS)).toBe(expected);
    },
  );

  it('hashes templates stably, ignoring the pod-template-hash label', () => {
    expect(templateHash(template('a:1'))).toBe(
      templateHash({ ...template('a:1'), metadata: { labels: { app: 'web', 'pod-template-hash': 'x' } } }),
    );
    expect(templateHash(template('a:1'))).not.toBe(templateHash(template('a:2')));
    expect(templateHash(template('a:1'))).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
  });
});

describe('planDeployment', () => {
  it('creates the first ReplicaSet at full size with revision 1', () => {
    const plan = planDeployment(deployment(), [], [], NOW);
    expect(steps(plan)).toEqual(['create web:v2 at 4']);
    const created = plan.actions[0]!.type === 'create-rs' ? plan.actions[0]!.rs : undefined;
    expect(created?.metadata.name).toBe(`web-${templateHash(template('web:v2'))}`);
    expect(created?.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(created?.spec.selector.matchLabels?.['pod-template-hash']).toBe(templateHash(template('web:v2')));
    expect(progressing(plan)).toMatchObject({ status: 'True', reason: 'NewReplicaSetCreated' });
  });

  it('rolls: surge first, then scales old down while enough stay available', () => {
    expect(steps(planDeployment(deployment(), [rs('web:v1', 1, 4)], [], NOW))).toEqual([
      'create web:v2 at 1',
    ]);
    // New pod not yet available: one old may go (4 + 1 - 3 min available - 1 unavailable new).
    expect(steps(planDeployment(deployment(), [rs('web:v1', 1, 4), rs('web:v2', 2, 1, 0)], [], NOW))).toEqual(
      ['scale web:v1 → 3'],
    );
    // Room to surge again once the old one went.
    expect(steps(planDeployment(deployment(), [rs('web:v1', 1, 3), rs('web:v2', 2, 1, 1)], [], NOW))).toEqual(
      ['scale web:v2 → 2'],
    );
  });

  it('never goes below the replica count with maxUnavailable 0 while new pods are not ready', () => {
    const plan = planDeployment(
      deployment({ unavailable: 0 }),
      [rs('web:v1', 1, 4), rs('web:v2', 2, 1, 0)],
      [],
      NOW,
    );
    expect(steps(plan)).toEqual([]);
  });

  it('scales old pods down first with Recreate, and creates the new ReplicaSet only when they are gone', () => {
    expect(steps(planDeployment(deployment({ recreate: true }), [rs('web:v1', 1, 4)], [], NOW))).toEqual([
      'scale web:v1 → 0',
    ]);
    const draining = rs('web:v1', 1, 0);
    draining.status = { replicas: 2 };
    expect(steps(planDeployment(deployment({ recreate: true }), [draining], [], NOW))).toEqual([]);
    expect(steps(planDeployment(deployment({ recreate: true }), [rs('web:v1', 1, 0)], [], NOW))).toEqual([
      'create web:v2 at 4',
    ]);
  });

  it('reuses the old ReplicaSet on a rollback and gives it the next revision', () => {
    const plan = planDeployment(
      deployment({ image: 'web:v1' }),
      [rs('web:v1', 1, 0), rs('web:v2', 2, 4)],
      [],
      NOW,
    );
    expect(plan.actions[0]).toMatchObject({
      type: 'update-rs-annotations',
      annotations: {
        'deployment.kubernetes.io/revision': '3',
        'deployment.kubernetes.io/revision-history': '1',
      },
    });
    expect(plan.revision).toBe('3');
  });

  it('reports completion, and a missed progress deadline', () => {
    const done = planDeployment(deployment(), [rs('web:v1', 1, 0), rs('web:v2', 2, 4)], [], NOW);
    expect(progressing(done)).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
    expect(done.status).toMatchObject({
      replicas: 4,
      updatedReplicas: 4,
      availableReplicas: 4,
      unavailableReplicas: 0,
    });
    const stuckStatus = {
      replicas: 5,
      updatedReplicas: 1,
      readyReplicas: 4,
      availableReplicas: 4,
      conditions: [
        {
          type: 'Progressing',
          status: 'True' as const,
          reason: 'ReplicaSetUpdated',
          lastUpdateTime: '2026-11-23T11:00:00Z',
          lastTransitionTime: '2026-11-23T11:00:00Z',
        },
      ],
    };
    const stuck = planDeployment(
      deployment({ unavailable: 0, status: stuckStatus }),
      [rs('web:v1', 1, 4), rs('web:v2', 2, 1, 0)],
      [],
      NOW,
    );
    expect(progressing(stuck)).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
  });

  it('asks to be looked at again when the deadline of a rollout that just progressed passes', () => {
    const justNow = {
      replicas: 5,
      updatedReplicas: 1,
      readyReplicas: 4,
      availableReplicas: 4,
      conditions: [
        {
          type: 'Progressing',
          status: 'True' as const,
          reason: 'ReplicaSetUpdated',
          lastUpdateTime: '2026-11-23T11:59:58Z',
          lastTransitionTime: '2026-11-23T11:00:00Z',
        },
      ],
    };
    const plan = planDeployment(
      deployment({ unavailable: 0, status: justNow }),
      [rs('web:v1', 1, 4), rs('web:v2', 2, 1, 0)],
      [],
      NOW,
    );
    expect(progressing(plan)).toMatchObject({ reason: 'ReplicaSetUpdated' });
    // the default 600 s deadline, less the 2 s since the last progress
    expect(plan.requeueMs).toBe(598_000 + 100);
  });

  it('keeps conditions of other types, such as the RolledBack that auto-rollback writes', () => {
    const rolledBack = {
      type: 'RolledBack',
      status: 'True' as const,
      reason: 'ProgressDeadlineExceeded',
      message: 'Rolled back from revision 2 to revision 1',
    };
    const plan = planDeployment(
      deployment({ image: 'web:v1', status: { conditions: [rolledBack] } }),
      [rs('web:v1', 3, 4), rs('web:v2', 2, 0)],
      [],
      NOW,
    );
    expect(plan.status.conditions?.map((c) => c.type)).toEqual(['Available', 'Progressing', 'RolledBack']);
    expect(plan.status.conditions?.[2]).toEqual(rolledBack);
  });

  it('does not roll while paused', () => {
    const plan = planDeployment(deployment({ paused: true }), [rs('web:v1', 1, 4)], [], NOW);
    expect(steps(plan)).toEqual([]);
    expect(progressing(plan)).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused' });
  });

  it('spreads a replica change over the ReplicaSets of a rollout in progress', () => {
    const plan = planDeployment(
      deployment({ replicas: 8, surge: 1 }),
      [rs('web:v1', 1, 3), rs('web:v2', 2, 2, 2, '2026-11-23T11:00:00Z')],
      [],
      NOW,
    );
    // allowed 8 + 1 = 9, current 5: +4 split 3:2 → +2 and +1, leftover to the largest.
    expect(steps(plan).sort()).toEqual(['scale web:v1 → 6', 'scale web:v2 → 3']);
  });

  it('keeps revisionHistoryLimit old ReplicaSets', () => {
    const old = [rs('a:1', 1, 0), rs('a:2', 2, 0), rs('a:3', 3, 0)];
    expect(
      replicaSetsToCleanUp(deployment({ history: 1 }), [...old, rs('web:v2', 4, 4)]).map(
        (r) => r.metadata.annotations?.['deployment.kubernetes.io/revision'],
      ),
    ).toEqual(['1', '2']);
  });
});
