import type { KubeObject, StatusCause } from '../../shared/api-types';
import type {
  CustomResourceDefinition,
  CustomResourceDefinitionVersion,
} from '../../shared/custom-resource-types';
import { apiVersionOf, type ResourceType } from '../../shared/resource-types';
import { ApiError } from '../api-error';
import type { KindStrategy, ServedVersion } from '../kind-strategy';
import { decodeWithSchema } from './decode-with-schema';
import type { JSONSchemaProps } from './json-schema';
import { applyDefaults, pruneDisallowedNulls } from './prune-and-default';
import { validateValue } from './validate-against-schema';

// The kind an Established CustomResourceDefinition serves: stored at its storage version, served at every
// served version with `conversion: None` (only apiVersion changes), each request decoded (pruned) and each
// write defaulted and validated with its version's structural schema, as apiextensions-apiserver's
// customResourceStrategy does.

const EMPTY_SCHEMA: JSONSchemaProps = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

function schemaOf(version: CustomResourceDefinitionVersion | undefined): JSONSchemaProps {
  return version?.schema?.openAPIV3Schema ?? EMPTY_SCHEMA;
}

/** The ResourceType of one version of a CRD's kind. */
export function customResourceType(
  crd: CustomResourceDefinition,
  version: CustomResourceDefinitionVersion,
): ResourceType {
  const names = crd.spec.names;
  return {
    group: crd.spec.group,
    version: version.name,
    kind: names.kind,
    plural: names.plural,
    singular: names.singular ?? names.kind.toLowerCase(),
    namespaced: crd.spec.scope === 'Namespaced',
    ...(names.shortNames?.length ? { shortNames: names.shortNames } : {}),
    ...(names.categories?.length ? { categories: names.categories } : {}),
    hasStatus: version.subresources?.status !== undefined,
    printerColumns: version.additionalPrinterColumns ?? [],
  };
}

function withApiVersion(obj: KubeObject, apiVersion: string): KubeObject {
  return { ...obj, apiVersion };
}

/**
 * One strategy for the CRD's kind: `type` is the storage version; the other served versions convert by
 * rewriting apiVersion. `terminating()` tells whether the CRD is being deleted (creates are refused then).
 */
export function customResourceStrategy(
  crd: CustomResourceDefinition,
  terminating: () => boolean,
): KindStrategy | undefined {
  const versions = crd.spec.versions;
  const storage = versions.find((v) => v.storage);
  if (!storage) return undefined;
  const type = customResourceType(crd, storage);
  const schemaFor = (apiVersion: unknown) =>
    schemaOf(versions.find((v) => `${crd.spec.group}/${v.name}` === apiVersion) ?? storage);
  const storageApiVersion = apiVersionOf(type);
  const otherVersions: ServedVersion[] = versions
    .filter((v) => v.served && v !== storage)
    .map((v) => ({
      version: v.name,
      ...(v.deprecated
        ? {
            deprecationWarning:
              v.deprecationWarning ?? `${crd.spec.group}/${v.name} ${crd.spec.names.kind} is deprecated`,
          }
        : {}),
      toStorage: (obj) => withApiVersion(obj, storageApiVersion),
      fromStorage: (obj) => withApiVersion(obj, `${crd.spec.group}/${v.name}`),
    }));
  const defaults = (obj: KubeObject) => {
    const schema = schemaFor(obj.apiVersion);
    pruneDisallowedNulls(obj, schema);
    applyDefaults(obj, schema);
  };
  const scale = storage.subresources?.scale;
  return {
    type,
    nameRule: 'dns1123-subdomain',
    otherVersions,
    strategicMergePatch: false,
    scalable: scale?.specReplicasPath === '.spec.replicas' && scale.statusReplicasPath === '.status.replicas',
    decodeBody: (body, strict) => decodeWithSchema(body, schemaFor(body.apiVersion), strict),
    prepareForCreate(obj) {
      if (terminating())
        throw new ApiError(
          405,
          'MethodNotAllowed',
          `create not allowed while custom resource definition is terminating`,
        );
      defaults(obj);
    },
    prepareForUpdate(obj) {
      defaults(obj);
    },
    validate(obj: KubeObject): StatusCause[] {
      return validateValue(obj, schemaFor(obj.apiVersion));
    },
  };
}
