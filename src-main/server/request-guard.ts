import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from '../store/api-error';

const WS_TOKEN_PREFIX = 'base64url.bearer.authorization.k8s.io.';

/** The Host values a browser may send for this server; anything else is DNS rebinding or a stray client. */
export function allowedHostsFor(host: string, port: number): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]', host.includes(':') ? `[${host}]` : host]);
  return new Set([...names].map((name) => `${name}:${port}`));
}

/** 403 when Host or Origin is not this server's own (DNS-rebinding and cross-site protection). */
export function checkHostAndOrigin(
  headers: IncomingHttpHeaders,
  allowedHosts: Set<string>,
): ApiError | undefined {
  const host = (headers.host ?? '').toLowerCase();
  if (!allowedHosts.has(host)) {
    return new ApiError(
      403,
      'Forbidden',
      `forbidden: host "${host}" is not this server; use http(s)://127.0.0.1 with the port Skiff printed`,
    );
  }
  const origin = headers.origin;
  if (origin !== undefined) {
    let originHost: string;
    try {
      originHost = new URL(origin).host.toLowerCase();
    } catch {
      originHost = '';
    }
    if (!allowedHosts.has(originHost))
      return new ApiError(403, 'Forbidden', `forbidden: requests from origin "${origin}" are not allowed`);
  }
  return undefined;
}

function sameSecret(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The bearer token from the Authorization header, or from the WebSocket subprotocol Kubernetes clients use. */
export function presentedToken(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const protocols = (headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const carrier = protocols.find((p) => p.startsWith(WS_TOKEN_PREFIX));
  return carrier
    ? Buffer.from(carrier.slice(WS_TOKEN_PREFIX.length), 'base64url').toString('utf8')
    : undefined;
}

export function isAuthorized(headers: IncomingHttpHeaders, token: string): boolean {
  const given = presentedToken(headers);
  return given !== undefined && sameSecret(given, token);
}
