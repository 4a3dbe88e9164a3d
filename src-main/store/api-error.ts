import type { Status, StatusCause } from '../shared/api-types';
import type { ResourceType } from '../shared/resource-types';

/** A typed API failure; the server turns it into a Kubernetes `Status` object with the same code and reason. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Status['details'],
  ) {
    super(message);
  }

  toStatus(): Status {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      code: this.code,
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

/** Causes one Status carries at most: a 3 MiB body of bad list items would otherwise answer with 100 000. */
export const MAX_CAUSES = 100;

/** The first MAX_CAUSES causes, and one more that says how many were left out. */
export function limitCauses(causes: StatusCause[]): StatusCause[] {
  if (causes.length <= MAX_CAUSES) return causes;
  return [
    ...causes.slice(0, MAX_CAUSES),
    { type: 'TooMany', message: `and ${causes.length - MAX_CAUSES} more errors` },
  ];
}

function resourceLabel(type: ResourceType): string {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}

export const apiErrors = {
  notFound: (type: ResourceType, name: string) =>
    new ApiError(404, 'NotFound', `${resourceLabel(type)} "${name}" not found`, {
      name,
      group: type.group,
      kind: type.plural,
    }),
  alreadyExists: (type: ResourceType, name: string) =>
    new ApiError(409, 'AlreadyExists', `${resourceLabel(type)} "${name}" already exists`, {
      name,
      group: type.group,
      kind: type.plural,
    }),
  conflict: (type: ResourceType, name: string, why: string) =>
    new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${resourceLabel(type)} "${name}": ${why}`,
      { name, group: type.group, kind: type.plural },
    ),
  invalid: (type: ResourceType, name: string, all: StatusCause[]) => {
    const causes = limitCauses(all);
    return new ApiError(
      422,
      'Invalid',
      `${type.kind} "${name}" is invalid: ${causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message)).join(', ')}`,
      { name, group: type.group, kind: type.kind, causes },
    );
  },
  badRequest: (message: string) => new ApiError(400, 'BadRequest', message),
  forbidden: (message: string) => new ApiError(403, 'Forbidden', message),
  gone: (message: string) => new ApiError(410, 'Expired', message),
  methodNotAllowed: (message: string) => new ApiError(405, 'MethodNotAllowed', message),
  unsupportedMediaType: (contentType: string) =>
    new ApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/merge-patch+json, application/json-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml (got "${contentType}")`,
    ),
  unauthorized: () => new ApiError(401, 'Unauthorized', 'Unauthorized'),
};

/** For controllers: an object that vanished or changed under a write is picked up by the next sync. */
export function ignoreGoneOrChanged(err: unknown): void {
  if (!(err instanceof ApiError && (err.code === 404 || err.code === 409))) throw err;
}
