import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError as ApiErrorClass, type ApiError } from '../store/api-error';

export function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** A Status answer on a socket that asked for an upgrade (no HTTP response object there). */
export function refuseUpgrade(socket: Duplex, err: ApiError): void {
  const body = JSON.stringify(err.toStatus());
  socket.end(
    `HTTP/1.1 ${err.code} ${err.reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

const MAX_BODY_BYTES = 64 * 1024;

/** A small JSON request body (the ui.skiff.io endpoints take a few fields). */
export async function readJsonBody(req: import('node:http').IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new ApiErrorClass(
        413,
        'RequestEntityTooLarge',
        `the body is larger than ${MAX_BODY_BYTES} bytes`,
      );
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ApiErrorClass(
      400,
      'BadRequest',
      'the body is not JSON: send {"path": "/absolute/path/to/kubeconfig"}',
    );
  }
}
