import { describe, expect, it } from 'vitest';
import {
  CANARY_WEIGHT_ANNOTATION,
  ROLLOUT_POD_TEMPLATE_HASH,
  ROLLOUT_REVISION_ANNOTATION,
  SCALE_DOWN_DEADLINE_ANNOTATION,
  type Rollout,
  type RolloutStatus,
} from '../shared/rollout-types';
import type { Service } from '../shared/service-types';
import type { ReplicaSet } from '../shared/workload-types';
import { currentWeight, planRollout, type RolloutAction, type RolloutPlan } from './plan-rollout';
import { approximateCanaryStable, basicCanaryCounts } from './rollout-replicas';

// Argo Rollouts' rules as tables: replica arithmetic, steps as state, promote/abort/retry by the plugin's
// patches, blue-green promotion, revision history. A tiny simulator applies each plan to in-memory
// ReplicaSets ("available" when told) so a whole rollout can be walked step by step.

const T0 = Date.parse('2026-01-01T00:00:00Z');
const svc = (name: string): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'ns' },
  spec: { selector: { app: 'web' } },
});

function rollout(image: string, spec: Partial<Rollout['spec']> = {}): Rollout {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: 'web', namespace: 'ns', uid: 'u1', generation: 1 },
    spec: {
      replicas: 5,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } },
      strategy: {
        canary: {
          steps: [{ setWeight: 20 }, { pause: {} }, { setWeight: 60 }, { pause: { duration: '10s' } }],
        },
      },
      ...spec,
    },
  };
}

class Sim {
  replicaSets: ReplicaSet[] = [];
  services: Record<string, Service> = {
    stable: svc('stable'),
    canary: svc('canary'),
    active: svc('active'),
    preview: svc('preview'),
  };
  status: RolloutStatus = {};
  events: string[] = [];
  now = T0;
  constructor(public ro: Rollout) {}
  sync(): RolloutPlan {
    const r = { ...this.ro, status: this.status };
    const plan = planRollout(
      r,
      {
        template: r.spec.template!,
        selector: r.spec.selector!,
        replicaSets: structuredClone(this.replicaSets),
        services: this.services,
      },
      this.now,
    );
    for (const a of plan.actions) this.apply(a);
    this.status = plan.status;
    return plan;
  }
  apply(a: RolloutAction) {
    if (a.type === 'createReplicaSet')
      this.replicaSets.push(
        structuredClone({
          ...a.replicaSet,
          metadata: { ...a.replicaSet.metadata, creationTimestamp: new Date(this.now).toISOString() },
        }),
      );
    if (a.type === 'scaleReplicaSet') {
      const rs = this.rs(a.name)!;
      rs.spec.replicas = a.replicas;
      for (const [k, v] of Object.entries(a.annotations ?? {})) {
        rs.metadata.annotations ??= {};
        if (v === null) delete rs.metadata.annotations[k];
        else rs.metadata.annotations[k] = v;
      }
    }
    if (a.type === 'deleteReplicaSet')
      this.replicaSets = this.replicaSets.filter((rs) => rs.metadata.name !== a.name);
    if (a.type === 'patchService') {
      const s = this.services[a.name]!;
      s.spec.selector = { ...s.spec.selector, [ROLLOUT_POD_TEMPLATE_HASH]: a.hash };
      if (a.canary) s.metadata.annotations = { [CANARY_WEIGHT_ANNOTATION]: String(a.canary.weight) };
    }
    if (a.type === 'event') this.events.push(`${a.reason}: ${a.message}`);
  }
  rs(name: string) {
    return this.replicaSets.find((rs) => rs.metadata.name === name);
  }
  /** Every ReplicaSet's pods come up (or go) and are available. */
  settle() {
    for (const rs of this.replicaSets)
      rs.status = {
        replicas: rs.spec.replicas ?? 0,
        readyReplicas: rs.spec.replicas,
        availableReplicas: rs.spec.replicas,
      };
  }
  /** Syncs and settles until nothing changes (at most n rounds). */
  run(n = 20) {
    for (let i = 0; i < n; i++) {
      const before = JSON.stringify([this.replicaSets, this.status]);
      this.sync();
      this.settle();
      if (JSON.stringify([this.replicaSets, this.status]) === before) return;
    }
  }
  counts() {
    return Object.fromEntries(
      this.replicaSets.map((rs) => [rs.spec.template.spec.containers[0]!.image, rs.spec.replicas]),
    );
  }
}

