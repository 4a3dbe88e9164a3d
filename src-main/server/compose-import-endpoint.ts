import type { IncomingMessage, ServerResponse } from 'node:http';
import { ComposeError, type ComposeInput } from '../compose/compose-types';
import { convertCompose } from '../compose/convert-compose';
import type { KubeObject } from '../shared/api-types';
import {
  configMapType,
  deploymentType,
  persistentVolumeClaimType,
  secretType,
  serviceType,
  type ResourceType,
} from '../shared/resource-types';
import { ApiError, apiErrors } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import { readDocument, requireObject, sendJson } from './http-io';
import { decodeSegment, requireValidPathSegment } from './request-target';

/**
 * Skiff's Compose import: POST a Compose file (JSON `{compose, files?, environment?, directory?, project?}`, or the
 * Compose YAML itself) → the Kubernetes objects it becomes and a note per mapping. With `?dryRun=All` each object
 * is only admitted (so the preview shows what the API would refuse); without, each is created.
 */
const IMPORT_PATH = /^\/apis\/ui\.skiff\.io\/v1\/namespaces\/([^/]+)\/composeimports$/;

export const isComposeImportPath = (path: string) => IMPORT_PATH.test(path);

const TYPES: Record<string, ResourceType> = {
  Deployment: deploymentType,
  Service: serviceType,
  ConfigMap: configMapType,
  Secret: secretType,
  PersistentVolumeClaim: persistentVolumeClaimType,
};

export interface ImportResult {
  kind: string;
  name: string;
  outcome: 'valid' | 'created' | 'exists' | 'refused';
  message?: string;
}

function inputOf(body: Record<string, unknown>): ComposeInput {
  if (body.services !== undefined) return { compose: JSON.stringify(body) };
  const stringMap = (field: string): Record<string, string> | undefined => {
    const value = body[field];
    if (value === undefined) return undefined;
    if (!value || typeof value !== 'object' || Object.values(value).some((v) => typeof v !== 'string'))
      throw invalid(field, 'must map names to strings');
    return value as Record<string, string>;
  };
  if (typeof body.compose !== 'string')
    throw invalid('compose', "give the Compose file's text as a string (or POST the Compose YAML itself)");
  for (const field of ['project', 'directory'])
    if (body[field] !== undefined && typeof body[field] !== 'string')
      throw invalid(field, 'must be a string');
  if (typeof body.directory === 'string' && !body.directory.startsWith('/'))
    throw invalid('directory', 'must be an absolute path');
  return {
    compose: body.compose,
    files: stringMap('files'),
    environment: stringMap('environment'),
    project: body.project as string | undefined,
    directory: body.directory as string | undefined,
  };
}

const invalid = (field: string, message: string) =>
  new ApiError(422, 'Invalid', `${field}: ${message}`, {
    causes: [{ type: 'FieldValueInvalid', field, message }],
  });

/** The preview never carries a Secret's values back: each is replaced by its length. */
function redacted(object: KubeObject): KubeObject {
  if (object.kind !== 'Secret') return object;
  const data = (object.stringData ?? {}) as Record<string, string>;
  return {
    ...object,
    stringData: Object.fromEntries(
      Object.entries(data).map(([k, v]) => [k, `(${v.length} characters, hidden)`]),
    ),
  };
}

async function admit(
  store: ObjectStore,
  namespace: string,
  object: KubeObject,
  dryRun: boolean,
): Promise<ImportResult> {
  const type = TYPES[object.kind]!;
  const result = { kind: object.kind, name: object.metadata.name! };
  if (store.tryGet(type, namespace, result.name))
    return {
      ...result,
      outcome: 'exists',
      message: `${object.kind} "${result.name}" already exists: left as it is`,
    };
  try {
    await store.create(type, { ...object, metadata: { ...object.metadata, namespace } }, { dryRun });
    return { ...result, outcome: dryRun ? 'valid' : 'created' };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    // Causes name fields, not values, so a Secret's data does not leak through a refusal.
    const causes = err.details?.causes?.map((c) => `${c.field ?? ''}: ${c.message}`).join('; ');
    return { ...result, outcome: 'refused', message: causes || err.message };
  }
}

export async function handleComposeImport(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: URLSearchParams,
  store: ObjectStore,
): Promise<void> {
  if (req.method !== 'POST')
    throw apiErrors.methodNotAllowed(
      `${req.method} is not supported: POST a Compose file (add ?dryRun=All to preview)`,
    );
  const namespace = decodeSegment(IMPORT_PATH.exec(path)![1]!);
  requireValidPathSegment(namespace, 'Namespace');
  const dryRunValue = query.get('dryRun');
  if (dryRunValue !== null && dryRunValue !== '' && dryRunValue !== 'All')
    throw apiErrors.badRequest(
      `dryRun: unsupported value "${dryRunValue}" (the only supported value is "All")`,
    );
  const dryRun = dryRunValue === 'All';
  const input = inputOf(requireObject(await readDocument(req)));
  let conversion;
  try {
    conversion = convertCompose(input);
  } catch (err) {
    if (err instanceof ComposeError) throw invalid(err.field, err.message.slice(err.field.length + 2));
    throw err;
  }
  const results: ImportResult[] = [];
  for (const object of conversion.objects) results.push(await admit(store, namespace, object, dryRun));
  sendJson(res, dryRun ? 200 : 201, {
    apiVersion: 'ui.skiff.io/v1',
    kind: 'ComposeImport',
    project: conversion.project,
    namespace,
    dryRun,
    objects: conversion.objects.map(redacted),
    notes: conversion.notes,
    results,
  });
}
