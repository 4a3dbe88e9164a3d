import type { IncomingMessage, ServerResponse } from 'node:http';
import { load as loadYaml } from 'js-yaml';
import type { Status } from '../shared/api-types';
import { ApiError, apiErrors } from '../store/api-error';
import { decodeKubeProtobuf, KUBE_PROTOBUF } from './protobuf/decode-kube-protobuf';

const MAX_BODY_BYTES = 3 * 1024 * 1024;
/** Deeper than any object of a served kind (with its managedFields) nests; code past the decoder recurses. */
export const MAX_BODY_DEPTH = 100;
/** Values one body may hold; a YAML alias repeated within aliases would otherwise expand past any bound. */
const MAX_BODY_VALUES = 1_000_000;

export function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendError(res: ServerResponse, err: unknown): void {
  const apiError =
    err instanceof ApiError
      ? err
      : new ApiError(
          500,
          'InternalError',
          `Internal error occurred: ${(err as Error)?.message ?? String(err)}`,
        );
  if (apiError.code === 500) console.error('api: internal error:', err);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, apiError.code, apiError.toStatus());
}

export function successStatus(details: Status['details']): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    message: '',
    reason: '',
    code: 200,
    details,
  };
}

export async function readBody(req: IncomingMessage): Promise<string> {
  return (await readBodyBytes(req)).toString('utf8');
}

export async function readBodyBytes(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new ApiError(
        413,
        'RequestEntityTooLarge',
        `the request body is larger than ${MAX_BODY_BYTES} bytes`,
      );
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? 'application/json').split(';')[0]!.trim().toLowerCase();
}

/** Parses a JSON or YAML document body into a plain object, with a 400 that says what is wrong. */
export function parseDocument(text: string, type: string): unknown {
  if (text.trim().length === 0)
    throw apiErrors.badRequest('the request body is empty: send a JSON or YAML object');
  let value: unknown;
  if (
    type === 'application/yaml' ||
    type === 'application/x-yaml' ||
    type === 'text/yaml' ||
    type === 'application/apply-patch+yaml'
  ) {
    try {
      value = loadYaml(text);
    } catch (err) {
      throw apiErrors.badRequest(
        `the request body is not valid YAML: ${(err as Error).message.split('\n')[0]}`,
      );
    }
  } else if (type.endsWith('json')) {
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw apiErrors.badRequest(`the request body is not valid JSON: ${(err as Error).message}`);
    }
  } else {
    throw apiErrors.unsupportedMediaType(type);
  }
  return boundedDocument(value);
}

/**
 * Refuses a document that nests deeper than MAX_BODY_DEPTH or holds more than MAX_BODY_VALUES values (counted
 * as visited, so YAML aliases count every time they are used), without recursing itself.
 */
export function boundedDocument(value: unknown): unknown {
  const stack: Array<[unknown, number]> = [[value, 1]];
  let visited = 0;
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (++visited > MAX_BODY_VALUES)
      throw apiErrors.badRequest(`the request body holds more than ${MAX_BODY_VALUES} values`);
    if (item === null || typeof item !== 'object') continue;
    if (depth > MAX_BODY_DEPTH)
      throw apiErrors.badRequest(`the request body nests deeper than ${MAX_BODY_DEPTH} levels`);
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, depth + 1]);
  }
  return value;
}

/**
 * Reads a request body as a document of the given media type: JSON or YAML text, or the protobuf kubectl sends
 * for `create` and `autoscale`. An empty body gives `whenEmpty`, or a 400 when there is none.
 */
export async function readDocument(
  req: IncomingMessage,
  type = mediaType(req),
  whenEmpty?: unknown,
): Promise<unknown> {
  const body = await readBodyBytes(req);
  if (type === KUBE_PROTOBUF && body.length > 0) return boundedDocument(decodeKubeProtobuf(body));
  const text = body.toString('utf8');
  if (whenEmpty !== undefined && text.trim() === '') return whenEmpty;
  return parseDocument(text, type);
}

export function requireObject(value: unknown, what = 'the request body'): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw apiErrors.badRequest(
      `${what} must be a JSON or YAML object, not ${Array.isArray(value) ? 'a list' : typeof value}`,
    );
  }
  return value as Record<string, unknown>;
}

/** Adds warnings to the response's Warning header (299 warn-codes, as Kubernetes sends them), keeping any already set. */
export function addWarnings(res: ServerResponse | undefined, texts: string[] | undefined): void {
  if (!res || res.headersSent || !texts?.length) return;
  const existing = res.getHeader('Warning');
  const before = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  res.setHeader('Warning', [...before, ...texts.map((t) => `299 - "${warnText(t)}"`)]);
}

/** A warn-text for a quoted-string: quotes and backslashes escaped, anything outside printable ASCII as \\uXXXX. */
function warnText(text: string): string {
  return text
    .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/["\\]/g, (c) => `\\${c}`);
}
