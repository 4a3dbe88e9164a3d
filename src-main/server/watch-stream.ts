import type { ServerResponse } from 'node:http';
import type { WebSocket } from 'ws';
import type { WatchEvent } from '../shared/api-types';
import type { Disposable } from '../shared/disposable';
import type { ResourceType } from '../shared/resource-types';
import { ApiError } from '../store/api-error';
import type { ObjectStore, WatchOptions } from '../store/object-store';

/** A client that has fallen this far behind is cut off; it relists and watches again. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

interface WatchSink {
  send(text: string): void;
  buffered(): number;
  close(): void;
}

/**
 * Runs one watch into a sink until the client goes, the timeout passes, or `dispose` is called. A too-old
 * resourceVersion becomes an ERROR event carrying a 410 Status, as Kubernetes' watch cache sends it.
 */
/** How each event is shown to the client (as a one-row Table for `kubectl get -w`); as it is by default. */
export type EventView = (event: WatchEvent) => WatchEvent;

function runWatch(
  store: ObjectStore,
  type: ResourceType,
  options: WatchOptions,
  timeoutSeconds: number | undefined,
  sink: WatchSink,
  view: EventView = (e) => e,
): Disposable {
  let subscription: Disposable | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    subscription?.dispose();
    if (timer) clearTimeout(timer);
    sink.close();
  };
  const send = (event: WatchEvent) => {
    if (closed) return;
    sink.send(JSON.stringify(view(event)));
    if (sink.buffered() > MAX_BUFFERED_BYTES) close();
  };
  try {
    subscription = store.watch(type, options, send);
  } catch (err) {
    if (err instanceof ApiError && err.code === 410) {
      send({ type: 'ERROR', object: err.toStatus() as never });
      close();
      return { dispose: close };
    }
    throw err;
  }
  if (timeoutSeconds !== undefined && timeoutSeconds > 0) timer = setTimeout(close, timeoutSeconds * 1000);
  return { dispose: close };
}

export function watchOverHttp(
  res: ServerResponse,
  store: ObjectStore,
  type: ResourceType,
  options: WatchOptions,
  timeoutSeconds: number | undefined,
  view?: EventView,
): Disposable {
  const pending: string[] = [];
  let started = false;
  const watch = runWatch(
    store,
    type,
    options,
    timeoutSeconds,
    {
      send: (text) => (started ? res.write(`${text}\n`) : pending.push(text)),
      buffered: () => res.writableLength,
      close: () => (started ? res.end() : undefined),
    },
    view,
  );
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    'Transfer-Encoding': 'chunked',
  });
  started = true;
  res.write(pending.map((t) => `${t}\n`).join(''));
  res.flushHeaders();
  if (res.writableEnded === false && pending.some((t) => t.startsWith('{"type":"ERROR"'))) res.end();
  res.on('close', () => watch.dispose());
  return watch;
}

export function watchOverWebSocket(
  socket: WebSocket,
  store: ObjectStore,
  type: ResourceType,
  options: WatchOptions,
  timeoutSeconds: number | undefined,
  view?: EventView,
): Disposable {
  const watch = runWatch(
    store,
    type,
    options,
    timeoutSeconds,
    {
      send: (text) => socket.send(text),
      buffered: () => socket.bufferedAmount,
      close: () => socket.close(1000),
    },
    view,
  );
  socket.on('close', () => watch.dispose());
  return watch;
}
