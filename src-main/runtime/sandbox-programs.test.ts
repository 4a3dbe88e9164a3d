import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { arch, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pauseProgram, renameProgram } from './sandbox-programs';

describe('sandbox programs', () => {
  it('is a small ELF for amd64 and arm64', () => {
    for (const a of ['amd64', 'arm64']) {
      for (const elf of [pauseProgram(a), renameProgram(a)]) {
        expect(elf.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
        expect(elf.length).toBeLessThan(200);
      }
    }
    expect(() => pauseProgram('mips')).toThrow(/amd64 and arm64/);
  });

  // Runs the program for this machine's architecture: it must keep waiting, and die on SIGKILL.
  it('waits until killed on this machine', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skiff-pause-'));
    try {
      const path = join(dir, 'pause');
      writeFileSync(path, pauseProgram(arch() === 'arm64' ? 'arm64' : 'amd64'));
      chmodSync(path, 0o755);
      const child = spawn(path);
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on('exit', (_code, signal) => resolve(signal)),
      );
      await new Promise((r) => setTimeout(r, 300));
      expect(child.exitCode).toBeNull();
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('renames atomically on this machine, and exits with errno when it cannot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skiff-rename-'));
    try {
      const path = join(dir, 'rename');
      writeFileSync(path, renameProgram(arch() === 'arm64' ? 'arm64' : 'amd64'));
      chmodSync(path, 0o755);
      symlinkSync('..v1', join(dir, '..data'));
      symlinkSync('..v2', join(dir, '..data_tmp'));
      const run = (args: string[]) =>
        new Promise<number | null>((resolve) => spawn(path, args).on('exit', (code) => resolve(code)));
      expect(await run([join(dir, '..data_tmp'), join(dir, '..data')])).toBe(0);
      expect(readlinkSync(join(dir, '..data'))).toBe('..v2');
      expect(existsSync(join(dir, '..data_tmp'))).toBe(false);
      expect(await run([join(dir, 'missing'), join(dir, 'other')])).toBe(2); // ENOENT
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
