import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKindRegistry } from './all-kinds';
import { configMapType, secretType } from '../shared/resource-types';
import { secretSealer } from './object-sealer';
import { openStore } from './open-store';

const PLANTED = 'planted-Value-7f3c9e';

async function everyFileUnder(dir: string): Promise<string> {
  const parts: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) parts.push(await readFile(join(entry.parentPath, entry.name), 'latin1'));
  }
  return parts.join('\n');
}

describe('secrets at rest', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('stores Secrets only as ciphertext, in the journal and in snapshots, and reads them back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'skiff-sealed-'));
    dirs.push(dir);
    const key = randomBytes(32);
    const open = () =>
      openStore(dir, createKindRegistry(), () => {}, undefined, secretSealer(key, 'test key'));
    const first = await open();
    await first.store.create(secretType, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'db',
        namespace: 'default',
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': `{"stringData":{"p":"${PLANTED}"}}`,
        },
      },
      stringData: { password: PLANTED },
    } as never);
    await first.store.create(configMapType, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'plain', namespace: 'default' },
      data: { visible: 'yes' },
    } as never);
    const base64 = Buffer.from(PLANTED).toString('base64');
    let disk = await everyFileUnder(dir);
    expect(disk).not.toContain(PLANTED);
    expect(disk).not.toContain(base64);
    expect(disk).toContain('"visible":"yes"'); // other kinds stay readable
    await first.journal.compactNow();
    disk = await everyFileUnder(dir);
    expect(disk).not.toContain(PLANTED);
    expect(disk).not.toContain(base64);
    await first.journal.close();

    const second = await open();
    const secret = second.store.get(secretType, 'default', 'db') as unknown as {
      data: Record<string, string>;
    };
    expect(Buffer.from(secret.data.password!, 'base64').toString()).toBe(PLANTED);
    await second.journal.close();

    const wrongKey = openStore(
      dir,
      createKindRegistry(),
      () => {},
      undefined,
      secretSealer(randomBytes(32), '/x/secret-key'),
    );
    await expect(wrongKey).rejects.toThrow(
      /cannot decrypt Secret default\/db: the key in \/x\/secret-key is not the one/,
    );
  });

  it('binds the ciphertext to its name: a blob moved to another Secret does not open', () => {
    const sealer = secretSealer(randomBytes(32), 'k');
    const obj = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'a' } };
    const sealed = sealer.seal('/secrets/default/a', obj);
    expect(sealer.open('/secrets/default/a', sealed)).toEqual(obj);
    expect(() => sealer.open('/secrets/default/b', sealed)).toThrow(/cannot decrypt Secret default\/b/);
    expect(() => sealer.open('/secrets/default/c', obj)).toThrow(/stored unencrypted/);
  });
});
