import { afterEach, describe, expect, it } from 'vitest';
import type { KubeEvent, Node, Pod } from '../shared/pod-types';
import { NODE_NAME } from '../shared/node-name';
import { eventType, nodeType, persistentVolumeClaimType, podType } from '../shared/resource-types';
import type { PersistentVolumeClaim } from '../shared/storage-types';
import { EventRecorder } from '../machinery/event-recorder';
import { FakeClock } from '../machinery/fake-clock';
import { recordActions } from '../store/test-actions';
import { openTestStore } from '../store/test-store';
import { Scheduler } from './scheduler';

// In the manner of Kubernetes' scheduler tests: a node, pods waiting for it, one scheduling pass; then what was
// bound, what was marked unschedulable and why, and the events.

const pod = (name: string, extra: Partial<Pod['spec']> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'busybox' }], ...extra },
});

const withCpu = (cpu: string): Partial<Pod['spec']> => ({
  containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu } } }],
});

const withClaim = (claim: string): Partial<Pod['spec']> => ({
  volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }],
});

interface Case {
  name: string;
  node?: { ready: boolean; cpu?: string; unschedulable?: boolean };
  claims?: Array<{ name: string; bound: boolean }>;
  pods: Pod[];
  bound: string[];
  /** pod → the PodScheduled=False message it carries */
  unschedulable: Record<string, string>;
}

const cases: Case[] = [
  {
    name: 'binds every pod that fits a ready node',
    node: { ready: true },
    pods: [pod('a'), pod('b')],
    bound: ['a', 'b'],
    unschedulable: {},
  },
  {
    name: 'binds nothing while the engine (the node) is not ready, and says so',
    node: { ready: false },
    pods: [pod('a')],
    bound: [],
    unschedulable: {
      a: '0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. The Docker engine is not answering.',
    },
  },
  {
    name: 'places by what is left: the second pod of a full node waits',
    node: { ready: true, cpu: '1' },
    pods: [pod('first', withCpu('600m')), pod('second', withCpu('600m'))],
    bound: ['first'],
    unschedulable: { second: '0/1 nodes are available: 1 Insufficient cpu.' },
  },
  {
    name: 'keeps a pod whose claim is missing or unbound, binds one whose claim is bound',
    node: { ready: true },
    claims: [
      { name: 'bound', bound: true },
      { name: 'pending', bound: false },
    ],
    pods: [pod('ok', withClaim('bound')), pod('waits', withClaim('pending')), pod('lost', withClaim('none'))],
    bound: ['ok'],
    unschedulable: {
      waits: '0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims.',
      lost: '0/1 nodes are available: persistentvolumeclaim "none" not found.',
    },
  },
  {
    name: 'does not place pods on a cordoned node',
    node: { ready: true, unschedulable: true },
    pods: [pod('a')],
    bound: [],
    unschedulable: {
      a: '0/1 nodes are available: 1 node(s) were unschedulable.',
    },
  },
];

describe('Scheduler, one pass over pending pods', () => {
  const opened: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of opened.splice(0).reverse()) await close();
  });

  async function seeded(c: Pick<Case, 'node' | 'claims' | 'pods'>) {
    const clock = new FakeClock('2026-11-23T12:00:00Z');
    const t = await openTestStore(clock.date);
    opened.push(t.cleanup);
    if (c.node) await putNode(t.store, c.node);
    for (const claim of c.claims ?? []) {
      const created = (await t.store.create(persistentVolumeClaimType, {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: claim.name, namespace: 'default' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      } as PersistentVolumeClaim)) as PersistentVolumeClaim;
      if (claim.bound)
        await t.store.update(
          persistentVolumeClaimType,
          { ...created, status: { phase: 'Bound' } },
          { subresource: 'status' },
        );
    }
    for (const p of c.pods) await t.store.create(podType, p);
    const recorder = recordActions(t.store, ['pods']);
    const scheduler = new Scheduler(
      t.store,
      new EventRecorder(t.store, { component: 'default-scheduler' }, clock.date),
      clock.date,
    );
    opened.push(async () => {
      scheduler.dispose();
      recorder.dispose();
    });
    await scheduler.idle();
    const pods = t.store.list(podType, { namespace: 'default' }).items as Pod[];
    const events = (t.store.list(eventType, { namespace: 'default' }).items as KubeEvent[])
      .map((e) => `${e.involvedObject.name} ${e.reason}`)
      .sort();
    return { t, scheduler, pods, events, actions: recorder.actions };
  }

  async function putNode(
    store: Awaited<ReturnType<typeof openTestStore>>['store'],
    n: NonNullable<Case['node']>,
  ) {
    const existing = store.tryGet(nodeType, undefined, NODE_NAME) as Node | undefined;
    const node = existing
      ? await store.update(nodeType, { ...existing, spec: { unschedulable: n.unschedulable } })
      : await store.create(nodeType, {
          apiVersion: 'v1',
          kind: 'Node',
          metadata: { name: NODE_NAME },
          spec: n.unschedulable ? { unschedulable: true } : {},
        } as Node);
    await store.update(
      nodeType,
      {
        ...node,
        status: {
          allocatable: { cpu: n.cpu ?? '4', memory: '8Gi', pods: '110' },
          capacity: { cpu: n.cpu ?? '4', memory: '8Gi', pods: '110' },
          conditions: [{ type: 'Ready', status: n.ready ? 'True' : 'False', reason: 'KubeletReady' }],
        },
      } as Node,
      { subresource: 'status' },
    );
  }

  it.each(cases)('$name', async (c) => {
    const { pods, events, actions } = await seeded(c);
    expect(pods.filter((p) => p.spec.nodeName === NODE_NAME).map((p) => p.metadata.name)).toEqual(c.bound);
    const marked = Object.fromEntries(
      pods.flatMap((p) => {
        const scheduled = p.status?.conditions?.find((x) => x.type === 'PodScheduled');
        return scheduled?.status === 'False' ? [[p.metadata.name, scheduled.message]] : [];
      }),
    );
    expect(marked).toEqual(c.unschedulable);
    expect(actions.sort()).toEqual(
      [
        ...c.bound.map((name) => `update pods/${name} spec`),
        ...Object.keys(c.unschedulable).map((name) => `update pods/${name} status`),
      ].sort(),
    );
    expect(events).toEqual(
      [
        ...c.bound.map((name) => `${name} Scheduled`),
        ...Object.keys(c.unschedulable).map((name) => `${name} FailedScheduling`),
      ].sort(),
    );
  });

  it('binds a waiting pod when the node turns ready, without writing its status again meanwhile', async () => {
    const { t, scheduler, actions } = await seeded({ node: { ready: false }, pods: [pod('a')] });
    expect(actions).toEqual(['update pods/a status']);
    await t.store.create(podType, pod('b')); // another pass: a's message is unchanged, so no second status write
    await scheduler.idle();
    expect(actions).toEqual(['update pods/a status', 'create pods/b', 'update pods/b status']);
    await putNode(t.store, { ready: true });
    await scheduler.idle();
    expect(actions.slice(3).sort()).toEqual(['update pods/a spec', 'update pods/b spec']);
  });
});
