import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../store/api-error';
import { headersFromRemote, headersToRemote } from './forward-headers';
import { openRemoteRequest } from './open-remote-request';
import type { RemoteCluster } from './remote-cluster';
import { connectionError } from './remote-errors';

/**
 * Forwards one HTTP request to a context's API server and streams the answer back as it comes: a watch's
 * events and a followed log's lines reach the client chunk by chunk (no buffering, headers sent at once).
 * Either side going away ends the other. Failures before the remote answered reject with a Status-shaped
 * ApiError for the server to send; after that the client's connection is cut, as a broken stream would be.
 */
export async function proxyHttp(
  req: IncomingMessage,
  res: ServerResponse,
  remote: RemoteCluster,
  rest: string,
  connectTimeoutMs?: number,
): Promise<void> {
  const target = await remote.target();
  const upstream = openRemoteRequest(
    target,
    req.method ?? 'GET',
    rest,
    headersToRemote(req.headers, false),
    connectTimeoutMs,
  );
  await new Promise<void>((resolve, reject) => {
    let answered = false;
    const abandon = () => {
      if (!res.writableFinished) upstream.destroy();
    };
    res.once('close', abandon);
    upstream.once('error', (err) => {
      if (!answered) return reject(err instanceof ApiError ? err : connectionError(remote.info.server, err));
      res.destroy();
      resolve();
    });
    upstream.once('response', (answer) => {
      answered = true;
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, headersFromRemote(answer.headers));
      res.flushHeaders();
      answer.on('data', (chunk: Buffer) => {
        if (!res.write(chunk)) {
          answer.pause();
          res.once('drain', () => answer.resume());
        }
      });
      answer.once('end', () => {
        res.end();
        resolve();
      });
      answer.once('error', () => {
        res.destroy();
        resolve();
      });
      answer.once('close', () => {
        if (!answer.complete) res.destroy();
        resolve();
      });
    });
    req.on('error', () => upstream.destroy());
    req.pipe(upstream);
  });
}
