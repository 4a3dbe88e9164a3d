import type { StatusCause } from '../../shared/api-types';

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const isBase64 = (v: unknown): boolean => typeof v === 'string' && BASE64.test(v);

/**
 * Checks the keys of a ConfigMap's or Secret's data map, and each value with `valueCheck`. Messages name the
 * key and never the value: a Secret's value must not reach an error message.
 */
export function validateConfigKeys(
  map: unknown,
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
