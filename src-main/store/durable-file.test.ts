import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileDurably } from './durable-file';

describe('writeFileDurably', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'skiff-durable-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes the whole file with its mode and leaves no temporary file', async () => {
    await writeFileDurably(join(dir, 'token'), 'abc\n', { mode: 0o600 });
    expect(await readFile(join(dir, 'token'), 'utf8')).toBe('abc\n');
    expect((await stat(join(dir, 'token'))).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['token']);
  });

  it('replaces a file, unless asked to be exclusive', async () => {
    const path = join(dir, 'secret-key');
    await writeFileDurably(path, 'one', { mode: 0o600 });
    await writeFileDurably(path, 'two', { mode: 0o600 });
    expect(await readFile(path, 'utf8')).toBe('two');
    await expect(writeFileDurably(path, 'three', { mode: 0o600, exclusive: true })).rejects.toMatchObject({
      code: 'EEXIST',
    });
    expect(await readFile(path, 'utf8')).toBe('two');
    expect(await readdir(dir)).toEqual(['secret-key']);
  });
});
