import type { IncomingMessage, ServerResponse } from 'node:http';
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
  const pod = store.get(podType, namespace, name) as Pod;
  const limitBytes = optionalInt(query, 'limitBytes', 1);
  const controller = new AbortController();
  res.on('close', () => controller.abort());
  const stream = await streams.logs(
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
  res.writeHead(200, {
    'Content-Type': 'text/plain',
    'Cache-Control': 'no-store',
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders();
  let sent = 0;
  stream.on('data', (chunk: Buffer) => {
    if (limitBytes !== undefined) {
      const room = limitBytes - sent;
      if (room <= 0) return;
      chunk = chunk.subarray(0, room);
    }
    sent += chunk.length;
    res.write(chunk);
    if (limitBytes !== undefined && sent >= limitBytes) {
      controller.abort();
      res.end();
    }
  });
  stream.on('end', () => res.end());
  stream.on('error', () => res.end());
}
