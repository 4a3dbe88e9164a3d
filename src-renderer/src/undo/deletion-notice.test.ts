import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@shared/api-types';
import { describeDeletion } from './deletion-notice';

const object = (kind: string, name: string, metadata: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind,
  metadata: { name, namespace: 'shop', ...metadata },
});

describe('describeDeletion', () => {
  it('says how many pods stop with a Deployment, and offers undo', () => {
    const notice = describeDeletion(object('Deployment', 'web'), { pods: 3 });
    expect(notice.question).toBe('Delete deployment web?');
    expect(notice.consequence).toBe('Its 3 pods stop; its ReplicaSets and rollout history go with it.');
    expect(notice.undoable).toBe(true);
    expect(notice.undoNote).toContain('undo for 10 seconds');
    expect(describeDeletion(object('Deployment', 'web'), { pods: 1 }).consequence).toMatch(
      /^Its 1 pod stops;/,
    );
    expect(describeDeletion(object('Deployment', 'web'), { pods: 0 }).consequence).toMatch(
      /^It has no pods now/,
    );
  });

  it('says a ReplicaSet replaces the pod it owns, and offers no undo', () => {
    const pod = object('Pod', 'web-abc', {
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-xyz', uid: 'u', controller: true },
      ],
    });
    const notice = describeDeletion(pod);
    expect(notice.consequence).toBe('Pod web-abc is owned by ReplicaSet web-xyz: it will be replaced.');
    expect(notice.undoable).toBe(false);
    expect(notice.undoNote).toContain('ReplicaSet web-xyz starts a new pod in its place');
  });

  it('offers undo for a pod nothing owns', () => {
    const notice = describeDeletion(object('Pod', 'tools'));
    expect(notice.consequence).toContain('nothing starts it again');
    expect(notice.undoable).toBe(true);
  });

  it('asks for the name of a namespace and says nothing comes back', () => {
    const notice = describeDeletion(object('Namespace', 'team-a', { namespace: undefined }));
    expect(notice.question).toBe('Delete namespace team-a?');
    expect(notice.consequence).toContain('Everything in namespace team-a is deleted with it');
    expect(notice.undoable).toBe(false);
    expect(notice.undoNote).toContain('no undo');
    expect(notice.typeToConfirm).toBe('team-a');
  });

  it('says what happens to the data behind a claim', () => {
    const claim = object('PersistentVolumeClaim', 'data');
    expect(
      describeDeletion(claim, { volume: { name: 'pv-1', reclaimPolicy: 'Delete' }, pods: 2 }).consequence,
    ).toBe('Volume pv-1 and the data on it are deleted. 2 pods using it keep it until they stop.');
    expect(
      describeDeletion(claim, { volume: { name: 'pv-1', reclaimPolicy: 'Retain' } }).consequence,
    ).toContain('is kept (reclaim policy Retain)');
    expect(describeDeletion(claim).undoable).toBe(false);
    expect(describeDeletion(claim).question).toBe('Delete claim data?');
  });

  it('says who uses a ConfigMap or Secret, and keeps a Secret for undo in memory only', () => {
    expect(describeDeletion(object('ConfigMap', 'cfg'), { pods: 2 }).consequence).toMatch(/^2 pods use it/);
    expect(describeDeletion(object('ConfigMap', 'cfg')).consequence).toBe('No pod uses it now.');
    const secret = describeDeletion(object('Secret', 'db'), { pods: 1 });
    expect(secret.consequence).toMatch(/^1 pod uses it/);
    expect(secret.undoable).toBe(true);
    expect(secret.undoNote).toContain("this window's memory only");
  });

  it('says a Service goes but its pods stay', () => {
    const notice = describeDeletion(object('Service', 'web'));
    expect(notice.consequence).toBe('Traffic to its name and ports stops; the pods behind it keep running.');
    expect(notice.undoable).toBe(true);
  });
});
