/**
 * `.dockerignore` as the Docker CLI reads it (moby/patternmatcher): patterns relative to the context root (not
 * matched at any depth as in .gitignore), `*` and `?` within one path segment, `**` across segments, `!` re-includes,
 * the last matching pattern decides, and a pattern that matches a folder matches everything under it.
 */
export interface IgnoreRule {
  exclude: boolean;
  regex: RegExp;
}

function toRegex(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') {
          i++;
          out += '(?:.*/)?';
        } else out += '.*';
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        out += `[${pattern
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < pattern.length) out += `\\${pattern[++i]}`;
    else out += c.replace(/[.+^${}()|\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}(?:/.*)?$`);
}

/** filepath.Clean for the forward-slash patterns Docker keeps: no `./`, no duplicate or trailing `/`. */
function clean(pattern: string): string {
  const parts: string[] = [];
  for (const part of pattern.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

export function parseDockerignore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const exclude = !line.startsWith('!');
    if (!exclude) line = line.slice(1).trim();
    const pattern = clean(line);
    if (pattern) rules.push({ exclude, regex: toRegex(pattern) });
  }
  return rules;
}

/** Whether a context-relative path (forward slashes) is left out of the build context. */
export function isIgnored(rules: IgnoreRule[], path: string): boolean {
  let ignored = false;
  for (const rule of rules) if (rule.regex.test(path)) ignored = rule.exclude;
  return ignored;
}
