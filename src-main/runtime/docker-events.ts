import type { Readable } from 'node:stream';
import type { Disposable } from '../shared/disposable';
import type { DockerConnection } from './docker-connection';
import type { RuntimeEvent } from './runtime-types';

// The engine's event stream for Skiff's containers, reconnected with backoff when it breaks.

interface EngineEvent {
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

/**
 * Follows the engine's event stream for Skiff's containers. Calls `onState(false)` when the stream breaks
 * (the engine went away) and keeps reconnecting with backoff; `onState(true)` once connected again.
 */
export function watchEngineEvents(
  connection: DockerConnection,
  onEvent: (event: RuntimeEvent) => void,
  onState: (connected: boolean) => void,
  actions?: string[],
): Disposable {
  let disposed = false;
  let current: Readable | undefined;
  let timer: NodeJS.Timeout | undefined;
  let delay = 250;
  const connect = async () => {
    if (disposed) return;
    try {
      const docker = await connection.docker();
      // docker-modem answers with the HTTP response itself, a Readable
      const stream = (await docker.getEvents({
        filters: {
          type: ['container'],
          label: connection.labelFilter({}),
          ...(actions ? { event: actions } : {}),
        },
      })) as Readable;
      if (disposed) {
        stream.destroy();
        return;
      }
      current = stream;
      delay = 250;
      onState(true);
      let buffer = '';
      stream.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl).trim();
          buffer = buffer.slice(nl + 1);
          if (!line) continue;
          try {
            const e = JSON.parse(line) as EngineEvent;
            onEvent({
              containerId: e.Actor?.ID ?? e.id ?? '',
              action: (e.Action ?? e.status ?? '').split(':')[0]!,
              labels: e.Actor?.Attributes ?? {},
            });
          } catch {
            // a malformed line from the engine: skip it, the periodic relist repairs anything missed
          }
        }
      });
      const broken = () => {
        if (current !== stream) return;
        current = undefined;
        if (!disposed) {
          onState(false);
          retry();
        }
      };
      stream.on('end', broken);
      stream.on('error', broken);
      stream.on('close', broken);
    } catch {
      onState(false);
      retry();
    }
  };
  const retry = () => {
    if (disposed) return;
    timer = setTimeout(() => void connect(), delay);
    delay = Math.min(delay * 2, 5000);
  };
  void connect();
  return {
    dispose: () => {
      disposed = true;
      if (timer) clearTimeout(timer);
      current?.destroy();
      current = undefined;
    },
  };
}
