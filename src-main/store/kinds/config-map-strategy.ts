import type { KubeObject, StatusCause } from '../../shared/api-types';
import { deepEqual } from '../../shared/deep-equal';
import { configMapType } from '../../shared/resource-types';
import type { KindStrategy } from '../kind-strategy';

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

interface ConfigMapFields {
  data?: Record<string, unknown>;
  binaryData?: Record<string, unknown>;
  immutable?: boolean;
}

function validateKeys(
  map: Record<string, unknown> | undefined,
  field: string,
  valueCheck: (v: unknown) => boolean,
  valueHint: string,
): StatusCause[] {
  if (map === undefined) return [];
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    return [{ type: 'FieldValueInvalid', field, message: 'Invalid value: must be a map of keys to values' }];
  }
  const causes: StatusCause[] = [];
  for (const [key, value] of Object.entries(map)) {
    if (key.length > 253 || !CONFIG_KEY.test(key) || key === '.' || key === '..') {
      causes.push({
        type: 'FieldValueInvalid',
        field: `${field}[${key}]`,
        message: `Invalid value: "${key}": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name')`,
      });
    }
    if (!valueCheck(value))
      causes.push({
        type: 'FieldValueInvalid',
        field: `${field}[${key}]`,
        message: `Invalid value: ${valueHint}`,
      });
  }
  return causes;
}

export const configMapStrategy: KindStrategy = {
  type: configMapType,
  nameRule: 'dns1123-subdomain',
  validate(obj: KubeObject, old?: KubeObject): StatusCause[] {
    const cm = obj as KubeObject & ConfigMapFields;
    const causes = [
      ...validateKeys(
        cm.data,
        'data',
        (v) => typeof v === 'string',
        'must be a string (quote numbers and booleans in YAML)',
      ),
      ...validateKeys(
        cm.binaryData,
        'binaryData',
        (v) => typeof v === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(v),
        'must be base64-encoded',
      ),
    ];
    for (const key of Object.keys(cm.data ?? {})) {
      if (cm.binaryData && key in cm.binaryData)
        causes.push({
          type: 'FieldValueDuplicate',
          field: `data[${key}]`,
          message: 'Duplicate value: the key is also in binaryData; keep it in one of the two',
        });
    }
    const before = old as (KubeObject & ConfigMapFields) | undefined;
    if (before?.immutable) {
      if (!deepEqual(before.data, cm.data) || !deepEqual(before.binaryData, cm.binaryData)) {
        causes.push({
          type: 'FieldValueForbidden',
          field: 'data',
          message:
            'Forbidden: field is immutable when `immutable` is set; delete and recreate the ConfigMap to change it',
        });
      }
      if (cm.immutable !== true)
        causes.push({
          type: 'FieldValueForbidden',
          field: 'immutable',
          message: 'Forbidden: field is immutable when `immutable` is set',
        });
    }
    return causes;
  },
};
