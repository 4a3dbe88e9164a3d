import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, startSkiff, type SkiffProcess } from '../support/skiff-process';

// The data dir on a small file system of the test's own (a tmpfs: the test runs as root, as our machines and
// CI do). A full or read-only disk must cost writes only: each answered 503 with the reason, reads unharmed,
// nothing acknowledged lost, and writing again after a restart once the disk has room.

const run = promisify(execFile);
const mount = (...args: string[]) => run('mount', args);

const configMap = (name: string, kb: number) => ({
  metadata: { name },
  data: { payload: 'x'.repeat(kb * 1024) },
});

describe('the data dir on a disk that fills up or turns read-only', () => {
  let dir: string;
  let skiff: SkiffProcess | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'skiff-disk-'));
    await mount('-t', 'tmpfs', '-o', 'size=3m,mode=0700', 'tmpfs', dir).catch((err: Error) => {
      throw new Error(`this suite mounts a small tmpfs and must run as root: ${err.message}`);
    });
  });
  afterEach(async () => {
    await skiff?.stop('SIGKILL');
    skiff = undefined;
    await run('umount', [dir]).catch(() => {});
    await rm(dir, { recursive: true, force: true });
  });

  // the test's own ConfigMaps (every namespace also holds kube-root-ca.crt, as on a cluster)
  const names = async (s: SkiffProcess) =>
    ((await api(s, '/api/v1/namespaces/default/configmaps')).body.items as any[])
      .map((i) => i.metadata.name as string)
      .filter((name) => name !== 'kube-root-ca.crt')
      .sort();

  it('full: writes answer 503 with the reason, reads keep working, nothing acknowledged is lost', async () => {
    skiff = await startSkiff(dir);
    // Leave the journal a little room, then fill it.
    await writeFile(join(dir, 'filler'), Buffer.alloc(1024 * 1024));
    const acknowledged: string[] = [];
    let refusal: any;
    for (let i = 0; i < 400 && !refusal; i++) {
      const res = await api(skiff, '/api/v1/namespaces/default/configmaps', {
        method: 'POST',
        body: configMap(`cm-${i}`, 16),
      });
      if (res.status === 201) acknowledged.push(`cm-${i}`);
      else refusal = res;
    }
    console.log(`disk full after ${acknowledged.length} acknowledged writes of 16 KiB`);
    expect(refusal?.status).toBe(503);
    expect(refusal.body).toMatchObject({ kind: 'Status', reason: 'ServiceUnavailable' });
    expect(refusal.body.message).toMatch(/no space left on device.*Free space on that disk/);

    expect(await names(skiff)).toEqual([...acknowledged].sort());
    expect((await api(skiff, '/api/v1/namespaces')).status).toBe(200);
    const again = await api(skiff, '/api/v1/namespaces/default/configmaps', {
      method: 'POST',
      body: configMap('small', 0),
    });
    expect(again.status).toBe(503);
    expect(await names(skiff)).toEqual([...acknowledged].sort());

    expect(await skiff.stop('SIGTERM')).toBe(0);
    await rm(join(dir, 'filler'));
    skiff = await startSkiff(dir);
    expect(await names(skiff)).toEqual([...acknowledged].sort());
    const after = await api(skiff, '/api/v1/namespaces/default/configmaps', {
      method: 'POST',
      body: configMap('after-space-is-back', 1),
    });
    expect(after.status).toBe(201);
  });

  it('read-only: writes answer 503, reads keep working, and writing resumes after a restart', async () => {
    // An ext4 file system that hits an error turns read-only under the running process (errors=remount-ro),
    // open files and all: the kernel's own fault path, triggered through sysfs.
    await run('umount', [dir]);
    const image = `${dir}.img`;
    await run('truncate', ['-s', '16M', image]);
    await run('mkfs.ext4', ['-q', image]);
    const mountImage = () => mount('-o', 'loop,errors=remount-ro', image, dir);
    await mountImage();
    try {
      skiff = await startSkiff(dir);
      for (const name of ['a', 'b'])
        expect(
          (
            await api(skiff, '/api/v1/namespaces/default/configmaps', {
              method: 'POST',
              body: configMap(name, 1),
            })
          ).status,
        ).toBe(201);
      const device = (await run('findmnt', ['-n', '-o', 'SOURCE', dir])).stdout.trim();
      await writeFile(`/sys/fs/ext4/${device.replace('/dev/', '')}/trigger_fs_error`, '1');
      const refused = await api(skiff, '/api/v1/namespaces/default/configmaps', {
        method: 'POST',
        body: configMap('c', 1),
      });
      expect(refused.status).toBe(503);
      expect(refused.body.message).toMatch(/read-only file system/i);
      const deleteRefused = await api(skiff, '/api/v1/namespaces/default/configmaps/a', { method: 'DELETE' });
      expect(deleteRefused.status).toBe(503);
      expect(await names(skiff)).toEqual(['a', 'b']);

      expect(await skiff.stop('SIGTERM')).toBe(0);
      skiff = undefined;
      await run('umount', [dir]);
      await run('e2fsck', ['-fy', image]).catch(() => {}); // exit 1: errors corrected, as after a reboot
      await mountImage();
      skiff = await startSkiff(dir);
      expect(await names(skiff)).toEqual(['a', 'b']);
      expect(
        (
          await api(skiff, '/api/v1/namespaces/default/configmaps', {
            method: 'POST',
            body: configMap('c', 1),
          })
        ).status,
      ).toBe(201);
    } finally {
      await skiff?.stop('SIGKILL');
      skiff = undefined;
      await run('umount', [dir]).catch(() => {});
      await rm(image, { force: true });
    }
  });
});
