import { appendFile, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKindRegistry } from './all-kinds';
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

    it('refuses writes with 503 when the disk does, shows only what is on disk, and resumes after a restart', async () => {
      await t.store.create(configMapType, cm('kept'));
      await t.store.create(configMapType, cm('changed'));
      // The disk fills up: every write from now on fails as the file system would fail it.
      const handle = (t.journal as unknown as { handle: { write: (text: string) => Promise<unknown> } })
        .handle;
      const write = handle.write.bind(handle);
      handle.write = () =>
        Promise.reject(
          Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }),
        );
      const refused = await Promise.allSettled([
        t.store.create(configMapType, cm('refused')),
        t.store.update(configMapType, {
          ...t.store.get(configMapType, 'default', 'changed'),
          data: { x: 'y' },
        }),
        t.store.delete(configMapType, 'default', 'kept'),
      ]);
      for (const r of refused) {
        expect(r.status).toBe('rejected');
        expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 503 });
        expect(String((r as PromiseRejectedResult).reason.message)).toMatch(/no space left.*Free space/);
      }
      // Reads keep working and show what is on disk: no refused write is visible.
      const names = () =>
        t.store
          .list(configMapType)
          .items.map((o) => o.metadata.name)
          .sort();
      expect(names()).toEqual(['changed', 'kept']);
      expect(t.store.get(configMapType, 'default', 'changed').data).toEqual({ name: 'changed' });
      await expect(t.store.create(configMapType, cm('later'))).rejects.toMatchObject({ code: 503 });
      expect(names()).toEqual(['changed', 'kept']);
      handle.write = write;
      await t.journal.close();
      const reopened = await openStore(t.dir, createKindRegistry());
      t.journal = reopened.journal;
      expect(
        reopened.store
          .list(configMapType)
          .items.map((o) => o.metadata.name)
          .sort(),
      ).toEqual(['changed', 'kept']);
      await reopened.store.create(configMapType, cm('after'));
      expect(reopened.store.list(configMapType).items).toHaveLength(3);
    });

    it('never acknowledges a record the disk took only part of (a short write as the disk fills)', async () => {
      await t.store.create(configMapType, cm('kept'));
      type Write = (b: Buffer, offset: number, length: number) => Promise<{ bytesWritten: number }>;
      const handle = (t.journal as unknown as { handle: { write: Write } }).handle;
      const write = handle.write.bind(handle);
      let calls = 0;
      handle.write = (b, offset, length) =>
        ++calls === 1
          ? write(b, offset, Math.floor(length / 2)) // the disk takes half, as a full disk does
          : Promise.reject(
              Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }),
            );
      await expect(t.store.create(configMapType, cm('half'))).rejects.toMatchObject({ code: 503 });
      await t.journal.close();
      const reopened = await openStore(t.dir, createKindRegistry());
      t.journal = reopened.journal;
      expect(reopened.store.list(configMapType).items.map((o) => o.metadata.name)).toEqual(['kept']);
      await reopened.store.create(configMapType, cm('after'));
      expect(reopened.store.list(configMapType).items).toHaveLength(2);
    });

    it('keeps writing when a snapshot cannot be written, and folds the journal once it can', async () => {
      const tmp = join(t.dir, 'store', 'snapshot.json.tmp');
      await mkdir(tmp); // writing the snapshot's temporary file now fails (EISDIR)
      await Promise.all(Array.from({ length: 5001 }, (_, i) => t.store.create(configMapType, cm(`n-${i}`))));
      await t.store.create(configMapType, cm('still-writing'));
      expect(t.store.list(configMapType).items).toHaveLength(5002);
      const journalPath = join(t.dir, 'store', 'journal.log');
      const unfolded = (await stat(journalPath)).size;
      await rm(tmp, { recursive: true }); // room again: the fold is retried 1000 records later
      await Promise.all(Array.from({ length: 1000 }, (_, i) => t.store.create(configMapType, cm(`m-${i}`))));
      await t.journal.drain();
      expect((await stat(journalPath)).size).toBeLessThan(unfolded / 10);
      expect(JSON.parse(await readFile(join(t.dir, 'store', 'snapshot.json'), 'utf8')).rv).toBeGreaterThan(
        5000,
      );
      await t.journal.close();
      const reopened = await openStore(t.dir, createKindRegistry());
      t.journal = reopened.journal;
      expect(reopened.store.list(configMapType).items).toHaveLength(6002);
    });

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
