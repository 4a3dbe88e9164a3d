import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createKindRegistry } from '../store/all-kinds';
import { ApiError } from '../store/api-error';
import { handleOpenApi } from './openapi';
import { OpenApiDocuments } from './openapi/openapi-documents';
import { parseRequestTarget } from './request-target';

const docs = new OpenApiDocuments(createKindRegistry());

function request(url: string, accept?: string, method = 'GET') {
  const req = { method, headers: accept ? { accept } : {} } as IncomingMessage;
  const answer: { code?: number; headers: Record<string, unknown>; body?: Buffer } = { headers: {} };
  const res = {
    writeHead(code: number, headers: Record<string, unknown>) {
      answer.code = code;
      answer.headers = headers;
      return res;
    },
    end(body?: string | Buffer) {
      answer.body = body === undefined ? undefined : Buffer.from(body);
    },
  } as unknown as ServerResponse;
  try {
    handleOpenApi(req, res, parseRequestTarget(url), docs);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return { code: err.code, headers: {}, body: Buffer.from(err.message) };
  }
  return answer;
}

describe('handleOpenApi', () => {
  it("answers client-go's protobuf Accept for /openapi/v2 with the content type Go can parse", () => {
    const answer = request('/openapi/v2', 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf');
    expect(answer.code).toBe(200);
    expect(answer.headers['Content-Type']).toBe('application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
    expect(answer.body!.subarray(0, 5)).toEqual(Buffer.from([0x0a, 0x03, 0x32, 0x2e, 0x30])); // swagger: "2.0"
  });

  it('answers JSON by default, and 406 for a type it cannot give', () => {
    expect(request('/openapi/v2').headers['Content-Type']).toBe('application/json');
    expect(request('/openapi/v3', 'application/json;g=apidiscovery.k8s.io').code).toBe(200);
    expect(
      request('/openapi/v3/apis/apps/v1', 'application/com.github.proto-openapi.spec.v3@v1.0+protobuf').code,
    ).toBe(406);
  });

  it('serves a group version at its current hash as immutable, and redirects another hash to it', () => {
    const { hash } = docs.v3GroupVersion('apis/apps/v1')!;
    const current = request(`/openapi/v3/apis/apps/v1?hash=${hash}`);
    expect(current.code).toBe(200);
    expect(current.headers['Cache-Control']).toBe('public, immutable');
    const stale = request('/openapi/v3/apis/apps/v1?hash=ABC');
    expect(stale.code).toBe(301);
    expect(stale.headers.Location).toBe(`/openapi/v3/apis/apps/v1?hash=${hash}`);
  });

  it("answers kube-apiserver's 404 for a group version it does not serve, and 405 for a write", () => {
    const missing = request('/openapi/v3/apis/example.com/v1');
    expect(missing.code).toBe(404);
    expect(missing.body!.toString()).toBe('the server could not find the requested resource');
    expect(request('/openapi/v3', undefined, 'POST').code).toBe(405);
  });
});
