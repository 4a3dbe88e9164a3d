import { closeSync, fsyncSync, openSync } from 'node:fs';
import { link, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

// Files a data dir cannot do without (the key that opens Secrets, the token, the certificate) must be whole on
// disk before Skiff relies on them: a plain writeFile can leave an empty file behind a crash or a disk error,
// and an empty secret key locks every stored Secret away. Write a temporary file, flush it, move it into
// place atomically, and flush the directory that names it.

export function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `data` to `path` so that after any crash the file is either absent or complete. With `exclusive`,
 * an existing file is never replaced (EEXIST), as `flag: 'wx'` would.
 */
export async function writeFileDurably(
  path: string,
  data: string | Buffer,
  options: { mode: number; exclusive?: boolean },
): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, data, { mode: options.mode, flush: true });
  try {
    if (options.exclusive) await link(tmp, path);
    else await rename(tmp, path);
  } finally {
    await rm(tmp, { force: true });
  }
  fsyncDirectory(dirname(path));
}