describe('approximateCanaryStable (Argo approximateWeightedCanaryStableReplicaCounts)', () => {
  it.each([
    // replicas, weight, maxSurge → canary, stable (from Argo's canary_test.go)
    [10, 10, 1, 1, 9],
    [5, 20, 1, 1, 4],
    [4, 50, 1, 2, 2],
    [1, 50, 1, 1, 1],
    [1, 50, 0, 1, 0],
    [3, 10, 0, 1, 2],
    [10, 0, 1, 0, 10],
    [10, 100, 1, 10, 0],
    [0, 50, 1, 0, 0],
  ])(
    '%i replicas at weight %i, surge %i → %i canary, %i stable',
    (replicas, weight, surge, canary, stable) => {
      expect(approximateCanaryStable(replicas, weight, surge)).toEqual([canary, stable]);
    },
  );
});

describe('basicCanaryCounts (Argo CalculateReplicaCountsForBasicCanary)', () => {
  const rs = (spec: number, available: number) =>
    ({ spec: { replicas: spec }, status: { availableReplicas: available } }) as ReplicaSet;
  it.each([
    [
      'first step surges the canary; maxUnavailable 0 keeps stable whole',
      10,
      10,
      1,
      0,
      rs(0, 0),
      rs(10, 10),
      [1, 10],
    ],
    ['an unready canary keeps stable up', 10, 20, 1, 0, rs(1, 0), rs(9, 9), [2, 9]],
    ['aborting (weight 0) scales the canary down to make room', 4, 0, 1, 1, rs(2, 2), rs(2, 2), [1, 3]],
    ['100% moves everything to the canary', 4, 100, 1, 1, rs(2, 2), rs(2, 2), [3, 1]],
  ] as const)('%s', (_name, replicas, weight, maxSurge, maxUnavailable, newRS, stableRS, expected) => {
    expect(
      basicCanaryCounts({ replicas, weight, maxSurge, maxUnavailable, newRS, stableRS, oldReplicas: 0 }),
    ).toEqual(expected);
  });
});

describe('currentWeight', () => {
  const steps = [
    { setWeight: 10 },
    { pause: {} },
    { setCanaryScale: { replicas: 3 } },
    { setWeight: 50 },
    { setCanaryScale: { matchTrafficWeight: true } },
  ];
  it.each([
    [0, 10, undefined],
    [1, 10, undefined],
    [2, 10, { replicas: 3 }],
    [3, 50, { replicas: 3 }],
    [4, 50, undefined],
    [5, 100, undefined],
  ])('step %i → weight %i, scale %o', (index, weight, scale) => {
    expect(currentWeight(steps, index)).toEqual(scale ? { weight, scale } : { weight });
  });
});

