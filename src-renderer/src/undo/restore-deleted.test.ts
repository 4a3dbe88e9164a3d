import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KubeObject, Status } from '@shared/api-types';
import { podType, serviceType } from '@shared/resource-types';
import { ApiRequestError, type ApiClient } from '../api/api-client';
import { restoreDeleted } from './restore-deleted';

const alreadyExists = new ApiRequestError(409, {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'pods "solo" already exists',
  reason: 'AlreadyExists',
  code: 409,
} satisfies Status);

const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'solo', namespace: 'shop', uid: 'old', resourceVersion: '9' },
  spec: { containers: [{ name: 'a', image: 'x' }] },
};

/** A client whose create answers from a script, and whose get says what holds the name now. */
function fakeClient(creates: Array<Error | 'ok'>, holder: () => KubeObject | undefined) {
  const sent: Array<{ path: string; object: KubeObject }> = [];
  const client = {
    create: async (path: string, object: KubeObject) => {
      sent.push({ path, object });
      const next = creates.shift();
      if (next instanceof Error) throw next;
      return object;
    },
    get: async () => {
      const current = holder();
      if (!current) throw new ApiRequestError(404);
      return current;
    },
    list: async () => ({
      items: [
        { kind: 'Service', metadata: { name: 'other' }, spec: { ports: [{ port: 80, nodePort: 30001 }] } },
      ],
    }),
  };
  return { client: client as unknown as ApiClient, sent };
}

describe('restoreDeleted', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits for the old pod to finish terminating, then creates it from its manifest', async () => {
    const terminating = { ...pod, metadata: { ...pod.metadata, deletionTimestamp: '2026-11-23T10:00:00Z' } };
    const { client, sent } = fakeClient([alreadyExists, alreadyExists, 'ok'], () => terminating);
    const done = restoreDeleted(client, podType, pod, new AbortController().signal);
    await vi.runAllTimersAsync();
    await done;
    expect(sent).toHaveLength(3);
    expect(sent[2]!.path).toBe('/api/v1/namespaces/shop/pods');
    expect(sent[2]!.object.metadata).toEqual({ name: 'solo', namespace: 'shop' });
  });

  it('gives up when a new object took the name meanwhile, with the server message', async () => {
    const newcomer = { ...pod, metadata: { ...pod.metadata, uid: 'new' } };
    const { client, sent } = fakeClient([alreadyExists], () => newcomer);
    await expect(restoreDeleted(client, podType, pod, new AbortController().signal)).rejects.toThrow(
      'pods "solo" already exists',
    );
    expect(sent).toHaveLength(1);
  });

  it("leaves out a Service's nodePort that another Service holds now", async () => {
    const service: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'front', namespace: 'shop' },
      spec: {
        type: 'NodePort',
        clusterIP: '10.0.0.5',
        ports: [
          { port: 80, nodePort: 30001 },
          { port: 81, nodePort: 30002 },
        ],
      },
    };
    const { client, sent } = fakeClient(['ok'], () => undefined);
    await restoreDeleted(client, serviceType, service, new AbortController().signal);
    expect(sent[0]!.object.spec).toEqual({
      type: 'NodePort',
      ports: [{ port: 80 }, { port: 81, nodePort: 30002 }],
    });
  });
});
