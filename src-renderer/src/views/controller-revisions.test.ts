import { describe, expect, it } from 'vitest';
import type { ControllerRevision, StatefulSet } from '@shared/apps-types';
import type { Pod } from '@shared/pod-types';
import type { PersistentVolumeClaim } from '@shared/storage-types';
import { retainedClaims, revisionImages, revisionsOf, statefulPods } from './controller-revisions';

const set: StatefulSet = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web', namespace: 'shop', uid: 'set' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: { spec: { containers: [] } },
    volumeClaimTemplates: [
      { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'www' }, spec: {} },
    ],
  },
};
const owned = {
  ownerReferences: [
    { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'set', controller: true },
  ],
};
const pod = (name: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop', ...owned },
  spec: { containers: [] },
});
const claim = (name: string): PersistentVolumeClaim => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'shop' },
  spec: {},
});
const revision = (n: number, image: string, uid = 'set'): ControllerRevision => ({
  apiVersion: 'apps/v1',
  kind: 'ControllerRevision',
  metadata: {
    name: `web-${n}`,
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid, controller: true }],
  },
  revision: n,
  data: { spec: { template: { $patch: 'replace', spec: { containers: [{ name: 'web', image }] } } } },
});

describe('StatefulSet and DaemonSet page helpers', () => {
  it('lists the owner’s revisions newest first, with their images', () => {
    const list = revisionsOf(set, [revision(1, 'a'), revision(3, 'c'), revision(2, 'b', 'other')]);
    expect(list.map((r) => r.revision)).toEqual([3, 1]);
    expect(revisionImages(list[0]!)).toBe('c');
  });

  it('shows ordinals in order with their claims, including a pod still above the wanted count', () => {
    const rows = statefulPods(
      set,
      [pod('web-2'), pod('web-0'), pod('other-1')],
      [claim('www-web-0'), claim('www-web-1')],
    );
    expect(
      rows.map((r) => [r.name, Boolean(r.pod), r.claims.map((c) => [c.name, Boolean(c.claim)])]),
    ).toEqual([
      ['web-0', true, [['www-web-0', true]]],
      ['web-1', false, [['www-web-1', true]]],
      ['web-2', true, [['www-web-2', false]]],
    ]);
  });

  it('finds the claims kept after a scale down', () => {
    expect(
      retainedClaims(set, [
        claim('www-web-0'),
        claim('www-web-2'),
        claim('www-web-x'),
        claim('data-web-3'),
      ]).map((c) => c.metadata.name),
    ).toEqual(['www-web-2']);
  });
});
