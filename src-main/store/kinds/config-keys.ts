import type { StatusCause } from '../../shared/api-types';

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const isBase64 = (v: unknown): boolean => typeof v === 'string' && BASE64.test(v);

/** Checks the keys of a ConfigMap's or Secret's data map. Messages name the key, never a value. */
export function validateConfigKeys(map: unknown, field: string): StatusCause[] {
  if (map === undefined) return [];
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    return [{ type: 'FieldValueInvalid', field, message: 'Invalid value: must be a map of keys to values' }];
  }
  const causes: StatusCause[] = [];
  for (const key of Object.keys(map)) {
    if (key.length > 253 || !CONFIG_KEY.test(key) || key === '.' || key === '..') {
      causes.push({
        type: 'FieldValueInvalid',
        field: `${field}[${key}]`,
        message: `Invalid value: "${key}": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name')`,
      });
    }
  }
  return causes;
}
