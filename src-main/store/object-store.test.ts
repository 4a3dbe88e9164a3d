import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject, WatchEvent } from '../shared/api-types';
import { configMapType, namespaceType } from '../shared/resource-types';
import { ApiError } from './api-error';
import { createKindRegistry } from './all-kinds';
import { openStore } from './open-store';
import { openTestStore } from './test-store';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;

const cm = (
  name: string,
  data: Record<string, string> = {},
  labels?: Record<string, string>,
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', ...(labels ? { labels } : {}) },
  data,
});

async function apiError(promise: Promise<unknown> | (() => unknown)): Promise<ApiError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

describe('ObjectStore', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore(() => new Date('2026-11-23T10:00:00.123Z'));
  });
  afterEach(async () => t.cleanup());

  it('creates the default namespaces on first open', () => {
    const names = t.store.list(namespaceType).items.map((n) => n.metadata.name);
    expect(names).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    expect(t.store.get(namespaceType, undefined, 'default').status).toEqual({ phase: 'Active' });
  });

  it('sets uid, RFC 3339 creationTimestamp, generation 1 and increasing resourceVersions', async () => {
    const a = await t.store.create(configMapType, cm('a'));
    const b = await t.store.create(configMapType, cm('b'));
    expect(a.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.metadata.creationTimestamp).toBe('2026-11-23T10:00:00Z');
    expect(a.metadata.generation).toBe(1);
    expect(Number(b.metadata.resourceVersion)).toBeGreaterThan(Number(a.metadata.resourceVersion));
    expect(t.store.list(configMapType, { namespace: 'default' }).metadata.resourceVersion).toBe(
      b.metadata.resourceVersion,
    );
  });

  it('moves generation on spec changes only, and rejects a stale resourceVersion with 409', async () => {
    const a = await t.store.create(configMapType, cm('a', { k: '1' }));
    const relabelled = await t.store.update(configMapType, {
      ...a,
      metadata: { ...a.metadata, labels: { x: 'y' } },
    });
    expect(relabelled.metadata.generation).toBe(1);
    const changed = await t.store.update(configMapType, { ...relabelled, data: { k: '2' } });
    expect(changed.metadata.generation).toBe(2);
    const err = await apiError(t.store.update(configMapType, { ...a, data: { k: '3' } }));
    expect(err.code).toBe(409);
    expect(err.reason).toBe('Conflict');
    expect(t.store.get(configMapType, 'default', 'a').data).toEqual({ k: '2' });
  });

  it('does not bump resourceVersion for an update that changes nothing', async () => {
    const a = await t.store.create(configMapType, cm('a', { k: '1' }));
    const same = await t.store.update(configMapType, a);
    expect(same.metadata.resourceVersion).toBe(a.metadata.resourceVersion);
  });

  it('reports invalid input with field paths and stores nothing', async () => {
    const before = t.store.resourceVersion;
    const err = await apiError(t.store.create(configMapType, cm('Bad_Name', { 'bad key': 'v' })));
    expect(err.code).toBe(422);
    expect(err.details?.causes?.map((c) => c.field)).toEqual(['metadata.name', 'data[bad key]']);
    expect(err.message).toMatch(
      /ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/,
    );
    const nsErr = await apiError(
      t.store.create(namespaceType, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a.b' } }),
    );
    expect(nsErr.details?.causes?.[0]?.message).toMatch(/RFC 1123 label/);
    expect(t.store.resourceVersion).toBe(before);
  });

  it('refuses content in a missing or terminating namespace', async () => {
    const missing = await apiError(
      t.store.create(configMapType, { ...cm('a'), metadata: { name: 'a', namespace: 'nope' } }),
    );
    expect([missing.code, missing.message]).toEqual([404, 'namespaces "nope" not found']);
    await t.store.create(namespaceType, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    await t.store.delete(namespaceType, undefined, 'team');
    expect(t.store.get(namespaceType, undefined, 'team').status).toEqual({ phase: 'Terminating' });
    const terminating = await apiError(
      t.store.create(configMapType, { ...cm('a'), metadata: { name: 'a', namespace: 'team' } }),
    );
    expect(terminating.code).toBe(403);
  });

  it('forbids deleting the default namespace', async () => {
    const err = await apiError(t.store.delete(namespaceType, undefined, 'default'));
    expect(err.code).toBe(403);
  });

  it('keeps an object with finalizers until the last one is removed', async () => {
    await t.store.create(configMapType, {
      ...cm('a'),
      metadata: { name: 'a', namespace: 'default', finalizers: ['example.com/hold'] },
    });
    const deleting = await t.store.delete(configMapType, 'default', 'a');
    expect(deleting.metadata.deletionTimestamp).toBe('2026-11-23T10:00:00Z');
    await t.store.update(configMapType, { ...deleting, metadata: { ...deleting.metadata, finalizers: [] } });
    expect(t.store.tryGet(configMapType, 'default', 'a')).toBeUndefined();
  });

  describe('watch', () => {
    it('starts with ADDED for current objects when no resourceVersion is given', async () => {
      await t.store.create(configMapType, cm('a'));
      const events: WatchEvent[] = [];
      const w = t.store.watch(configMapType, { namespace: 'default' }, (e) => events.push(e));
      await t.store.create(configMapType, cm('b'));
      w.dispose();
      await t.store.create(configMapType, cm('c'));
      expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED a', 'ADDED b']);
    });

    it('replays every change after a given resourceVersion, then streams', async () => {
      const a = await t.store.create(configMapType, cm('a'));
      const a2 = await t.store.update(configMapType, { ...a, data: { k: 'v' } });
      await t.store.delete(configMapType, 'default', 'a');
      const events: WatchEvent[] = [];
      const w = t.store.watch(configMapType, { resourceVersion: a.metadata.resourceVersion }, (e) =>
        events.push(e),
      );
      await t.store.create(configMapType, cm('b'));
      w.dispose();
      expect(
        events.map((e) => `${e.type} ${e.object.metadata.name} ${e.object.metadata.resourceVersion}`),
      ).toEqual([
        `MODIFIED a ${a2.metadata.resourceVersion}`,
        `DELETED a ${Number(a2.metadata.resourceVersion) + 1}`,
        `ADDED b ${Number(a2.metadata.resourceVersion) + 2}`,
      ]);
    });

    it('turns label changes into ADDED and DELETED for a filtered watch', async () => {
      const a = await t.store.create(configMapType, cm('a', {}, { app: 'x' }));
      const events: WatchEvent[] = [];
      const w = t.store.watch(
        configMapType,
        { labelSelector: 'app=web', resourceVersion: a.metadata.resourceVersion },
        (e) => events.push(e),
      );
      const web = await t.store.update(configMapType, {
        ...a,
        metadata: { ...a.metadata, labels: { app: 'web' } },
      });
      await t.store.update(configMapType, { ...web, metadata: { ...web.metadata, labels: { app: 'db' } } });
      w.dispose();
      expect(events.map((e) => e.type)).toEqual(['ADDED', 'DELETED']);
    });

    it('answers 410 Gone for a resourceVersion from before the last restart', async () => {
      const a = await t.store.create(configMapType, cm('a'));
      await t.store.update(configMapType, { ...a, data: { k: 'v' } });
      await t.journal.close();
      const reopened = await openStore(t.dir, createKindRegistry());
      const err = await apiError(() =>
        reopened.store.watch(configMapType, { resourceVersion: a.metadata.resourceVersion }, () => {}),
      );
      expect(err.code).toBe(410);
      expect(err.reason).toBe('Expired');
      // From the current resourceVersion the watch is fine.
      reopened.store
        .watch(configMapType, { resourceVersion: reopened.store.resourceVersion }, () => {})
        .dispose();
      t.journal = reopened.journal;
    });

    it('rejects a bad label selector with 400 naming it', async () => {
      const err = await apiError(() =>
        t.store.watch(configMapType, { labelSelector: 'app in (a' }, () => {}),
      );
      expect(err.code).toBe(400);
    });
  });
});
