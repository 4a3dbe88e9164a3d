import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@shared/api-types';
import {
  changedFields,
  isPromotable,
  planItem,
  promotedManifest,
  promotePath,
  summarize,
} from './plan-promote';

const deployment = (
  image: string,
  replicas = 2,
  extra: Partial<KubeObject['metadata']> = {},
): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', ...extra },
  spec: { replicas, template: { spec: { containers: [{ name: 'web', image }] } } },
});

const stored = (object: KubeObject, rv: string): KubeObject => ({
  ...object,
  metadata: {
    ...object.metadata,
    uid: `uid-${rv}`,
    resourceVersion: rv,
    generation: Number(rv),
    creationTimestamp: '2026-12-03T10:00:00Z',
    ...({ managedFields: [{ manager: rv }] } as object),
  },
  status: { observedGeneration: Number(rv) },
});

describe('isPromotable', () => {
  it.each([
    { what: 'a Deployment', object: deployment('web:v1'), expected: true },
    {
      what: 'a pod a ReplicaSet owns',
      object: {
        ...deployment('x'),
        kind: 'Pod',
        metadata: { name: 'p', ownerReferences: [{ kind: 'ReplicaSet' }] },
      },
      expected: false,
    },
    {
      what: 'the namespace root CA ConfigMap',
      object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt' } },
      expected: false,
    },
    {
      what: 'an app ConfigMap',
      object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } },
      expected: true,
    },
    {
      what: 'a ServiceAccount token Secret',
      object: {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 't' },
        type: 'kubernetes.io/service-account-token',
      },
      expected: false,
    },
    {
      what: 'an object being deleted',
      object: deployment('web:v1', 1, { deletionTimestamp: '2026-12-03T10:00:00Z' }),
      expected: false,
    },
  ])('$what → $expected', ({ object, expected }) => {
    expect(isPromotable(object as KubeObject)).toBe(expected);
  });
});

describe('promotedManifest', () => {
  it('drops what the server owns and moves the object to the target namespace', () => {
    const manifest = promotedManifest(stored(deployment('web:v1'), '7'), 'prod');
    expect(manifest).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'prod' },
      spec: { replicas: 2, template: { spec: { containers: [{ name: 'web', image: 'web:v1' }] } } },
    });
  });

  it("drops a Service's addresses and node ports, keeps its ports", () => {
    const service: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        type: 'NodePort',
        clusterIP: '10.96.0.9',
        clusterIPs: ['10.96.0.9'],
        ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }],
      },
    };
    expect(promotedManifest(service, 'prod').spec).toEqual({
      type: 'NodePort',
      ports: [{ port: 80, targetPort: 8080 }],
    });
  });

  it('leaves a cluster-scoped object without a namespace', () => {
    const pv: KubeObject = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'disk' } };
    expect(promotedManifest(pv, 'prod').metadata).toEqual({ name: 'disk' });
  });
});

describe('changedFields', () => {
  it.each([
    { before: { a: 1 }, after: { a: 1 }, expected: [] },
    { before: { a: 1 }, after: { a: 2 }, expected: ['a'] },
    { before: { a: { b: 1, c: 2 } }, after: { a: { b: 1, c: 3, d: 4 } }, expected: ['a.c', 'a.d'] },
    { before: { l: [{ image: 'x' }] }, after: { l: [{ image: 'y' }] }, expected: ['l[0].image'] },
    { before: { l: [1] }, after: { l: [1, 2] }, expected: ['l[1]'] },
    { before: { a: 'x' }, after: { a: { b: 1 } }, expected: ['a'] },
    { before: { a: null }, after: { a: {} }, expected: ['a'] },
  ])('$before → $after: $expected', ({ before, after, expected }) => {
    expect(changedFields(before, after)).toEqual(expected);
  });
});

describe('planItem', () => {
  const manifest = promotedManifest(deployment('web:v2', 3), 'prod');

  it('creates what the target does not have, showing every line as added', () => {
    const item = planItem(manifest, undefined, stored({ ...manifest }, '1'));
    expect(item).toMatchObject({ kind: 'Deployment', name: 'web', action: 'create', fields: [] });
    expect(item.diff.every((l) => l.kind === 'added')).toBe(true);
    expect(item.diff.map((l) => l.text)).toContain('  replicas: 3');
    // bookkeeping is not shown as content
    expect(item.diff.some((l) => /resourceVersion|managedFields|uid/.test(l.text))).toBe(false);
  });

  it('changes fields that differ, with their paths and a line diff', () => {
    const existing = stored(promotedManifest(deployment('web:v1', 2), 'prod'), '5');
    const afterApply = stored(manifest, '6');
    const item = planItem(manifest, existing, afterApply);
    expect(item.action).toBe('change');
    expect(item.fields).toEqual(['spec.replicas', 'spec.template.spec.containers[0].image']);
    expect(item.diff.filter((l) => l.kind !== 'same').map((l) => `${l.kind} ${l.text.trim()}`)).toEqual([
      'removed replicas: 2',
      'added replicas: 3',
      'removed - image: web:v1',
      'added - image: web:v2',
    ]);
  });

  it('is unchanged when only bookkeeping (resourceVersion, generation, managedFields, status) differs', () => {
    const existing = stored(manifest, '5');
    const afterApply = { ...stored(manifest, '9'), status: { replicas: 3 } };
    expect(planItem(manifest, existing, afterApply)).toMatchObject({
      action: 'unchanged',
      fields: [],
      diff: [],
    });
  });

  it('counts each action', () => {
    const existing = stored(manifest, '5');
    const items = [
      planItem(manifest, undefined, existing),
      planItem(manifest, existing, existing),
      planItem(manifest, existing, stored(promotedManifest(deployment('web:v3'), 'prod'), '6')),
    ];
    expect(summarize(items)).toEqual({ create: 1, change: 1, unchanged: 1 });
  });
});

describe('promotePath', () => {
  it.each([
    { apiVersion: 'apps/v1', kind: 'Deployment', expected: '/apis/apps/v1/namespaces/prod/deployments/x' },
    { apiVersion: 'batch/v1', kind: 'CronJob', expected: '/apis/batch/v1/namespaces/prod/cronjobs/x' },
    { apiVersion: 'v1', kind: 'ConfigMap', expected: '/api/v1/namespaces/prod/configmaps/x' },
    { apiVersion: 'v1', kind: 'Namespace', expected: '/api/v1/namespaces/x' },
  ])('$kind → $expected', ({ apiVersion, kind, expected }) => {
    expect(promotePath({ apiVersion, kind, metadata: { name: 'x' } }, 'prod')).toBe(expected);
  });

  it('refuses a kind promote does not send', () => {
    expect(() => promotePath({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' } }, 'prod')).toThrow(
      'v1 Node is not a kind promote sends',
    );
  });
});
