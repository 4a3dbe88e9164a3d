import { describe, expect, it } from 'vitest';
import { isIgnored, parseDockerignore } from './dockerignore';

describe('.dockerignore', () => {
  it.each([
    ['node_modules', 'node_modules/a/b.js', true],
    ['node_modules', 'src/node_modules/a.js', false], // root-relative, unlike .gitignore
    ['**/node_modules', 'src/node_modules/a.js', true],
    ['*.md', 'README.md', true],
    ['*.md', 'docs/a.md', false],
    ['**/*.md', 'docs/a.md', true],
    ['/tmp', 'tmp/x', true],
    ['./build/', 'build/out.o', true],
    ['temp?', 'temp1', true],
    ['temp?', 'temp12', false],
    ['[ab].txt', 'a.txt', true],
    ['# comment', '# comment', false],
  ])('%s against %s → %s', (pattern, path, ignored) => {
    expect(isIgnored(parseDockerignore(pattern), path)).toBe(ignored);
  });

  it('lets the last matching pattern decide, with ! re-including', () => {
    const rules = parseDockerignore('*.md\n!README.md\n');
    expect(isIgnored(rules, 'CHANGES.md')).toBe(true);
    expect(isIgnored(rules, 'README.md')).toBe(false);
    expect(isIgnored(parseDockerignore('!README.md\n*.md'), 'README.md')).toBe(true);
  });
});
