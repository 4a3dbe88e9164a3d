import type { ResourceType } from '../../shared/resource-types';
import { schemaRef } from './kube-schemas';

// The operations of one kind, shaped as kube-apiserver publishes them in /openapi/v3. kubectl reads two things
// here: the PATCH operation's `fieldValidation` parameter (then it leaves validation to the server) and its
// request content types (strategic-merge-patch+json: `kubectl apply` computes a strategic merge patch from the
// schemas; otherwise a JSON merge patch, as for custom resources).

/** A kind as /openapi publishes it: its REST shape and the names of its schemas in the document. */
export interface PublishedKind {
  type: ResourceType;
  schemaName: string;
  listSchemaName?: string;
  scalable?: boolean;
  /** Built-in kinds take strategic merge patches; custom resources do not. */
  strategicMergePatch: boolean;
}

export const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
export const STATUS_SCHEMA = `${META}.Status`;
export const PATCH_SCHEMA = `${META}.Patch`;
export const DELETE_OPTIONS_SCHEMA = `${META}.DeleteOptions`;
export const SCALE_SCHEMA = 'io.k8s.api.autoscaling.v1.Scale';

const query = (name: string, type = 'string', description?: string) => ({
  name,
  in: 'query',
  ...(description ? { description } : {}),
  schema: { type, uniqueItems: true },
});
const pathParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string', uniqueItems: true },
});

const PRETTY = query('pretty', 'string', "If 'true', then the output is pretty printed.");
const DRY_RUN = query(
  'dryRun',
  'string',
  'When present, indicates that modifications should not be persisted.',
);
const FIELD_MANAGER = query(
  'fieldManager',
  'string',
  'fieldManager is a name associated with the actor or entity that is making these changes.',
);
const FIELD_VALIDATION = query(
  'fieldValidation',
  'string',
  'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: Ignore, Warn (the default), Strict.',
);
const FORCE = query('force', 'boolean', 'Force is going to "force" Apply requests.');
const LIST = [
  'allowWatchBookmarks',
  'continue',
  'fieldSelector',
  'labelSelector',
  'limit',
  'resourceVersion',
  'resourceVersionMatch',
  'sendInitialEvents',
  'timeoutSeconds',
  'watch',
].map((n) =>
  query(
    n,
    ['limit', 'timeoutSeconds'].includes(n)
      ? 'integer'
      : ['allowWatchBookmarks', 'sendInitialEvents', 'watch'].includes(n)
        ? 'boolean'
        : 'string',
  ),
);
const WRITE = [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION];

const json = (schemaName: string) => ({ 'application/json': { schema: schemaRef(schemaName) } });
const ok = (schemaName: string, code = '200') => ({
  [code]: { description: code === '201' ? 'Created' : 'OK', content: json(schemaName) },
  '401': { description: 'Unauthorized' },
});

function patchBody(strategic: boolean) {
  const types = [
    'application/apply-patch+yaml',
    'application/json-patch+json',
    'application/merge-patch+json',
  ];
  if (strategic) types.push('application/strategic-merge-patch+json');
  return {
    required: true,
    content: Object.fromEntries(types.map((t) => [t, { schema: schemaRef(PATCH_SCHEMA) }])),
  };
}

