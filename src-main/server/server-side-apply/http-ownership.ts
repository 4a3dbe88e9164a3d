// Field ownership for the API's writes: server-side apply requests, and the Update ownership every other
// create, update and patch records. Controllers write to the store directly and record nothing.
import type { IncomingMessage } from 'node:http';
import type { KubeObject } from '../../shared/api-types';
import type { ResourceType } from '../../shared/resource-types';
import { ApiError, apiErrors } from '../../store/api-error';
import { rfc3339, type ObjectStore } from '../../store/object-store';
import { applyConfiguration, conflictMessage } from './apply';
import { pathString } from './field-path';
import type { OwnershipScope } from './field-set';
import { describeManager, fieldManagerOf } from './managed-fields';
import { recordUpdate } from './update-ownership';

export const APPLY_PATCH_TYPE = 'application/apply-patch+yaml';

export interface OwnershipRequest {
  type: ResourceType;
  /** The apiVersion the client speaks. */
  apiVersion: string;
  query: URLSearchParams;
  subresource?: string;
}

function scopeOf(type: ResourceType, subresource: string | undefined): OwnershipScope {
  if (subresource === 'status') return 'status';
  return type.hasStatus ? 'without-status' : 'all';
}

/** `next` with the Update ownership of this request recorded in its managedFields. */
export function withUpdateOwnership(
  req: IncomingMessage,
  request: OwnershipRequest,
  live: KubeObject | undefined,
  next: KubeObject,
): KubeObject {
  return recordUpdate({
    live,
    next,
    manager: fieldManagerOf(request.query, req.headers['user-agent']),
    apiVersion: request.apiVersion,
    subresource: request.subresource,
    scope: scopeOf(request.type, request.subresource),
    now: rfc3339(new Date()),
  }) as KubeObject;
}

function isTrue(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  if (value === null || value === '' || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw apiErrors.badRequest(`${name}: must be true or false, got "${value}"`);
}

/**
 * Applies `config` (already checked against the URL and in the stored version): creates the object when it is
 * missing, else merges it in. A refused apply changes nothing and is a 409 naming each field and its owner.
 */
export async function serverSideApply(
  req: IncomingMessage,
  request: OwnershipRequest,
  store: ObjectStore,
  config: KubeObject,
  dryRun: boolean,
): Promise<{ object: KubeObject; created: boolean }> {
  const { type, query } = request;
  if (request.subresource !== undefined)
    throw apiErrors.badRequest(
      `server-side apply to the ${request.subresource} subresource is not supported: apply to ${type.plural}/${config.metadata.name} itself`,
    );
  if (!query.get('fieldManager'))
    throw apiErrors.badRequest(
      'fieldManager: required for server-side apply: add ?fieldManager=<name> to the URL (kubectl sends --field-manager, "kubectl" by default)',
    );
  if ((config.metadata as Record<string, unknown>).managedFields !== undefined)
    throw apiErrors.badRequest(
      'metadata.managedFields: must not be set in an applied configuration: remove it (the server records ownership itself)',
    );
  const manager = fieldManagerOf(query, req.headers['user-agent']);
  const live = store.tryGet(type, config.metadata.namespace, config.metadata.name ?? '');
  const result = applyConfiguration({
    live,
    config,
    manager,
    apiVersion: request.apiVersion,
    force: isTrue(query, 'force'),
    now: rfc3339(new Date()),
    scope: scopeOf(type, undefined),
  });
  if (result.conflicts) {
    throw new ApiError(409, 'Conflict', conflictMessage(result.conflicts), {
      causes: result.conflicts.map((c) => ({
        type: 'FieldManagerConflict',
        message: `conflict with ${describeManager(c.manager)}`,
        field: pathString(c.path),
      })),
    });
  }
  const object = result.object as KubeObject;
  if (!live) return { object: await store.create(type, object, { dryRun }), created: true };
  return { object: await store.update(type, object, { dryRun }), created: false };
}
