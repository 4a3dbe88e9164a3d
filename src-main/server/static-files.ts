import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * A path the app routes itself (`/pods`, `/ns/shop/configmaps/kube-root-ca.crt`): no extension, or deeper than
 * the top level outside assets/ — object names may hold dots. The build's files are top-level or in assets/.
 */
export function isClientRoute(relative: string): boolean {
  if (relative === '' || !extname(relative)) return true;
  return relative.includes('/') && !relative.startsWith('assets/');
}

/**
 * The built file a request path names. index.html refers to `./assets/…`, which a page at a nested route asks
 * for under that route (`/ns/shop/assets/…`): any path through an assets/ folder means the build's assets/.
 */
export function builtFileFor(relative: string): string {
  const unix = relative.replace(/\\/g, '/');
  const asset = /(?:^|\/)(assets\/.+)$/.exec(unix);
  if (asset && TYPES[extname(asset[1]!)]) return asset[1]!;
  return isClientRoute(unix) ? 'index.html' : unix;
}

/** Serves the built renderer; the app's own routes get index.html. */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  pathname: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end('malformed percent-encoding in the path');
    return;
  }
  let relative = normalize(decoded).replace(/^([/\\])+/, '');
  relative = builtFileFor(relative);
  const file = join(root, relative);
  if (!file.startsWith(root + sep)) {
    res.writeHead(404).end();
    return;
  }
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    res
      .writeHead(404, { 'Content-Type': 'text/plain' })
      .end(relative === 'index.html' ? 'The UI is not built: run `npm run build`.' : 'not found');
    return;
  }
  const ext = extname(file);
  res.writeHead(200, {
    'Content-Type': TYPES[ext] ?? 'application/octet-stream',
    'Content-Length': size,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...(ext === '.html'
      ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Frame-Options': 'DENY' }
      : {}),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}
