import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { WebSocket } from 'ws';
import type { Disposable } from '../shared/disposable';
import type { Pod } from '../shared/pod-types';
import { podType } from '../shared/resource-types';
import { apiErrors } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import type { PodStreams } from '../kubelet/pod-streams';

function optionalInt(query: URLSearchParams, name: string, min: number): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw apiErrors.badRequest(`${name}: must be a whole number of at least ${min}, got "${raw}"`);
  return value;
}

const flag = (query: URLSearchParams, name: string) => query.get(name) === 'true' || query.get(name) === '1';

/** WebSocket log streams speak Kubernetes' binary protocol: each message is a chunk of the output. */
export const LOG_WS_PROTOCOL = 'binary.k8s.io';

interface LogChunks {
  /** Calls `write` per chunk (cut at limitBytes) and `end` once, when the output ends or is cut. */
  pipe(write: (chunk: Buffer) => void, end: () => void): void;
  abort(): void;
}

/** The container's output as the request's query asks for it (container, follow, previous, tailLines…). */
async function podLogChunks(
  store: ObjectStore,
  streams: PodStreams,
  namespace: string,
  name: string,
  query: URLSearchParams,
): Promise<LogChunks> {
  const pod = store.get(podType, namespace, name) as Pod;
  const limitBytes = optionalInt(query, 'limitBytes', 1);
  const controller = new AbortController();
  const stream: Readable = await streams.logs(
    pod,
    {
      container: query.get('container') ?? undefined,
      follow: flag(query, 'follow'),
      previous: flag(query, 'previous'),
      tailLines: optionalInt(query, 'tailLines', 0),
      sinceSeconds: optionalInt(query, 'sinceSeconds', 1),
      timestamps: flag(query, 'timestamps'),
    },
    controller.signal,
  );
  return {
    abort: () => controller.abort(),
    pipe(write, end) {
      let sent = 0;
      let ended = false;
      const finish = () => {
        if (ended) return;
        ended = true;
        end();
      };
      stream.on('data', (chunk: Buffer) => {
        if (limitBytes !== undefined) {
          const room = limitBytes - sent;
          if (room <= 0) return;
          chunk = chunk.subarray(0, room);
        }
        sent += chunk.length;
        write(chunk);
        if (limitBytes !== undefined && sent >= limitBytes) {
          controller.abort();
          finish();
        }
      });
      stream.on('end', finish);
      stream.on('error', finish);
    },
  };
}

/** GET …/pods/{name}/log: the container's output as plain text, streamed while `follow` is set. */
export async function handlePodLog(
  req: IncomingMessage,
  res: ServerResponse,
  store: ObjectStore,
  streams: PodStreams,
  namespace: string,
  name: string,
  query: URLSearchParams,
): Promise<void> {
  if (req.method !== 'GET') throw apiErrors.methodNotAllowed('pod logs are read with GET');
  const chunks = await podLogChunks(store, streams, namespace, name, query);
  res.on('close', () => chunks.abort());
  res.writeHead(200, {
    'Content-Type': 'text/plain',
    'Cache-Control': 'no-store',
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders();
  chunks.pipe(
    (chunk) => res.write(chunk),
    () => res.end(),
  );
}

/**
 * The same stream over a WebSocket (what the UI uses: a browser keeps six HTTP connections per server, and a
 * followed log would hold one for as long as it is open). Closing the socket ends the engine's log stream.
 */
export async function streamPodLogOverWebSocket(
  socket: WebSocket,
  store: ObjectStore,
  streams: PodStreams,
  namespace: string,
  name: string,
  query: URLSearchParams,
): Promise<Disposable> {
  const chunks = await podLogChunks(store, streams, namespace, name, query);
  const stream: Disposable = {
    dispose: () => {
      chunks.abort();
      if (socket.readyState === socket.OPEN) socket.close(1000);
    },
  };
  // looked up when the socket closes, so whoever tracks the stream sees it end
  socket.on('close', () => stream.dispose());
  // The engine hands over one frame per line: a burst of lines leaves as one message per turn of the event loop
  // rather than one each, which a browser would otherwise spend most of its time receiving.
  let pending: Buffer[] = [];
  let flushing: NodeJS.Immediate | undefined;
  const flush = () => {
    flushing = undefined;
    if (pending.length && socket.readyState === socket.OPEN)
      socket.send(Buffer.concat(pending), { binary: true });
    pending = [];
  };
  chunks.pipe(
    (chunk) => {
      pending.push(chunk);
      flushing ??= setImmediate(flush);
    },
    () => {
      if (flushing) clearImmediate(flushing);
      flush();
      socket.close(1000);
    },
  );
  return stream;
}
