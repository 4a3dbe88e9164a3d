import { afterEach, describe, expect, it } from 'vitest';
import type { HorizontalPodAutoscaler } from '../shared/autoscaling-types';
import type { KubeEvent, Pod } from '../shared/pod-types';
import { deploymentType, eventType, horizontalPodAutoscalerType, podType } from '../shared/resource-types';
import type { Deployment } from '../shared/workload-types';
import { MetricsWindow } from '../shared/metrics-window';
import { EventRecorder } from '../machinery/event-recorder';
import { FakeClock } from '../machinery/fake-clock';
import { recordActions } from '../store/test-actions';
import { openTestStore } from '../store/test-store';
import { HorizontalPodAutoscalerController } from './horizontal-pod-autoscaler-controller';

// In the manner of Kubernetes' pkg/controller/podautoscaler/horizontal_test.go, around the loop: a target, its
// pods with CPU requests, the usage a metrics round reported, one decision; then the target's replicas, the
// HPA's status and the events. The replica arithmetic itself is plan-autoscaler.test.ts's.

const START = '2026-11-23T12:00:00Z';
const LONG_AGO = '2026-11-23T11:00:00Z';

const deployment = (replicas: number): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web' }] } },
  },
});

const autoscaler = (targetKind = 'Deployment'): HorizontalPodAutoscaler => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: targetKind, name: 'web' },
    minReplicas: 1,
    maxReplicas: 10,
    metrics: [
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
      },
    ],
  },
});

describe('HorizontalPodAutoscalerController, one decision after a metrics round', () => {
  const opened: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of opened.splice(0).reverse()) await close();
  });

  /** `usage`: each pod's CPU use in millicores, against a request of 100m. */
  async function decide(o: {
    replicas: number;
    usage: number[];
    hpa?: HorizontalPodAutoscaler;
    noTarget?: boolean;
  }) {
    const clock = new FakeClock(START);
    const t = await openTestStore(clock.date);
    opened.push(t.cleanup);
    if (!o.noTarget) await t.store.create(deploymentType, deployment(o.replicas));
    const window = new MetricsWindow(10 * 60_000);
    const readings = (at: number, cpuSeconds: (i: number) => number) =>
      o.usage.map((_, i) => ({
        containerId: `c${i}`,
        namespace: 'default',
        pod: `web-${i}`,
        podUid: `u${i}`,
        container: 'web',
        timestamp: at,
        cpuNanos: cpuSeconds(i) * 1e9,
        memoryBytes: 1e6,
      }));
    for (const [i] of o.usage.entries()) {
      const pod = (await t.store.create(podType, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `web-${i}`, namespace: 'default', labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'web', resources: { requests: { cpu: '100m' } } }] },
      } as Pod)) as Pod;
      await t.store.update(
        podType,
        {
          ...pod,
          status: {
            phase: 'Running',
            startTime: LONG_AGO,
            conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: LONG_AGO }],
          },
        } as Pod,
        { subresource: 'status' },
      );
    }
    // cumulative CPU per pod, read as the collector reads it: usage[i] millicores since the last reading
    const cumulative = o.usage.map(() => 0);
    let lastReading = clock.now() - 60_000;
    window.record(
      readings(lastReading, () => 0),
      lastReading,
    );
    const report = (usage: number[]) => {
      for (const [i, m] of usage.entries())
        cumulative[i]! += (m / 1000) * ((clock.now() - lastReading) / 1000);
      lastReading = clock.now();
      window.record(
        readings(lastReading, (i) => cumulative[i]!),
        lastReading,
      );
    };
    report(o.usage);
    const rounds: Array<() => void> = [];
    const recorder = recordActions(t.store, ['deployments', 'horizontalpodautoscalers']);
    const controller = new HorizontalPodAutoscalerController(
      t.store,
      {
        window,
        onRound: (listener) => (rounds.push(listener), () => rounds.splice(rounds.indexOf(listener), 1)),
      },
      new EventRecorder(t.store, { component: 'horizontal-pod-autoscaler' }, clock.date),
      clock.now,
    );
    opened.push(async () => {
      controller.dispose();
      recorder.dispose();
    });
    await t.store.create(horizontalPodAutoscalerType, o.hpa ?? autoscaler());
    await controller.idle();
    const events = (t.store.list(eventType, { namespace: 'default' }).items as KubeEvent[]).map(
      (e) => `${e.reason}: ${e.message}`,
    );
    const hpa = () => t.store.get(horizontalPodAutoscalerType, 'default', 'web') as HorizontalPodAutoscaler;
    const replicas = () =>
      (t.store.tryGet(deploymentType, 'default', 'web') as Deployment | undefined)?.spec.replicas;
    const round = async (usage: number[]) => {
      report(usage);
      for (const listener of rounds) listener();
      await controller.idle();
    };
    return { t, clock, round, controller, actions: recorder.actions, events, hpa, replicas };
  }

  it.each([
    {
      name: 'scales up to bring average utilization to its target',
      replicas: 2,
      usage: [100, 100],
      want: 4,
      event:
        'SuccessfulRescale: New size: 4; reason: cpu resource utilization (percentage of request) above target',
    },
    { name: 'keeps the size within the tolerance', replicas: 2, usage: [52, 52], want: 2, event: undefined },
  ])('$name', async (c) => {
    const r = await decide(c);
    expect(r.replicas()).toBe(c.want);
    expect(r.events).toEqual(c.event ? [c.event] : []);
    expect(r.actions).toEqual([
      'create horizontalpodautoscalers/web',
      ...(c.want !== c.replicas ? ['update deployments/web spec'] : []),
      'update horizontalpodautoscalers/web status',
    ]);
    expect(r.hpa().status).toMatchObject({
      currentReplicas: c.replicas,
      desiredReplicas: c.want,
      observedGeneration: 1,
      ...(c.want !== c.replicas ? { lastScaleTime: START } : {}),
    });
  });

  it('says why when the target does not exist, and changes nothing', async () => {
    const r = await decide({ replicas: 1, usage: [], noTarget: true });
    expect(r.events).toEqual(['FailedGetScale: deployments.apps "web" not found']);
    expect(r.hpa().status?.conditions).toEqual([
      expect.objectContaining({ type: 'AbleToScale', status: 'False', reason: 'FailedGetScale' }),
    ]);
  });

  it('holds a scale down for the 5 minute stabilization window, deciding after each metrics round', async () => {
    const r = await decide({ replicas: 4, usage: [10, 10, 10, 10] });
    expect(r.replicas()).toBe(4);
    expect(r.hpa().status).toMatchObject({ currentReplicas: 4, desiredReplicas: 4 });
    r.clock.advance(4 * 60_000);
    await r.round([10, 10, 10, 10]);
    expect(r.replicas()).toBe(4);
    r.clock.advance(60_000 + 1);
    await r.round([10, 10, 10, 10]);
    expect(r.replicas()).toBe(1);
    expect(r.events).toEqual([]);
    expect(
      (r.t.store.list(eventType, { namespace: 'default' }).items as KubeEvent[]).map((e) => e.message),
    ).toEqual(['New size: 1; reason: All metrics below target']);
  });
});
