import type { ServerResponse } from 'node:http';
import { ApiError, apiErrors, limitCauses, MAX_CAUSES } from '../store/api-error';
import { checkStructure, kindMessage } from './check-structure';
import { addWarnings } from './http-io';
import type { KubeObject, StatusCause } from '../shared/api-types';
import type { KindStrategy } from '../store/kind-strategy';

// The first step of every write: the body (after any patch is applied) is decoded into its kind's shape, as
// Kubernetes' decoder does before defaulting, admission and validation. A body that does not decode is a 400
// BadRequest (Kubernetes' words: "<Kind> in version "<v>" cannot be handled as a <Kind>: ..."); its causes keep
// their field paths, so the UI shows each at its line. Unknown fields follow `fieldValidation`.

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** The request's fieldValidation (Kubernetes' default is Warn: unknown fields are dropped with a warning). */
export function fieldValidation(query: URLSearchParams): FieldValidation {
  const value = query.get('fieldValidation');
  if (value === null || value === '') return 'Warn';
  if (value === 'Strict' || value === 'Warn' || value === 'Ignore') return value;
  throw apiErrors.badRequest(
    `fieldValidation: invalid value "${value}": must be one of "Ignore", "Warn" or "Strict"`,
  );
}

export interface StructureRequest {
  apiVersion: string;
  kind: string;
  query: URLSearchParams;
  /** Receives the Warning header for unknown fields under fieldValidation=Warn. */
  res?: ServerResponse;
  /** The kind's own decoding, for kinds without a generated field table (custom resources, CRDs). */
  decode?: KindStrategy['decodeBody'];
}

/**
 * Checks a decoded body of `kind` and makes it what Go would have decoded (nulls and, unless Strict, unknown
 * fields removed, in place); throws a 400 Status with every cause.
 */
export function admitStructure(body: Record<string, unknown>, request: StructureRequest): void {
  const { apiVersion, kind } = request;
  const validation = fieldValidation(request.query);
  const { causes, unknownFields } = decodeBody(body, request, validation === 'Strict');
  const strict = validation === 'Strict' ? unknownFields : [];
  if (causes.length === 0 && strict.length === 0) {
    if (validation === 'Warn' && unknownFields.length > 0) warn(request.res, unknownFields);
    return;
  }
  const all = limitCauses([
    ...causes,
    ...strict.map((field) => ({
      type: 'FieldValueNotSupported',
      field,
      message: `strict decoding error: unknown field "${field}"`,
    })),
  ]);
  const parts = all.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
  const unknown = all.filter((c) => c.type === 'FieldValueNotSupported');
  if (unknown.length > 0)
    parts.splice(
      parts.length - unknown.length - (all.length > MAX_CAUSES ? 1 : 0),
      unknown.length,
      `strict decoding error: ${unknown.map((c) => `unknown field "${c.field}"`).join(', ')}`,
    );
  const version = apiVersion.split('/').pop();
  const metadata = body.metadata as { name?: unknown } | undefined;
  throw new ApiError(
    400,
    'BadRequest',
    `${kind} in version "${version}" cannot be handled as a ${kind}: ${parts.join(', ')}`,
    {
      ...(typeof metadata?.name === 'string' ? { name: metadata.name } : {}),
      group: apiVersion.includes('/') ? apiVersion.split('/')[0] : '',
      kind,
      causes: all,
    },
  );
}

function decodeBody(
  body: Record<string, unknown>,
  request: StructureRequest,
  strict: boolean,
): { causes: StatusCause[]; unknownFields: string[] } {
  if (request.decode) {
    // A kind decoded by its own schema (custom resources, the CRD kind) still has Kubernetes' ObjectMeta.
    const meta = decodeMetadata(body.metadata, strict);
    const rest = request.decode(body as KubeObject, strict);
    return {
      causes: [...meta.causes, ...rest.causes],
      unknownFields: [...meta.unknownFields, ...rest.unknownFields],
    };
  }
  const message = kindMessage(request.apiVersion, request.kind);
  if (!message)
    throw new Error(
      `no generated schema for ${request.apiVersion}/${request.kind}: add its group to the generator`,
    );
  return checkStructure(body, message, { strict });
}

function decodeMetadata(
  metadata: unknown,
  strict: boolean,
): { causes: StatusCause[]; unknownFields: string[] } {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))
    return { causes: [], unknownFields: [] };
  const meta = checkStructure(metadata, 'meta.v1.ObjectMeta', { strict, typeMeta: false });
  return {
    causes: meta.causes.map((c) => ({ ...c, field: c.field ? `metadata.${c.field}` : 'metadata' })),
    unknownFields: meta.unknownFields.map((f) => `metadata.${f}`),
  };
}

function warn(res: ServerResponse | undefined, fields: string[]): void {
  // One warning per field, as Kubernetes sends them (kubectl prints each as "Warning: unknown field ...").
  addWarnings(
    res,
    fields.slice(0, 20).map((f) => `unknown field ${JSON.stringify(f.slice(0, 256))}`),
  );
}
