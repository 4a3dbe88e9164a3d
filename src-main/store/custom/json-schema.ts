// The OpenAPI v3 subset a CustomResourceDefinition's structural schema may use (apiextensions.k8s.io/v1
// JSONSchemaProps), and the field-path helpers the validator, pruner and defaulter share.

import type { JSONSchemaProps } from '../../shared/json-schema-props';

export type { JSONSchemaProps };

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field path as Kubernetes prints it: `spec.items[0].name`. */
export function childPath(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

/** The schema for a map's values, when additionalProperties holds one. */
export function additionalSchema(schema: JSONSchemaProps): JSONSchemaProps | undefined {
  return isJsonObject(schema.additionalProperties) ? schema.additionalProperties : undefined;
}
