import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One Skiff per data dir: two writers would interleave the journal. A lock left by a dead process is taken over. */
export async function lockDataDir(dataDir: string): Promise<{ release: () => Promise<void> }> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, 'skiff.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(path, String(process.pid), { flag: 'wx', mode: 0o600 });
      return { release: () => rm(path, { force: true }) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (holder && holder !== process.pid && alive(holder)) {
        throw new Error(
          `another Skiff (pid ${holder}) is already using ${dataDir}; stop it, or pass --data-dir to use another directory`,
          { cause: err },
        );
      }
      await rm(path, { force: true });
    }
  }
  throw new Error(`cannot lock ${dataDir}`);
}
