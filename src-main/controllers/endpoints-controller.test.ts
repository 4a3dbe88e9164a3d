import { afterEach, describe, expect, it } from 'vitest';
import type { Pod } from '../shared/pod-types';
import { endpointSliceType, endpointsType, podType, serviceType } from '../shared/resource-types';
import type { EndpointSlice, Endpoints, Service } from '../shared/service-types';
import { recordActions } from '../store/test-actions';
import { openTestStore } from '../store/test-store';
import { EndpointsController } from './endpoints-controller';

// In the manner of Kubernetes' endpoints controller tests (TestSyncEndpoints…): a Service and its pods, one
// sync, then the Endpoints and EndpointSlices written and the writes made.

const service = (spec: Partial<Service['spec']> = {}): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...spec },
});

interface PodSeed {
  name: string;
  ip?: string;
  ready?: boolean;
  labels?: Record<string, string>;
}

const podOf = (p: PodSeed): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: p.name, namespace: 'default', labels: p.labels ?? { app: 'web' } },
  spec: {
    nodeName: 'skiff',
    containers: [{ name: 'web', image: 'web', ports: [{ name: 'http', containerPort: 8080 }] }],
  },
});

describe('EndpointsController', () => {
  const opened: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of opened.splice(0).reverse()) await close();
  });

  async function start(svc: Service | undefined, pods: PodSeed[], manual?: Endpoints) {
    const t = await openTestStore();
    opened.push(t.cleanup);
    if (svc) await t.store.create(serviceType, svc);
    if (manual) await t.store.create(endpointsType, manual);
    for (const seed of pods) await setPod(t.store, seed);
    const recorder = recordActions(t.store, ['endpoints', 'endpointslices']);
    const controller = new EndpointsController(t.store);
    opened.push(async () => {
      controller.dispose();
      recorder.dispose();
    });
    await controller.idle();
    const endpoints = () => t.store.tryGet(endpointsType, 'default', 'web') as Endpoints | undefined;
    const slices = () => t.store.list(endpointSliceType, { namespace: 'default' }).items as EndpointSlice[];
    return { t, controller, actions: recorder.actions, endpoints, slices };
  }

  async function setPod(store: Awaited<ReturnType<typeof openTestStore>>['store'], seed: PodSeed) {
    const existing = store.tryGet(podType, 'default', seed.name) as Pod | undefined;
    const pod = existing ?? ((await store.create(podType, podOf(seed))) as Pod);
    if (!seed.ip) return;
    await store.update(
      podType,
      {
        ...pod,
        status: {
          phase: 'Running',
          podIP: seed.ip,
          conditions: [{ type: 'Ready', status: seed.ready === false ? 'False' : 'True' }],
        },
      } as Pod,
      { subresource: 'status' },
    );
  }

  const addressNames = (e: Endpoints | undefined) =>
    (e?.subsets ?? []).map((s) => ({
      ready: (s.addresses ?? []).map((a) => `${a.targetRef?.name} ${a.ip}`),
      notReady: (s.notReadyAddresses ?? []).map((a) => `${a.targetRef?.name} ${a.ip}`),
      ports: s.ports,
    }));

  it.each([
    {
      name: 'ready and not-ready pods, each port resolved by name; a pod without an address is left out',
      pods: [
        { name: 'a', ip: '10.0.0.2' },
        { name: 'b', ip: '10.0.0.10', ready: false },
        { name: 'c', ip: '10.0.0.3' },
        { name: 'no-ip' },
        { name: 'other', ip: '10.0.0.4', labels: { app: 'other' } },
      ],
      subsets: [
        {
          ready: ['a 10.0.0.2', 'c 10.0.0.3'],
          notReady: ['b 10.0.0.10'],
          ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        },
      ],
      slice: ['10.0.0.2 ready', '10.0.0.3 ready', '10.0.0.10 not-ready'],
    },
    { name: 'no pods: empty Endpoints and one empty slice', pods: [], subsets: [], slice: [] },
  ])('$name', async (c) => {
    const r = await start(service(), c.pods);
    expect(addressNames(r.endpoints())).toEqual(c.subsets);
    expect(r.endpoints()?.metadata.labels).toEqual({
      'endpoints.kubernetes.io/managed-by': 'endpoint-controller',
    });
    expect(r.slices()).toHaveLength(1);
    expect(
      r.slices()[0]!.endpoints.map((e) => `${e.addresses[0]} ${e.conditions?.ready ? 'ready' : 'not-ready'}`),
    ).toEqual(c.slice);
    expect(r.actions).toEqual([
      'create endpoints/web',
      `create endpointslices/${r.slices()[0]!.metadata.name}`,
    ]);
  });

  it('follows a pod turning not ready with one update of each, and writes nothing when nothing changed', async () => {
    const r = await start(service(), [{ name: 'a', ip: '10.0.0.2' }]);
    r.actions.length = 0;
    await setPod(r.t.store, { name: 'a', ip: '10.0.0.2', ready: false });
    await r.controller.idle();
    expect(addressNames(r.endpoints())).toEqual([
      { ready: [], notReady: ['a 10.0.0.2'], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
    ]);
    const slice = r.slices()[0]!.metadata.name;
    expect(r.actions).toEqual(['update endpoints/web spec', `update endpointslices/${slice} spec`]);
    await r.t.store.create(podType, podOf({ name: 'unrelated', labels: { app: 'other' } }));
    await r.controller.idle();
    expect(r.actions).toHaveLength(2);
  });

  it('leaves a selector-less Service to its user: no Endpoints of its own, the manual ones untouched', async () => {
    const manual: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'web', namespace: 'default' },
      subsets: [{ addresses: [{ ip: '192.168.1.5' }], ports: [{ port: 5432 }] }],
    };
    const r = await start(service({ selector: undefined }), [{ name: 'a', ip: '10.0.0.2' }], manual);
    expect(r.actions).toEqual([]);
    expect(r.endpoints()?.subsets).toEqual(manual.subsets);
  });

  it('gives an ExternalName Service none, and removes its own Endpoints when the Service goes', async () => {
    const external = await start(service({ type: 'ExternalName', externalName: 'db.example.com' }), [
      { name: 'a', ip: '10.0.0.2' },
    ]);
    expect(external.actions).toEqual([]);

    const r = await start(service(), [{ name: 'a', ip: '10.0.0.2' }]);
    r.actions.length = 0;
    await r.t.store.delete(serviceType, 'default', 'web');
    await r.controller.idle();
    expect(r.actions).toContain('delete endpoints/web');
    expect(r.endpoints()).toBeUndefined();
  });
});
