import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
});
