import type { ServerResponse } from 'node:http';

/** Adds `Warning: 299 - "<text>"` headers to a response, after any it already carries (kubectl prints each). */
export function addWarnings(res: ServerResponse, messages: string[] | undefined): void {
  if (!messages || messages.length === 0 || res.headersSent) return;
  const existing = res.getHeader('Warning');
  const before = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  res.setHeader('Warning', [...before, ...messages.map((m) => `299 - "${headerSafe(m)}"`)]);
}

/** A warn-text for a quoted-string: quotes and backslashes escaped, anything outside printable ASCII as \\uXXXX. */
function headerSafe(text: string): string {
  return text
    .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/["\\]/g, (c) => `\\${c}`);
}
