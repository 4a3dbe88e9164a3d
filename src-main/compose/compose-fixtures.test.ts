import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertCompose } from './convert-compose';

const dir = join(import.meta.dirname, '../../e2e/fixtures/compose');
const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f));

// Real Compose files of well-known projects (see e2e/fixtures/compose/SOURCES.md): every one converts, every
// service becomes a Deployment or a note saying why not, and every object has a DNS-1123 name.
describe('real Compose files convert', () => {
  it('has the vendored files', () => expect(files.length).toBeGreaterThanOrEqual(30));
  it.each(files)('%s', (file) => {
    const result = convertCompose({ compose: readFileSync(join(dir, file), 'utf8') });
    const deployments = result.objects.filter((o) => o.kind === 'Deployment');
    expect(deployments.length).toBeGreaterThan(0);
    for (const object of result.objects)
      expect(object.metadata.name).toMatch(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/);
    for (const note of result.notes) expect(note.text.length).toBeGreaterThan(5);
  });
});
