import type { KubeObject, StatusCause } from '../shared/api-types';
import { appendAll } from '../shared/append-all';

// Name and metadata rules as Kubernetes' apimachinery validation states them, with messages that say the fix.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export type NameRule = 'dns1123-label' | 'dns1123-subdomain' | 'dns1035-label' | 'path-segment';

/**
 * apimachinery's path.IsValidPathSegmentName: what a name must not be to stand as one segment of a path (RBAC
 * names such as `system:aggregate-to-edit` need only this).
 */
export function pathSegmentNameProblems(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  return ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
}

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export function validateName(name: string, rule: NameRule, field = 'metadata.name'): StatusCause[] {
  if (rule === 'path-segment')
    return pathSegmentNameProblems(name).map((problem) => ({
      type: 'FieldValueInvalid',
      field,
      message: `Invalid value: "${name}": ${problem}`,
    }));
  if (rule === 'dns1035-label') {
    // Service names become DNS names and environment variable names: they must start with a letter.
    if (name.length > 63 || !DNS1035_LABEL.test(name))
      return [
        {
          type: 'FieldValueInvalid',
          field,
          message: `Invalid value: "${name}": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character, at most 63 characters (e.g. 'my-name', or 'abc-123')`,
        },
      ];
    return [];
  }
  if (rule === 'dns1123-label') {
    if (name.length > 63 || !DNS1123_LABEL.test(name)) {
      return [
        {
          type: 'FieldValueInvalid',
          field,
          message: `Invalid value: "${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character, at most 63 characters (e.g. 'my-name', or '123-abc')`,
        },
      ];
    }
    return [];
  }
  if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) {
    return [
      {
        type: 'FieldValueInvalid',
        field,
        message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character, at most 253 characters (e.g. 'example.com')`,
      },
    ];
  }
  return [];
}

export function validateQualifiedName(key: string, field: string): StatusCause[] {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const causes: StatusCause[] = [];
  if (prefix !== undefined) appendAll(causes, validateName(prefix, 'dns1123-subdomain', field));
  if (name.length === 0 || name.length > 63 || !LABEL_NAME.test(name)) {
    causes.push({
      type: 'FieldValueInvalid',
      field,
      message: `Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character, at most 63 characters, with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    });
  }
  return causes;
}

function isStringMap(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  );
}

export function validateObjectMeta(obj: KubeObject, nameRule: NameRule): StatusCause[] {
  const meta = obj.metadata;
  const causes: StatusCause[] = [];
  if (!meta.name) {
    causes.push({
      type: 'FieldValueRequired',
      field: 'metadata.name',
      message: 'Required value: name or generateName is required',
    });
  } else {
    appendAll(causes, validateName(meta.name, nameRule));
  }
  if (meta.labels !== undefined) {
    if (!isStringMap(meta.labels)) {
      causes.push({
        type: 'FieldValueInvalid',
        field: 'metadata.labels',
        message: 'Invalid value: label values must be strings (quote numbers and booleans in YAML)',
      });
    } else {
      for (const [key, value] of Object.entries(meta.labels)) {
        appendAll(causes, validateQualifiedName(key, 'metadata.labels'));
        if (value.length > 63 || !LABEL_VALUE.test(value)) {
          causes.push({
            type: 'FieldValueInvalid',
            field: 'metadata.labels',
            message: `Invalid value: "${value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character, at most 63 characters`,
          });
        }
      }
    }
  }
  if (meta.annotations !== undefined) {
    if (!isStringMap(meta.annotations)) {
      causes.push({
        type: 'FieldValueInvalid',
        field: 'metadata.annotations',
        message: 'Invalid value: annotation values must be strings (quote numbers and booleans in YAML)',
      });
    } else {
      for (const key of Object.keys(meta.annotations))
        appendAll(causes, validateQualifiedName(key, 'metadata.annotations'));
      const size = Object.entries(meta.annotations).reduce((n, [k, v]) => n + k.length + v.length, 0);
      if (size > 256 * 1024) {
        causes.push({
          type: 'TooLong',
          field: 'metadata.annotations',
          message: 'Too long: must have at most 262144 bytes',
        });
      }
    }
  }
  if (
    meta.finalizers !== undefined &&
    (!Array.isArray(meta.finalizers) || meta.finalizers.some((f) => typeof f !== 'string'))
  ) {
    causes.push({
      type: 'FieldValueInvalid',
      field: 'metadata.finalizers',
      message: 'Invalid value: must be a list of strings',
    });
  }
  return causes;
}
