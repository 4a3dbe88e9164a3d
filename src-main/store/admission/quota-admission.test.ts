import { describe, expect, it } from 'vitest';
import type { Pod } from '../../shared/pod-types';
import type { ResourceQuota } from '../../shared/policy-types';
import { configMapType, deploymentType, podType, serviceType } from '../../shared/resource-types';
import { quotaUsage, quotaViolation, type StoredObject } from './quota-admission';
import { usageOf } from './quota-evaluator';
import { toResourceList } from './resource-list';

const NOW = new Date('2026-12-03T12:00:00Z');

const quota = (hard: Record<string, string>, spec: Partial<ResourceQuota['spec']> = {}): ResourceQuota => ({
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name: 'q', namespace: 'team' },
  spec: { hard, ...spec },
});

function pod(
  name: string,
  resources: Array<{ requests?: Record<string, string>; limits?: Record<string, string> }> = [{}],
  extra: {
    phase?: string;
    activeDeadlineSeconds?: number;
    init?: { requests?: Record<string, string> };
  } = {},
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'team' },
    spec: {
      containers: resources.map((r, i) => ({
        name: i === 0 ? 'web' : `c${i}`,
        image: 'nginx',
        resources: r,
      })),
      ...(extra.init ? { initContainers: [{ name: 'init', image: 'busybox', resources: extra.init }] } : {}),
      ...(extra.activeDeadlineSeconds !== undefined
        ? { activeDeadlineSeconds: extra.activeDeadlineSeconds }
        : {}),
    },
    status: { phase: (extra.phase ?? 'Running') as 'Running' },
  } as Pod;
}

const stored = (...pods: Pod[]): StoredObject[] => pods.map((object) => ({ type: podType, object }));

describe('quota evaluator usage', () => {
  it.each([
    ['a pod counts pods and count/pods', podType, pod('a'), { 'count/pods': '1', pods: '1' }],
    [
      'requests and limits of every container are summed',
      podType,
      pod('a', [
        { requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '1' } },
        { requests: { cpu: '250m', memory: '64Mi' } },
      ]),
      {
        'count/pods': '1',
        pods: '1',
        cpu: '500m',
        'requests.cpu': '500m',
        'limits.cpu': '1',
        memory: '128Mi',
        'requests.memory': '128Mi',
      },
    ],
    [
      'an init container larger than the app containers sets the request',
      podType,
      pod('a', [{ requests: { cpu: '100m' } }], { init: { requests: { cpu: '2' } } }),
      { 'count/pods': '1', pods: '1', cpu: '2', 'requests.cpu': '2' },
    ],
    [
      'a finished pod counts only as an object',
      podType,
      pod('a', [{}], { phase: 'Succeeded' }),
      { 'count/pods': '1' },
    ],
    [
      'a NodePort service counts its ports',
      serviceType,
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 's' },
        spec: { type: 'NodePort', ports: [{ port: 80 }, { port: 81 }] },
      },
      { 'count/services': '1', services: '1', 'services.nodeports': '2' },
    ],
    [
      'a Deployment counts as count/deployments.apps',
      deploymentType,
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } },
      { 'count/deployments.apps': '1' },
    ],
    [
      'a ConfigMap answers to configmaps too',
      configMapType,
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } },
      { 'count/configmaps': '1', configmaps: '1' },
    ],
  ])('%s', (_name, type, obj, expected) => {
    const usage = usageOf(type, obj as Pod, NOW);
    expect(toResourceList(usage, usage.keys())).toEqual(expected);
  });
});

describe('quota admission', () => {
  it.each([
    ['room left', quota({ pods: '2' }), stored(pod('a')), pod('b'), undefined],
    [
      'the pods count is full',
      quota({ pods: '2' }),
      stored(pod('a'), pod('b')),
      pod('c'),
      'exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2',
    ],
    [
      'finished pods free their place',
      quota({ pods: '2' }),
      stored(pod('a'), pod('b', [{}], { phase: 'Failed' })),
      pod('c'),
      undefined,
    ],
    [
      'only the exceeded resources are named, with canonical quantities',
      quota({ pods: '10', 'requests.memory': '1Gi', 'requests.cpu': '1' }),
      stored(pod('a', [{ requests: { cpu: '500m', memory: '768Mi' } }])),
      pod('b', [{ requests: { cpu: '250m', memory: '512Mi' } }]),
      'exceeded quota: q, requested: requests.memory=512Mi, used: requests.memory=768Mi, limited: requests.memory=1Gi',
    ],
    [
      'a quota on limits.cpu requires every container to state it',
      quota({ 'limits.cpu': '2' }),
      [],
      pod('b', [{ requests: { cpu: '1' } }, {}]),
      'failed quota: q: must specify limits.cpu for: c1,web',
    ],
    [
      'several missing resources are listed by name',
      quota({ 'requests.memory': '1Gi', cpu: '2' }),
      [],
      pod('b'),
      'failed quota: q: must specify cpu for: web; requests.memory for: web',
    ],
    [
      'a Terminating-scoped quota ignores pods without a deadline',
      quota({ pods: '0' }, { scopes: ['Terminating'] }),
      [],
      pod('b'),
      undefined,
    ],
    [
      'a Terminating-scoped quota counts pods with one',
      quota({ pods: '0' }, { scopes: ['Terminating'] }),
      [],
      pod('b', [{}], { activeDeadlineSeconds: 60 }),
      'exceeded quota: q, requested: pods=1, used: pods=0, limited: pods=0',
    ],
  ])('%s', (_name, q, objects, candidate, expected) => {
    expect(quotaViolation(podType, candidate, [q], objects, NOW)).toBe(expected);
  });

  it('counts objects by count/<resource>.<group> and ignores kinds a quota does not track', () => {
    const q = quota({ 'count/deployments.apps': '1', pods: '1' });
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', namespace: 'team' },
    };
    const objects: StoredObject[] = [{ type: deploymentType, object: deployment }];
    expect(
      quotaViolation(
        deploymentType,
        { ...deployment, metadata: { name: 'e', namespace: 'team' } },
        [q],
        objects,
        NOW,
      ),
    ).toBe(
      'exceeded quota: q, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1',
    );
    expect(
      quotaViolation(
        configMapType,
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'team' } },
        [q],
        objects,
        NOW,
      ),
    ).toBeUndefined();
  });

  it('reports usage for every hard resource, zero included (status.used)', () => {
    const q = quota({ pods: '5', 'requests.cpu': '2', 'limits.memory': '1Gi' });
    const used = quotaUsage(q, stored(pod('a', [{ requests: { cpu: '1500m' } }])), NOW);
    expect(toResourceList(used, Object.keys(q.spec!.hard!))).toEqual({
      'limits.memory': '0',
      pods: '1',
      'requests.cpu': '1500m',
    });
  });
});
