import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DaemonSet } from '../shared/apps-types';
import type { Node, Pod } from '../shared/pod-types';
import { controllerRevisionType, daemonSetType, nodeType, podType } from '../shared/resource-types';
import { openTestStore } from '../store/test-store';
import { DaemonSetController } from './daemon-set-controller';
import { EventRecorder } from '../machinery/event-recorder';

const daemonSet = (image: string): DaemonSet => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image }] } },
  },
});

describe('DaemonSetController against a real store', () => {
  let t: Awaited<ReturnType<typeof openTestStore>>;
  let controller: DaemonSetController;
  beforeEach(async () => {
    t = await openTestStore();
    const node: Node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'skiff' },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    };
    const created = await t.store.create(nodeType, node);
    await t.store.update(nodeType, { ...created, status: node.status }, { subresource: 'status' });
    controller = new DaemonSetController(
      t.store,
      new EventRecorder(t.store, { component: 'daemonset-controller' }),
    );
  });
  afterEach(async () => {
    controller.dispose();
    await t.cleanup();
  });
  const pods = () =>
    (t.store.list(podType, { namespace: 'default' }).items as Pod[]).filter(
      (p) => !p.metadata.deletionTimestamp,
    );
  const get = () => t.store.get(daemonSetType, 'default', 'agent') as DaemonSet;

  it('puts one pod on the node, then replaces it for a new template', async () => {
    await t.store.create(daemonSetType, daemonSet('agent:1'));
    await controller.idle();
    const [pod] = pods();
    expect(pods()).toHaveLength(1);
    expect(pod!.metadata.labels).toMatchObject({ app: 'agent', 'pod-template-generation': '1' });
    expect(get().status).toMatchObject({
      desiredNumberScheduled: 1,
      currentNumberScheduled: 1,
      numberReady: 0,
      observedGeneration: 1,
    });
    await t.store.update(
      podType,
      {
        ...pod!,
        status: {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }],
        },
      },
      { subresource: 'status' },
    );
    await controller.idle();
    expect(get().status).toMatchObject({ numberReady: 1, numberAvailable: 1, updatedNumberScheduled: 1 });

    await t.store.update(daemonSetType, {
      ...get(),
      spec: { ...get().spec, template: daemonSet('agent:2').spec.template },
    });
    await controller.idle();
    expect(get().metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('2');
    expect(t.store.list(controllerRevisionType, { namespace: 'default' }).items).toHaveLength(2);
    expect(
      pods().map((p) => [p.spec.containers[0]!.image, p.metadata.labels?.['pod-template-generation']]),
    ).toEqual([['agent:2', '2']]);
  });
});
