import type { KubeObject, StatusCause } from '../../shared/api-types';
import type { JSONSchemaProps } from './json-schema';
import { pruneUnknownFields } from './prune-and-default';
import { validateValue } from './validate-against-schema';

// The decoding step for kinds that have no generated field table (custom resources and the CRD kind itself):
// the body is pruned by a structural schema (server/admit-structure.ts checks metadata as ObjectMeta first). Under
// fieldValidation=Strict nothing is removed and the pruned paths come back as unknown fields.

export interface DecodeResult {
  causes: StatusCause[];
  unknownFields: string[];
}

export function decodeWithSchema(
  body: KubeObject,
  schema: JSONSchemaProps,
  strict: boolean,
  options: { typeCheck?: boolean } = {},
): DecodeResult {
  const causes: StatusCause[] = [];
  const unknownFields: string[] = [];
  const target = strict ? structuredClone(body) : body;
  unknownFields.push(...pruneUnknownFields(target, schema));
  if (options.typeCheck)
    causes.push(...validateValue(target, schema).filter((c) => c.type === 'FieldValueTypeInvalid'));
  return { causes, unknownFields };
}
