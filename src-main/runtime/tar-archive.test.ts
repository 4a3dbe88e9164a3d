import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tarArchive } from './tar-archive';

describe('tarArchive', () => {
  it('writes an archive that tar extracts with names, contents and modes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skiff-tar-'));
    try {
      const archive = tarArchive([
        { name: 'Dockerfile', content: Buffer.from('FROM scratch\n') },
        { name: 'pause', content: Buffer.alloc(700, 7), mode: 0o755 },
      ]);
      writeFileSync(join(dir, 'a.tar'), archive);
      execFileSync('tar', ['-xf', 'a.tar'], { cwd: dir });
      expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe('FROM scratch\n');
      expect(readFileSync(join(dir, 'pause'))).toEqual(Buffer.alloc(700, 7));
      expect(statSync(join(dir, 'pause')).mode & 0o777).toBe(0o755);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes directories, symlinks and paths longer than 100 characters', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skiff-tar-'));
    try {
      const deep = `${'d'.repeat(90)}/${'e'.repeat(60)}`;
      const archive = tarArchive([
        { name: '..v1', type: 'directory' },
        { name: `..v1/${deep}`, content: Buffer.from('deep') },
        { name: '..v1/key', content: Buffer.from('value'), mode: 0o400 },
        { name: '..data', type: 'symlink', linkTarget: '..v1' },
        { name: 'key', type: 'symlink', linkTarget: '..data/key' },
      ]);
      writeFileSync(join(dir, 'a.tar'), archive);
      execFileSync('tar', ['-xf', 'a.tar'], { cwd: dir });
      expect(readFileSync(join(dir, 'key'), 'utf8')).toBe('value');
      expect(readlinkSync(join(dir, '..data'))).toBe('..v1');
      expect(statSync(join(dir, '..v1/key')).mode & 0o777).toBe(0o400);
      expect(readFileSync(join(dir, '..data', deep), 'utf8')).toBe('deep');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
