import { request as httpRequest, type ClientRequest, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { TLSSocket } from 'node:tls';
import type { RemoteTarget } from './remote-cluster';
import { ConnectTimeout } from './remote-errors';

export const CONNECT_TIMEOUT_MS = 10_000;

/**
 * A request to the remote server for `rest` (path and query exactly as the client sent them, after the
 * server URL's own path). Only connecting is timed: a watch or a log follow may then stay open for hours.
 */
export function openRemoteRequest(
  target: RemoteTarget,
  method: string,
  rest: string,
  headers: OutgoingHttpHeaders,
  connectTimeoutMs = CONNECT_TIMEOUT_MS,
): ClientRequest {
  const { server, options } = target;
  const prefix = server.pathname.replace(/\/+$/, '');
  const send = server.protocol === 'http:' ? httpRequest : httpsRequest;
  const req = send({
    ...options,
    protocol: server.protocol,
    hostname: server.hostname.replace(/^\[|\]$/g, ''),
    port: server.port || (server.protocol === 'http:' ? 80 : 443),
    method,
    path: `${prefix}${rest}`,
    headers: { ...headers, ...options.headers },
  });
  req.on('socket', (socket) => {
    if (req.reusedSocket || isConnected(socket)) return;
    const timer = setTimeout(() => req.destroy(new ConnectTimeout(connectTimeoutMs)), connectTimeoutMs);
    const connected = socket instanceof TLSSocket ? 'secureConnect' : 'connect';
    socket.once(connected, () => clearTimeout(timer));
    socket.once('close', () => clearTimeout(timer));
  });
  return req;
}

/** Agents for proxy-url hand over sockets already through the tunnel (and its TLS). */
function isConnected(socket: import('node:net').Socket): boolean {
  if (socket.connecting) return false;
  return (
    !(socket instanceof TLSSocket) ||
    (socket as TLSSocket & { _secureEstablished?: boolean })._secureEstablished === true
  );
}
