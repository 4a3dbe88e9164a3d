import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Disposable } from '../shared/disposable';
import type { Pod } from '../shared/pod-types';
import { SpdySession, type SpdyStream } from './spdy-session';

/** What `kubectl port-forward` offers: SPDY tunnelled in a WebSocket (1.31+), or plain SPDY after an upgrade. */
export const PORT_FORWARD_WS_PROTOCOL = 'SPDY/3.1+portforward.k8s.io';
export const PORT_FORWARD_PROTOCOL = 'portforward.k8s.io';

/**
 * Kubernetes' port-forward protocol over one SPDY session: per forwarded connection the client opens an
 * `error` stream and a `data` stream that carry `port` and the same `requestid`; the data stream is joined to a
 * TCP connection to that port of the pod, and a failure is written on the error stream.
 */
export function servePortForward(
  transport: Duplex,
  pod: Pod,
  dial: (ip: string, port: number) => Promise<Socket>,
): Disposable {
  const sockets = new Set<Socket>();
  const errorStreams = new Map<string, SpdyStream>();
  const name = `${pod.metadata.namespace}/${pod.metadata.name}`;
  const session = new SpdySession(
    transport,
    (stream) => {
      const requestId = stream.headers.requestid ?? '';
      const port = Number(stream.headers.port);
      if (stream.headers.streamtype === 'error') {
        errorStreams.set(requestId, stream);
        return;
      }
      if (stream.headers.streamtype !== 'data') return stream.end();
      const fail = (message: string) => {
        const errors = errorStreams.get(requestId);
        errors?.write(
          Buffer.from(`error forwarding port ${port} to pod ${name}, uid ${pod.metadata.uid}: ${message}`),
        );
        errors?.end();
        stream.end();
      };
      const ip = pod.status?.podIP;
      if (!ip) return fail('the pod has no IP address yet (is it running?)');
      if (!(port > 0 && port < 65536)) return fail(`"${stream.headers.port}" is not a port`);
      // Data the client sends before the pod's port is reached waits here.
      const early: Buffer[] = [];
      let clientDone = false;
      stream.onData = (data) => early.push(data);
      stream.onEnd = () => (clientDone = true);
      dial(ip, port).then(
        (socket) => {
          sockets.add(socket);
          socket.on('data', (data: Buffer) => stream.write(data));
          socket.on('end', () => stream.end());
          socket.on('error', (err) => fail(err.message));
          socket.on('close', () => {
            sockets.delete(socket);
            errorStreams.get(requestId)?.end();
            errorStreams.delete(requestId);
          });
          for (const data of early.splice(0)) socket.write(data);
          if (clientDone) socket.end();
          stream.onData = (data) => socket.write(data);
          stream.onEnd = () => socket.end();
          socket.resume();
        },
        (err: Error) => fail(err.message),
      );
    },
    () => {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
  );
  return { dispose: () => session.close() };
}