/** `networking.k8s.io` → `NetworkingV1`, `` → `CoreV1`, `cert-manager.io` → `CertManagerIoV1`. */
function operationPrefix(type: ResourceType): string {
  const words = type.group ? type.group.replace(/\.k8s\.io$/, '').split(/[.-]/) : ['core'];
  return [...words, type.version].map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

/** Paths and operations of one kind (its collection, its objects, and their status and scale subresources). */
export function pathsOf(published: PublishedKind): Record<string, unknown> {
  const { type, schemaName } = published;
  const gvk = { group: type.group, version: type.version, kind: type.kind };
  const root = type.group ? `/apis/${type.group}/${type.version}` : `/api/${type.version}`;
  const collection = `${root}${type.namespaced ? '/namespaces/{namespace}' : ''}/${type.plural}`;
  const scope = type.namespaced ? 'Namespaced' : '';
  const prefix = operationPrefix(type);
  const group = prefix.slice(0, -type.version.length);
  const tag = `${group.charAt(0).toLowerCase()}${group.slice(1)}_${type.version}`;
  const id = (verb: string, suffix = '') => `${verb}${prefix}${scope}${type.kind}${suffix}`;
  const op = (action: string, operationId: string, description: string, rest: object, kind = gvk) => ({
    description,
    operationId,
    tags: [tag],
    ...rest,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': kind,
  });
  const common = [
    ...(type.namespaced
      ? [pathParam('namespace', 'object name and auth scope, such as for teams and projects')]
      : []),
    PRETTY,
  ];
  const named = [pathParam('name', `name of the ${type.kind}`), ...common];
  const listSchema = published.listSchemaName ?? schemaName;
  const body = (name: string) => ({ required: true, content: json(name) });

  const paths: Record<string, unknown> = {
    [collection]: {
      parameters: common,
      get: op('list', id('list'), `list or watch objects of kind ${type.kind}`, {
        parameters: LIST,
        responses: ok(listSchema),
      }),
      post: op('post', id('create'), `create a ${type.kind}`, {
        parameters: WRITE,
        requestBody: body(schemaName),
        responses: { ...ok(schemaName), ...ok(schemaName, '201') },
      }),
      delete: op(
        'deletecollection',
        `delete${prefix}Collection${scope}${type.kind}`,
        `delete collection of ${type.kind}`,
        {
          parameters: [DRY_RUN, ...LIST],
          requestBody: { content: json(DELETE_OPTIONS_SCHEMA) },
          responses: ok(STATUS_SCHEMA),
        },
      ),
    },
    [`${collection}/{name}`]: {
      parameters: named,
      get: op('get', id('read'), `read the specified ${type.kind}`, { responses: ok(schemaName) }),
      put: op('put', id('replace'), `replace the specified ${type.kind}`, {
        parameters: WRITE,
        requestBody: body(schemaName),
        responses: ok(schemaName),
      }),
      patch: op('patch', id('patch'), `partially update the specified ${type.kind}`, {
        parameters: [...WRITE, FORCE],
        requestBody: patchBody(published.strategicMergePatch),
        responses: ok(schemaName),
      }),
      delete: op('delete', id('delete'), `delete a ${type.kind}`, {
        parameters: [DRY_RUN, query('gracePeriodSeconds', 'integer'), query('propagationPolicy')],
        requestBody: { content: json(DELETE_OPTIONS_SCHEMA) },
        responses: ok(STATUS_SCHEMA),
      }),
    },
  };
  if (type.namespaced)
    paths[`${root}/${type.plural}`] = {
      get: op(
        'list',
        `list${prefix}${type.kind}ForAllNamespaces`,
        `list or watch objects of kind ${type.kind}`,
        {
          parameters: LIST,
          responses: ok(listSchema),
        },
      ),
    };
  const subresource = (name: string, suffix: string, schema: string, kind: object) => ({
    parameters: named,
    get: op(
      'get',
      id('read', suffix),
      `read ${name} of the specified ${type.kind}`,
      { responses: ok(schema) },
      kind as typeof gvk,
    ),
    put: op(
      'put',
      id('replace', suffix),
      `replace ${name} of the specified ${type.kind}`,
      {
        parameters: WRITE,
        requestBody: body(schema),
        responses: ok(schema),
      },
      kind as typeof gvk,
    ),
    patch: op(
      'patch',
      id('patch', suffix),
      `partially update ${name} of the specified ${type.kind}`,
      {
        parameters: [...WRITE, FORCE],
        requestBody: patchBody(published.strategicMergePatch),
        responses: ok(schema),
      },
      kind as typeof gvk,
    ),
  });
  if (type.hasStatus) paths[`${collection}/{name}/status`] = subresource('status', 'Status', schemaName, gvk);
  if (published.scalable)
    paths[`${collection}/{name}/scale`] = subresource('scale', 'Scale', SCALE_SCHEMA, {
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
    });
  return paths;
}
