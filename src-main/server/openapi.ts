import { createHash } from 'node:crypto';
import type { KindRegistry } from '../store/kind-strategy';
import type { ResourceType } from '../shared/resource-types';
import { apiErrors } from '../store/api-error';
import type { CustomResourceDefinition } from '../shared/custom-resource-types';
import { customResourceOpenApi } from './custom-resource-openapi';

// A minimal OpenAPI v3 document per group version: the operations with their group-version-kind extension and
// the `fieldValidation` parameter. kubectl reads it to learn that this server validates fields itself (it then
// sends fieldValidation=Strict instead of validating client-side). Schemas are not published yet.

function groupVersionPath(type: ResourceType): string {
  return type.group ? `apis/${type.group}/${type.version}` : `api/${type.version}`;
}

const PARAMETERS = ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map((name) => ({
  name,
  in: 'query',
  schema: { type: 'string', uniqueItems: true },
}));

function operationsFor(type: ResourceType): Record<string, unknown> {
  const gvk = {
    'x-kubernetes-group-version-kind': { group: type.group, version: type.version, kind: type.kind },
  };
  const prefix = `/${groupVersionPath(type)}${type.namespaced ? '/namespaces/{namespace}' : ''}/${type.plural}`;
  const write = { ...gvk, parameters: PARAMETERS, responses: { '200': { description: 'OK' } } };
  return {
    [prefix]: {
      get: { ...gvk, responses: { '200': { description: 'OK' } } },
      post: { ...write, operationId: `create${type.kind}` },
    },
    [`${prefix}/{name}`]: {
      get: { ...gvk, responses: { '200': { description: 'OK' } } },
      put: { ...write, operationId: `replace${type.kind}` },
      patch: { ...write, operationId: `patch${type.kind}` },
      delete: { ...gvk, responses: { '200': { description: 'OK' } } },
    },
  };
}

function documentFor(
  kinds: KindRegistry,
  groupVersion: string,
  crds: CustomResourceDefinition[],
): Record<string, unknown> | undefined {
  const types = kinds.servedTypes().filter((t) => groupVersionPath(t) === groupVersion);
  if (types.length === 0) return undefined;
  const custom = customResourceOpenApi(crds, groupVersion);
  const schemas = Object.keys(custom.schemas).length > 0 ? { ...META_PLACEHOLDERS, ...custom.schemas } : {};
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes (Skiff)', version: 'v1.32.0' },
    paths: Object.assign({}, ...types.map(operationsFor), custom.paths),
    components: { schemas },
  };
}

// Until the generated definitions land, custom resource schemas point at these so their $refs resolve.
const META_PLACEHOLDERS = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': {
    type: 'object',
    'x-kubernetes-preserve-unknown-fields': true,
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta': {
    type: 'object',
    'x-kubernetes-preserve-unknown-fields': true,
  },
};

/** `crds`: the Established CustomResourceDefinitions, whose schemas are published in their group versions. */
export function openApiDocument(
  kinds: KindRegistry,
  path: string,
  crds: CustomResourceDefinition[] = [],
): unknown {
  const groupVersions = [...new Set(kinds.servedTypes().map(groupVersionPath))];
  if (path === '/openapi/v3') {
    const paths = Object.fromEntries(
      groupVersions.map((gv) => [
        gv,
        {
          serverRelativeURL: `/openapi/v3/${gv}?hash=${createHash('sha256')
            .update(JSON.stringify(documentFor(kinds, gv, crds)))
            .digest('hex')
            .slice(0, 16)
            .toUpperCase()}`,
        },
      ]),
    );
    return { paths };
  }
  const doc = path.startsWith('/openapi/v3/')
    ? documentFor(kinds, path.slice('/openapi/v3/'.length), crds)
    : undefined;
  if (!doc)
    throw apiErrors.notFound(
      {
        group: '',
        version: '',
        kind: '',
        plural: 'openapi',
        singular: '',
        namespaced: false,
        hasStatus: false,
      },
      path,
    );
  return doc;
}
