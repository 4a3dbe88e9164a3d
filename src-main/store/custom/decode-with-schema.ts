import type { KubeObject, StatusCause } from '../../shared/api-types';
import { checkStructure } from '../../server/check-structure';
import type { JSONSchemaProps } from './json-schema';
import { pruneUnknownFields } from './prune-and-default';
import { validateValue } from './validate-against-schema';

// The decoding step for kinds that have no generated field table (custom resources and the CRD kind itself):
// metadata is ObjectMeta (the generated table's check), the rest is pruned by a structural schema. Under
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
  if (typeof body.metadata === 'object' && body.metadata !== null && !Array.isArray(body.metadata)) {
    const meta = checkStructure(body.metadata, 'meta.v1.ObjectMeta', { strict, typeMeta: false });
    causes.push(...meta.causes.map((c) => ({ ...c, field: c.field ? `metadata.${c.field}` : 'metadata' })));
    unknownFields.push(...meta.unknownFields.map((f) => `metadata.${f}`));
  }
  const target = strict ? structuredClone(body) : body;
  unknownFields.push(...pruneUnknownFields(target, schema));
  if (options.typeCheck)
    causes.push(...validateValue(target, schema).filter((c) => c.type === 'FieldValueTypeInvalid'));
  return { causes, unknownFields };
}
