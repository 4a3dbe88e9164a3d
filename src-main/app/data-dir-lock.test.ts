import { spawn } from 'node:child_process';
import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockAddress, lockDataDir } from './data-dir-lock';

const dirs: string[] = [];
async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'skiff-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A separate process holding the lock's socket, as a running Skiff does; resolves once it holds it. */
async function holdInChild(dir: string) {
  const address = lockAddress(await realpath(dir));
  const child = spawn(
    process.execPath,
    [
      '-e',
      `require('node:net').createServer((s) => s.end(process.pid + '\\n')).listen(${JSON.stringify(address)}, () => console.log('locked'))`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
  return child;
}

async function lockWithin(dir: string, ms: number) {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await lockDataDir(dir);
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

describe('lockDataDir', () => {
  it('refuses a second holder with the first one’s pid, and is free again once released', async () => {
    const dir = await dataDir();
    const lock = await lockDataDir(dir);
    await expect(lockDataDir(dir)).rejects.toThrow(
      `another Skiff (pid ${process.pid}) is already using ${dir}; stop it, or pass --data-dir`,
    );
    await lock.release();
    const again = await lockDataDir(dir);
    await again.release();
  });

  it('is released by the kernel when its holder is killed with SIGKILL, before anyone reaps it', async () => {
    const dir = await dataDir();
    const child = await holdInChild(dir);
    await expect(lockDataDir(dir)).rejects.toThrow(`another Skiff (pid ${child.pid}) is already using`);
    child.kill('SIGKILL');
    const lock = await lockWithin(dir, 5000);
    await lock.release();
  });

  it('ignores a pid file left from before a reboot, whatever process has that pid now', async () => {
    const dir = await dataDir();
    await writeFile(join(dir, 'skiff.pid'), '1');
    const lock = await lockDataDir(dir);
    await lock.release();
  });

  it('keeps data dirs apart, and names a file-less address on Linux', async () => {
    const [a, b] = [await dataDir(), await dataDir()];
    const lockA = await lockDataDir(a);
    const lockB = await lockDataDir(b);
    await Promise.all([lockA.release(), lockB.release()]);
    expect(lockAddress('/x', 'linux').startsWith('\0')).toBe(true);
    expect(lockAddress('/x', 'win32')).toMatch(/^\\\\\.\\pipe\\skiff-data-dir-[0-9a-f]{32}$/);
    expect(lockAddress('/x', 'darwin')).toBe('/x/skiff.lock');
    expect(lockAddress(`/${'d'.repeat(120)}`, 'darwin')).toMatch(/skiff-data-dir-[0-9a-f]{32}\.lock$/);
  });
});
