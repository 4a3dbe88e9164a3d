import type { KubeObject } from '../../shared/api-types';
import type { JSONSchemaProps } from './json-schema';
import { decodeWithSchema, type DecodeResult } from './decode-with-schema';

// The shape of apiextensions.k8s.io/v1 CustomResourceDefinition, for the decoding step (the generated field
// table comes from kubectl's descriptors, which do not include apiextensions). A schema (JSONSchemaProps) is
// kept whole: its own rules are the structural-schema validation's.

const str: JSONSchemaProps = { type: 'string' };
const bool: JSONSchemaProps = { type: 'boolean' };
const strings: JSONSchemaProps = { type: 'array', items: str };
const anySchema: JSONSchemaProps = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

const names: JSONSchemaProps = {
  type: 'object',
  properties: {
    plural: str,
    singular: str,
    kind: str,
    listKind: str,
    shortNames: strings,
    categories: strings,
  },
};

const version: JSONSchemaProps = {
  type: 'object',
  properties: {
    name: str,
    served: bool,
    storage: bool,
    deprecated: bool,
    deprecationWarning: str,
    schema: { type: 'object', properties: { openAPIV3Schema: anySchema } },
    subresources: {
      type: 'object',
      properties: {
        status: anySchema,
        scale: {
          type: 'object',
          properties: { specReplicasPath: str, statusReplicasPath: str, labelSelectorPath: str },
        },
      },
    },
    additionalPrinterColumns: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: str,
          type: str,
          format: str,
          description: str,
          priority: { type: 'integer', format: 'int32' },
          jsonPath: str,
        },
      },
    },
    selectableFields: { type: 'array', items: { type: 'object', properties: { jsonPath: str } } },
  },
};

const condition: JSONSchemaProps = {
  type: 'object',
  properties: { type: str, status: str, lastTransitionTime: str, reason: str, message: str },
};

export const customResourceDefinitionSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        group: str,
        names,
        scope: str,
        versions: { type: 'array', items: version },
        conversion: {
          type: 'object',
          properties: {
            strategy: str,
            webhook: {
              type: 'object',
              properties: {
                clientConfig: anySchema,
                conversionReviewVersions: strings,
              },
            },
          },
        },
        preserveUnknownFields: bool,
      },
    },
    status: {
      type: 'object',
      properties: {
        conditions: { type: 'array', items: condition },
        acceptedNames: names,
        storedVersions: strings,
      },
    },
  },
};

export function decodeCustomResourceDefinition(body: KubeObject, strict: boolean): DecodeResult {
  return decodeWithSchema(body, customResourceDefinitionSchema, strict, { typeCheck: true });
}
