import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

const WS_TOKEN_PREFIX = 'base64url.bearer.authorization.k8s.io.';

/** RFC 9110 §7.6.1's connection-specific fields: they describe one hop, never the next. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * Headers that belong to Skiff's origin, not the remote cluster: Skiff's own token (Authorization, the
 * WebSocket token subprotocol) is never forwarded; Host is the remote's; Origin and Referer name Skiff's page
 * (a remote apiserver with CORS would refuse it, and it is not the remote's business); cookies are Skiff's.
 */
const SKIFF_ONLY = new Set(['authorization', 'host', 'origin', 'referer', 'cookie']);

function connectionTokens(headers: IncomingHttpHeaders): Set<string> {
  const value = headers.connection ?? '';
  return new Set(
    value
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .filter((t) => t.length > 0),
  );
}

/**
 * The client's headers as the remote cluster gets them, before the context's credentials are added. An
 * upgrade keeps `Connection: Upgrade` and `Upgrade`, and its subprotocols minus Skiff's token carrier, so
 * the remote negotiates the exec/attach/port-forward version with the client as if it were direct.
 */
export function headersToRemote(headers: IncomingHttpHeaders, upgrade: boolean): OutgoingHttpHeaders {
  const named = connectionTokens(headers);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || SKIFF_ONLY.has(name) || named.has(name)) continue;
    if (name === 'sec-websocket-protocol') {
      const kept = String(value)
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p.length > 0 && !p.startsWith(WS_TOKEN_PREFIX));
      if (kept.length > 0) out[name] = kept.join(', ');
      continue;
    }
    out[name] = value;
  }
  if (upgrade && headers.upgrade) {
    out.connection = 'Upgrade';
    out.upgrade = headers.upgrade;
  }
  return out;
}

/** The remote's response headers as Skiff's client gets them: no hop-by-hop fields, no cookies for Skiff's origin. */
export function headersFromRemote(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const named = connectionTokens(headers);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || named.has(name) || name === 'set-cookie') continue;
    out[name] = value;
  }
  return out;
}
