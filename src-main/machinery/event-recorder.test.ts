import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KubeEvent } from '../shared/pod-types';
import { configMapType, eventType, namespaceType } from '../shared/resource-types';
import { openTestStore } from '../store/test-store';
import { EventRecorder } from './event-recorder';

describe('EventRecorder', () => {
  let t: Awaited<ReturnType<typeof openTestStore>>;
  beforeEach(async () => {
    t = await openTestStore();
  });
  afterEach(async () => t.cleanup());

  it('counts repeats of the same event instead of adding more', async () => {
    const cm = await t.store.create(configMapType, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'default' },
    });
    const recorder = new EventRecorder(t.store, { component: 'test' });
    await recorder.record(cm, 'Warning', 'BackOff', 'Back-off restarting');
    await recorder.record(cm, 'Warning', 'BackOff', 'Back-off restarting');
    await recorder.record(cm, 'Normal', 'Other', 'something else');
    const events = t.store.list(eventType, { namespace: 'default' }).items as KubeEvent[];
    expect(events.map((e) => [e.reason, e.count, e.involvedObject.uid])).toEqual(
      expect.arrayContaining([
        ['BackOff', 2, cm.metadata.uid],
        ['Other', 1, cm.metadata.uid],
      ]),
    );
  });

  it('records nothing, and says nothing, in a namespace being deleted', async () => {
    await t.store.create(namespaceType, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'going' } });
    const cm = await t.store.create(configMapType, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'going' },
    });
    await t.store.delete(namespaceType, undefined, 'going');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await new EventRecorder(t.store, { component: 'test' }).record(
      cm,
      'Normal',
      'Killing',
      'Stopping container',
    );
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
    expect(t.store.list(eventType, { namespace: 'going' }).items).toEqual([]);
  });
});
