import { appendFile, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKindRegistry } from '../app/kinds';
import { configMapType } from '../shared/resource-types';
import { decodeJournal, encodeRecord } from './journal';
import { openStore } from './open-store';
import { openTestStore } from './test-store';

const cm = (name: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default' },
  data: { name },
});

describe('journal', () => {
  it('decodes records up to a torn or corrupt line', () => {
    const a = encodeRecord({ rv: 1, op: 'delete', key: 'a' });
    const b = encodeRecord({ rv: 2, op: 'delete', key: 'b' });
    expect(decodeJournal(a + b).records).toHaveLength(2);
    expect(decodeJournal(a + b.slice(0, 20))).toEqual({
      records: [{ rv: 1, op: 'delete', key: 'a' }],
      validBytes: a.length,
    });
    const flipped = a + b.replace('"b"', '"c"');
    expect(decodeJournal(flipped).records).toHaveLength(1);
  });

  describe('with a store', () => {
    let t: Awaited<ReturnType<typeof openTestStore>>;
    beforeEach(async () => {
      t = await openTestStore();
    });
    afterEach(async () => t.cleanup());

    it('recovers every acknowledged write after a reopen', async () => {
      for (let i = 0; i < 20; i++) await t.store.create(configMapType, cm(`cm-${i}`));
      await t.store.delete(configMapType, 'default', 'cm-3');
      const rv = t.store.resourceVersion;
      await t.journal.close();
      const reopened = await openStore(t.dir, createKindRegistry());
      t.journal = reopened.journal;
      expect(reopened.store.list(configMapType).items).toHaveLength(19);
      expect(reopened.store.resourceVersion).toBe(rv);
    });

    it('discards a torn last record, truncates it, and keeps working', async () => {
      await t.store.create(configMapType, cm('kept'));
      await t.journal.close();
      const journalPath = join(t.dir, 'store', 'journal.log');
      const torn = encodeRecord({
        rv: 999,
        op: 'put',
        key: '/configmaps/default/torn',
        object: cm('torn'),
      }).slice(0, 40);
      await appendFile(journalPath, torn);
      const logs: string[] = [];
      const reopened = await openStore(t.dir, createKindRegistry(), (m) => logs.push(m));
      t.journal = reopened.journal;
      expect(reopened.store.list(configMapType).items.map((i) => i.metadata.name)).toEqual(['kept']);
      expect(logs.join()).toMatch(/discarded a torn journal tail of 40 bytes/);
      await reopened.store.create(configMapType, cm('after'));
      expect(decodeJournal(await readFile(journalPath, 'utf8')).records.at(-1)?.key).toBe(
        '/configmaps/default/after',
      );
    });

    it('compacts into a snapshot and empties the journal without losing anything', async () => {
      for (let i = 0; i < 5; i++) await t.store.create(configMapType, cm(`cm-${i}`));
      await t.journal.compactNow();
      expect((await stat(join(t.dir, 'store', 'journal.log'))).size).toBe(0);
      await t.store.delete(configMapType, 'default', 'cm-0');
      await t.journal.close();
      const reopened = await openStore(t.dir, createKindRegistry());
      t.journal = reopened.journal;
      expect(reopened.store.list(configMapType).items.map((i) => i.metadata.name)).toEqual([
        'cm-1',
        'cm-2',
        'cm-3',
        'cm-4',
      ]);
    });

    it('groups concurrent writes into one flush and acknowledges each in order', async () => {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => t.store.create(configMapType, cm(`p-${i}`))),
      );
      const rvs = results.map((r) => Number(r.metadata.resourceVersion));
      expect(rvs).toEqual([...rvs].sort((a, b) => a - b));
      const text = await readFile(join(t.dir, 'store', 'journal.log'), 'utf8');
      expect(decodeJournal(text).records.filter((r) => r.key.includes('/p-'))).toHaveLength(50);
    });
  });
});
