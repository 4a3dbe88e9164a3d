import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, apiErrors } from '../store/api-error';
import { readDocument, requireObject } from './http-io';

/**
 * Skiff's build API: POST /apis/ui.skiff.io/v1/builds with `{context, dockerfile?, target?, buildArgs?,
 * repository?}` (a folder) or `{namespace, deployment, waitReady?}` (a Deployment's linked folder, rolled out to
 * the image) → one JSON object per line as the build goes (`step`, `output`, `failed`, `image`, `rolled-out`,
 * `ready`), ending with `{"type":"done","ok":…}`. A request that names no buildable thing is a 422 before any line.
 */
export const BUILDS_PATH = '/apis/ui.skiff.io/v1/builds';

export type BuildRunner = (
  request: Record<string, unknown>,
  emit: (event: object) => void,
  signal: AbortSignal,
) => Promise<boolean>;

const STRING_FIELDS = ['context', 'dockerfile', 'target', 'repository', 'namespace', 'deployment'];

function checkedRequest(body: Record<string, unknown>): Record<string, unknown> {
  const invalid = (field: string, message: string) =>
    new ApiError(422, 'Invalid', `${field}: ${message}`, {
      causes: [{ type: 'FieldValueInvalid', field, message }],
    });
  for (const field of STRING_FIELDS)
    if (body[field] !== undefined && typeof body[field] !== 'string')
      throw invalid(field, 'must be a string');
  if (body.waitReady !== undefined && typeof body.waitReady !== 'boolean')
    throw invalid('waitReady', 'must be true or false');
  const args = body.buildArgs;
  if (
    args !== undefined &&
    (!args || typeof args !== 'object' || Object.values(args).some((v) => typeof v !== 'string'))
  )
    throw invalid('buildArgs', 'must map argument names to strings');
  if (body.context === undefined && body.deployment === undefined)
    throw invalid('context', 'give a folder to build ("context") or a linked Deployment ("deployment")');
  return body;
}

export async function handleBuild(
  req: IncomingMessage,
  res: ServerResponse,
  run: BuildRunner,
): Promise<void> {
  if (req.method !== 'POST')
    throw apiErrors.methodNotAllowed(`${req.method} is not supported: POST a build request`);
  const request = checkedRequest(requireObject(await readDocument(req)));
  const abort = new AbortController();
  res.once('close', () => abort.abort());
  const emit = (event: object) => {
    if (!res.headersSent)
      res.writeHead(200, { 'Content-Type': 'application/jsonl', 'Cache-Control': 'no-store' });
    if (!res.writableEnded) res.write(`${JSON.stringify(event)}\n`);
  };
  await run(request, emit, abort.signal).catch((err: unknown) => {
    if (!res.headersSent) throw err; // refused before the build began: a Status answer
    emit({ type: 'done', ok: false, message: err instanceof Error ? err.message : String(err) });
  });
  res.end();
}
