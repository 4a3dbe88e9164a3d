import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, apiErrors } from '../store/api-error';
import type { OpenApiDocuments } from './openapi/openapi-documents';
import type { RequestTarget } from './request-target';

// /openapi/v2 and /openapi/v3 as kube-apiserver serves them. client-go asks for v2 only as protobuf (and falls back
// to the 1.9-era /swagger-2.0.0.pb-v1 on a 404, which then fails too), for v3 as JSON. A v3 document asked for
// with a hash that is not the current one is redirected to the current one, as kube-apiserver does, so a
// client's cache keyed by URL never serves a stale document.

const V2_PROTOBUF = [
  'application/com.github.proto-openapi.spec.v2@v1.0+protobuf',
  'application/com.github.proto-openapi.spec.v2.v1.0+protobuf',
];
/** What kube-apiserver answers either with: `@` is not a token character, and Go's mime.ParseMediaType refuses it. */
const V2_PROTOBUF_CONTENT_TYPE = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

export function isOpenApiPath(path: string): boolean {
  return path === '/openapi/v2' || path === '/openapi/v3' || path.startsWith('/openapi/v3/');
}

const notFound = () => new ApiError(404, 'NotFound', 'the server could not find the requested resource');

function accepts(req: IncomingMessage): string[] {
  return (req.headers.accept ?? '')
    .split(',')
    .map((part) => part.split(';')[0]!.trim().toLowerCase())
    .filter(Boolean);
}

function send(
  res: ServerResponse,
  contentType: string,
  body: string | Buffer,
  cache: string,
  etag?: string,
): void {
  res.writeHead(200, {
    'Content-Type': contentType,
    'Cache-Control': cache,
    Vary: 'Accept',
    ...(etag ? { ETag: `"${etag}"` } : {}),
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

export function handleOpenApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: RequestTarget,
  docs: OpenApiDocuments,
): void {
  if (req.method !== 'GET' && req.method !== 'HEAD')
    throw apiErrors.methodNotAllowed(`${req.method} is not supported on ${url.path}`);
  const accept = accepts(req);
  const json =
    accept.length === 0 ||
    accept.some((a) => a === 'application/json' || a === '*/*' || a === 'application/*');
  if (url.path === '/openapi/v2') {
    if (V2_PROTOBUF.some((t) => accept.includes(t)))
      return send(res, V2_PROTOBUF_CONTENT_TYPE, docs.v2Protobuf(), 'no-cache, private');
    if (!json) throw notAcceptable(accept);
    return send(res, 'application/json', docs.v2Json(), 'no-cache, private');
  }
  if (!json) throw notAcceptable(accept);
  if (url.path === '/openapi/v3')
    return send(res, 'application/json', JSON.stringify(docs.v3Index()), 'no-cache, private');
  const groupVersion = url.path.slice('/openapi/v3/'.length);
  const doc = docs.v3GroupVersion(groupVersion);
  if (!doc) throw notFound();
  const hash = url.query.get('hash');
  if (hash !== null && hash !== doc.hash) {
    res.writeHead(301, { Location: `/openapi/v3/${groupVersion}?hash=${doc.hash}`, 'Content-Length': 0 });
    res.end();
    return;
  }
  send(res, 'application/json', doc.json, hash ? 'public, immutable' : 'no-cache, private', doc.hash);
}

function notAcceptable(accept: string[]): ApiError {
  return new ApiError(
    406,
    'NotAcceptable',
    `only the following media types are accepted: application/json${accept.length ? ` (asked for ${accept.join(', ')})` : ''}`,
  );
}