describe('planRollout: canary', () => {
  it('the first template is stable at once, at full scale, and Healthy once available', () => {
    const sim = new Sim(rollout('v1'));
    sim.sync();
    expect(sim.counts()).toEqual({ v1: 5 });
    expect(sim.status.stableRS).toBe(sim.status.currentPodHash);
    expect(sim.status.currentStepIndex).toBe(4);
    expect(sim.replicaSets[0]!.metadata.annotations?.[ROLLOUT_REVISION_ANNOTATION]).toBe('1');
    expect(sim.replicaSets[0]!.spec.selector.matchLabels?.[ROLLOUT_POD_TEMPLATE_HASH]).toBe(
      sim.status.stableRS,
    );
    sim.run();
    expect(sim.status.phase).toBe('Healthy');
    expect(sim.status.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe(
      'NewReplicaSetAvailable',
    );
    expect(sim.status.availableReplicas).toBe(5);
  });

  it('walks setWeight / indefinite pause / promote / timed pause to a promotion', () => {
    const sim = new Sim(rollout('v1'));
    sim.run();
    sim.ro = rollout('v2');
    sim.run();
    // setWeight 20 of 5 → 1 canary, 4 stable; then paused at step 1 until promoted.
    expect(sim.counts()).toEqual({ v1: 4, v2: 1 });
    expect(sim.status.currentStepIndex).toBe(1);
    expect(sim.status.pauseConditions).toEqual([
      { reason: 'CanaryPauseStep', startTime: '2026-01-01T00:00:00Z' },
    ]);
    expect(sim.status.controllerPause).toBe(true);
    expect(sim.status.phase).toBe('Paused');
    expect(sim.events).toContain('RolloutUpdated: Rollout updated to revision 2');
    // kubectl argo rollouts promote: {"status":{"pauseConditions":null}}
    sim.status = { ...sim.status, pauseConditions: null };
    sim.run();
    expect(sim.counts()).toEqual({ v1: 2, v2: 3 });
    expect(sim.status.currentStepIndex).toBe(3);
    const plan = sim.sync();
    expect(plan.requeueAfterMs).toBe(10_000);
    sim.now += 10_000;
    sim.run();
    expect(sim.status.stableRS).toBe(sim.status.currentPodHash);
    expect(sim.counts()).toEqual({ v1: 0, v2: 5 });
    expect(sim.status.phase).toBe('Healthy');
    expect(sim.events.filter((e) => e.startsWith('RolloutStepCompleted'))).toHaveLength(4);
    expect(sim.events.at(-1)).toMatch(/^RolloutCompleted: Rollout completed update to revision 2/);
  });

  it('promote --full skips the remaining steps', () => {
    const sim = new Sim(rollout('v1'));
    sim.run();
    sim.ro = rollout('v2');
    sim.run();
    sim.status = { ...sim.status, promoteFull: true };
    sim.run();
    expect(sim.counts()).toEqual({ v1: 0, v2: 5 });
    expect(sim.status.stableRS).toBe(sim.status.currentPodHash);
    expect(sim.status.promoteFull).toBe(false);
  });

  it('abort (status.abort) goes back to stable, Degraded with RolloutAborted; retry resumes from step 0', () => {
    const sim = new Sim(rollout('v1'));
    sim.run();
    sim.ro = rollout('v2');
    sim.run();
    sim.status = { ...sim.status, abort: true };
    sim.run();
    expect(sim.counts()).toEqual({ v1: 5, v2: 0 });
    expect(sim.status.phase).toBe('Degraded');
    expect(sim.status.message).toBe('RolloutAborted: Rollout aborted update to revision 2');
    expect(sim.status.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({
      status: 'False',
      reason: 'RolloutAborted',
    });
    expect(sim.events).toContain('RolloutAborted: Rollout aborted update to revision 2');
    // kubectl argo rollouts retry: {"status":{"abort":false}}
    sim.status = { ...sim.status, abort: false };
    sim.run();
    expect(sim.counts()).toEqual({ v1: 4, v2: 1 });
    expect(sim.status.phase).toBe('Paused');
  });

  it('with canaryService and stableService Skiff routes by weight: stable stays full, Services get the hashes', () => {
    const sim = new Sim(
      rollout('v1', {
        replicas: 10,
        strategy: {
          canary: {
            canaryService: 'canary',
            stableService: 'stable',
            steps: [{ setWeight: 10 }, { pause: {} }],
          },
        },
      }),
    );
    sim.run();
    const v1 = sim.status.stableRS;
    sim.ro = rollout('v2', {
      replicas: 10,
      strategy: {
        canary: {
          canaryService: 'canary',
          stableService: 'stable',
          steps: [{ setWeight: 10 }, { pause: {} }],
        },
      },
    });
    sim.run();
    const v2 = sim.status.currentPodHash;
    expect(sim.counts()).toEqual({ v1: 10, v2: 1 });
    expect(sim.services.stable!.spec.selector?.[ROLLOUT_POD_TEMPLATE_HASH]).toBe(v1);
    expect(sim.services.canary!.spec.selector?.[ROLLOUT_POD_TEMPLATE_HASH]).toBe(v2);
    expect(sim.services.stable!.metadata.annotations?.[CANARY_WEIGHT_ANNOTATION]).toBe('10');
    expect(sim.status.canary?.weights).toEqual({
      canary: { weight: 10, podTemplateHash: v2, serviceName: 'canary' },
      stable: { weight: 90, podTemplateHash: v1, serviceName: 'stable' },
    });
    // Abort: traffic leaves the canary at once; its pods stay abortScaleDownDelaySeconds (30 s).
    sim.status = { ...sim.status, abort: true };
    sim.run();
    expect(sim.services.stable!.metadata.annotations?.[CANARY_WEIGHT_ANNOTATION]).toBe('0');
    expect(sim.counts()).toEqual({ v1: 10, v2: 1 });
    const canaryRS = sim.replicaSets.find((rs) => rs.metadata.labels?.[ROLLOUT_POD_TEMPLATE_HASH] === v2)!;
    expect(canaryRS.metadata.annotations?.[SCALE_DOWN_DEADLINE_ANNOTATION]).toBe('2026-01-01T00:00:30Z');
    sim.now += 30_000;
    sim.run();
    expect(sim.counts()).toEqual({ v1: 10, v2: 0 });
  });

  it('promotion behind a traffic split keeps the old stable for scaleDownDelaySeconds', () => {
    const strategy = {
      canary: { canaryService: 'canary', stableService: 'stable', steps: [{ setWeight: 50 }] },
    };
    const sim = new Sim(rollout('v1', { strategy }));
    sim.run();
    sim.ro = rollout('v2', { strategy });
    sim.run();
    expect(sim.status.stableRS).toBe(sim.status.currentPodHash);
    expect(sim.services.stable!.metadata.annotations?.[CANARY_WEIGHT_ANNOTATION]).toBe('0');
    expect(sim.counts()).toEqual({ v1: 5, v2: 5 });
    sim.now += 30_000;
    sim.run();
    expect(sim.counts()).toEqual({ v1: 0, v2: 5 });
  });

  it('a missing Service is InvalidSpec and changes nothing', () => {
    const sim = new Sim(
      rollout('v1', { strategy: { canary: { canaryService: 'nope', stableService: 'stable' } } }),
    );
    const plan = sim.sync();
    expect(plan.actions).toEqual([]);
    expect(sim.status.phase).toBe('Degraded');
    expect(sim.status.message).toBe(
      'InvalidSpec: The Rollout "web" is invalid: spec.strategy.canary.canaryService: Invalid value: "nope": service "nope" not found',
    );
  });

  it('undo brings an old ReplicaSet back under a new revision; history beyond the limit is deleted', () => {
    const sim = new Sim(rollout('v1', { revisionHistoryLimit: 1, strategy: { canary: {} } }));
    sim.run();
    sim.ro = rollout('v2', { revisionHistoryLimit: 1, strategy: { canary: {} } });
    sim.run();
    sim.ro = rollout('v3', { revisionHistoryLimit: 1, strategy: { canary: {} } });
    sim.run();
    expect(Object.keys(sim.counts()).sort()).toEqual(['v2', 'v3']);
    sim.ro = rollout('v2', { revisionHistoryLimit: 1, strategy: { canary: {} } });
    sim.run();
    const v2 = sim.replicaSets.find((rs) => rs.spec.template.spec.containers[0]!.image === 'v2')!;
    expect(v2.metadata.annotations?.[ROLLOUT_REVISION_ANNOTATION]).toBe('4');
    expect(sim.counts()).toEqual({ v2: 5, v3: 0 });
  });
});

describe('planRollout: blueGreen', () => {
  const bg = (image: string, autoPromotionEnabled?: boolean) =>
    rollout(image, {
      replicas: 2,
      strategy: {
        blueGreen: {
          activeService: 'active',
          previewService: 'preview',
          ...(autoPromotionEnabled === undefined ? {} : { autoPromotionEnabled }),
        },
      },
    });

  it('the preview Service shows the new version; promote switches the active Service', () => {
    const sim = new Sim(bg('v1', false));
    sim.run();
    const v1 = sim.status.stableRS;
    sim.ro = bg('v2', false);
    sim.run();
    const v2 = sim.status.currentPodHash;
    expect(sim.counts()).toEqual({ v1: 2, v2: 2 });
    expect(sim.services.active!.spec.selector?.[ROLLOUT_POD_TEMPLATE_HASH]).toBe(v1);
    expect(sim.services.preview!.spec.selector?.[ROLLOUT_POD_TEMPLATE_HASH]).toBe(v2);
    expect(sim.status.pauseConditions?.[0]?.reason).toBe('BlueGreenPause');
    expect(sim.status.blueGreen).toEqual({ activeSelector: v1, previewSelector: v2 });
    sim.status = { ...sim.status, pauseConditions: null };
    sim.run();
    expect(sim.services.active!.spec.selector?.[ROLLOUT_POD_TEMPLATE_HASH]).toBe(v2);
    expect(sim.status.stableRS).toBe(v2);
    expect(sim.counts()).toEqual({ v1: 2, v2: 2 });
    sim.now += 30_000;
    sim.run();
    expect(sim.counts()).toEqual({ v1: 0, v2: 2 });
  });

  it('autoPromotionSeconds promotes by itself', () => {
    const strategy = { blueGreen: { activeService: 'active', autoPromotionSeconds: 20 } };
    const sim = new Sim(rollout('v1', { strategy }));
    sim.run();
    sim.ro = rollout('v2', { strategy });
    sim.run();
    expect(sim.status.stableRS).not.toBe(sim.status.currentPodHash);
    sim.now += 20_000;
    sim.run();
    expect(sim.status.stableRS).toBe(sim.status.currentPodHash);
  });
});
