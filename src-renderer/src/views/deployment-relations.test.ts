import { describe, expect, it } from 'vitest';
import type { KubeEvent, Pod } from '@shared/pod-types';
import type { Service } from '@shared/service-types';
import type { Deployment, ReplicaSet } from '@shared/workload-types';
import {
  eventsOfDeployment,
  ownedReplicaSets,
  podsOfDeployment,
  rolloutSteps,
  servicesOfDeployment,
} from './deployment-relations';

const REV = 'deployment.kubernetes.io/revision';
const deployment = {
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'demo', uid: 'd1', annotations: { [REV]: '2' } },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web', tier: 'front' } }, spec: { containers: [] } },
  },
} as unknown as Deployment;

const rs = (name: string, revision: number, desired: number, current: number, ready: number) =>
  ({
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: 'demo',
      uid: `uid-${name}`,
      annotations: { [REV]: String(revision) },
      ownerReferences: [{ kind: 'Deployment', name: 'web', uid: 'd1' }],
    },
    spec: {
      replicas: desired,
      selector: {},
      template: { spec: { containers: [{ name: 'web', image: `web:v${revision}` }] } },
    },
    status: { replicas: current, readyReplicas: ready },
  }) as unknown as ReplicaSet;

const pod = (name: string, ownerUid: string) =>
  ({
    metadata: { name, namespace: 'demo', uid: `uid-${name}`, ownerReferences: [{ uid: ownerUid }] },
  }) as Pod;

const event = (kind: string, name: string, at: string, uid?: string) =>
  ({
    metadata: { namespace: 'demo', creationTimestamp: at },
    involvedObject: { kind, name, uid },
    lastTimestamp: at,
  }) as KubeEvent;

describe('deployment relations', () => {
  const old = rs('web-a', 1, 1, 2, 2);
  const gone = rs('web-z', 0, 0, 0, 0);
  const next = rs('web-b', 2, 3, 2, 1);
  const stranger = {
    ...rs('other-a', 5, 1, 1, 1),
    metadata: { ...rs('other-a', 5, 1, 1, 1).metadata, ownerReferences: [] },
  };
  const owned = ownedReplicaSets(deployment, [old, stranger, gone, next]);

  it('keeps only its own ReplicaSets, newest revision first', () => {
    expect(owned.map((r) => r.metadata.name)).toEqual(['web-b', 'web-a', 'web-z']);
  });

  it('shows the new ReplicaSet growing and old ones that still have pods', () => {
    expect(rolloutSteps(deployment, owned)).toEqual([
      { name: 'web-b', revision: 2, images: 'web:v2', isNew: true, desired: 3, current: 2, ready: 1 },
      { name: 'web-a', revision: 1, images: 'web:v1', isNew: false, desired: 1, current: 2, ready: 2 },
    ]);
  });

  it('finds its pods with their revision, the newest first', () => {
    const pods = [pod('web-a-1', 'uid-web-a'), pod('x', 'uid-other'), pod('web-b-1', 'uid-web-b')];
    expect(podsOfDeployment(owned, pods).map((p) => [p.pod.metadata.name, p.revision])).toEqual([
      ['web-b-1', 2],
      ['web-a-1', 1],
    ]);
  });

  it('finds the Services whose selector picks its pods in its namespace', () => {
    const svc = (name: string, namespace: string, selector?: Record<string, string>) =>
      ({ metadata: { name, namespace }, spec: { selector } }) as Service;
    const found = servicesOfDeployment(deployment, [
      svc('web', 'demo', { app: 'web' }),
      svc('front', 'demo', { tier: 'front', app: 'web' }),
      svc('db', 'demo', { app: 'db' }),
      svc('manual', 'demo'),
      svc('web', 'elsewhere', { app: 'web' }),
    ]);
    expect(found.map((s) => s.metadata.name)).toEqual(['web', 'front']);
  });

  it('gathers events of the Deployment, its ReplicaSets and its pods, even pods that are gone', () => {
    const events = [
      event('Deployment', 'web', '2026-01-01T00:00:01Z'),
      event('ReplicaSet', 'web-b', '2026-01-01T00:00:03Z'),
      event('Pod', 'web-a-gone', '2026-01-01T00:00:02Z'),
      event('Pod', 'web-b-1', '2026-01-01T00:00:04Z', 'uid-web-b-1'),
      event('Pod', 'other-a-1', '2026-01-01T00:00:05Z'),
      event('Deployment', 'webby', '2026-01-01T00:00:06Z'),
    ];
    const found = eventsOfDeployment(deployment, owned, [pod('web-b-1', 'uid-web-b')], events);
    expect(found.map((e) => e.involvedObject.name)).toEqual(['web-b-1', 'web-b', 'web-a-gone', 'web']);
    expect(eventsOfDeployment(deployment, owned, [], events, 2)).toHaveLength(2);
  });
});
