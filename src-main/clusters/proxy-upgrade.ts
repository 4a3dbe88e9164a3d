import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError } from '../store/api-error';
import { headersToRemote } from './forward-headers';
import { openRemoteRequest } from './open-remote-request';
import type { RemoteCluster } from './remote-cluster';
import { connectionError } from './remote-errors';
import { refuseUpgrade } from './send';

function rawHead(statusLine: string, rawHeaders: string[]): string {
  let head = `${statusLine}\r\n`;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) head += `${rawHeaders[i]}: ${rawHeaders[i + 1]}\r\n`;
  return `${head}\r\n`;
}

/**
 * A WebSocket (or SPDY) upgrade — exec, attach, port-forward, a WebSocket watch or log — forwarded as bytes:
 * the remote answers the handshake itself, so the subprotocol it picks (v5.channel.k8s.io, v4…, SPDY/3.1 with
 * its stream protocol) is what the client gets, and after 101 the two sockets are joined until either closes.
 * A refusal (401, 403, 404) comes back as the remote's own response.
 */
export function proxyUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  remote: RemoteCluster,
  rest: string,
  track: (dispose: () => void, socket: Duplex) => void,
  connectTimeoutMs?: number,
): void {
  socket.on('error', () => socket.destroy());
  remote.target().then(
    (target) => {
      if (socket.destroyed) return;
      const upstream = openRemoteRequest(
        target,
        req.method ?? 'GET',
        rest,
        headersToRemote(req.headers, true),
        connectTimeoutMs,
      );
      const closeUpstream = () => upstream.destroy();
      socket.once('close', closeUpstream);
      upstream.once('error', (err) => {
        if (socket.destroyed || socket.writableEnded) return;
        refuseUpgrade(socket, err instanceof ApiError ? err : connectionError(remote.info.server, err));
      });
      upstream.once('response', (answer) => {
        socket.write(
          rawHead(`HTTP/1.1 ${answer.statusCode} ${answer.statusMessage ?? ''}`, answer.rawHeaders),
        );
        answer.pipe(socket);
      });
      upstream.once('upgrade', (answer, remoteSocket, remoteHead) => {
        socket.off('close', closeUpstream);
        remoteSocket.on('error', () => remoteSocket.destroy());
        socket.write(
          rawHead(`HTTP/1.1 101 ${answer.statusMessage ?? 'Switching Protocols'}`, answer.rawHeaders),
        );
        if (remoteHead.length > 0) socket.write(remoteHead);
        if (head.length > 0) remoteSocket.write(head);
        remoteSocket.pipe(socket);
        socket.pipe(remoteSocket);
        const end = () => {
          remoteSocket.destroy();
          socket.destroy();
        };
        remoteSocket.once('close', end);
        socket.once('close', end);
        track(end, socket);
      });
      upstream.end();
    },
    (err: unknown) => {
      if (!socket.destroyed)
        refuseUpgrade(socket, err instanceof ApiError ? err : connectionError(remote.info.server, err));
    },
  );
}
