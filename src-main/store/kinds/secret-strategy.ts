import type { KubeObject, StatusCause } from '../../shared/api-types';
import { deepEqual } from '../../shared/deep-equal';
import { secretType } from '../../shared/resource-types';
import type { KindStrategy } from '../kind-strategy';
import { any, bool, checkSchema, kindSchema, str } from '../schema/schema';
import { isBase64, validateConfigKeys } from './config-keys';
import { appendAll } from '../../shared/append-all';

// Validation messages here name fields and keys, never values: a Secret's value must not reach an error.

export interface SecretFields {
  type?: string;
  data?: Record<string, string>;
  stringData?: Record<string, unknown>;
  immutable?: boolean;
}

export const MAX_SECRET_BYTES = 1024 * 1024;

/** Keys each built-in type needs; an array of alternatives means one of them is enough. */
const REQUIRED_KEYS: Record<string, string[][]> = {
  'kubernetes.io/basic-auth': [['username', 'password']],
  'kubernetes.io/tls': [['tls.crt'], ['tls.key']],
  'kubernetes.io/dockerconfigjson': [['.dockerconfigjson']],
  'kubernetes.io/dockercfg': [['.dockercfg']],
  'kubernetes.io/ssh-auth': [['ssh-privatekey']],
};

const secretSchema = kindSchema({
  type: str(),
  data: any,
  stringData: any,
  immutable: bool,
});

/** `stringData` is a write-only convenience: merged into `data` (its keys win) and never stored. */
function foldStringData(obj: KubeObject): void {
  const secret = obj as KubeObject & SecretFields;
  secret.type ||= 'Opaque';
  const strings = secret.stringData;
  if (!strings || typeof strings !== 'object' || Array.isArray(strings)) return;
  if (Object.values(strings).some((v) => typeof v !== 'string')) return; // validate() explains
  secret.data = { ...(secret.data ?? {}) };
  for (const [key, value] of Object.entries(strings))
    secret.data[key] = Buffer.from(value as string, 'utf8').toString('base64');
  delete secret.stringData;
}

function typeRules(secret: SecretFields): StatusCause[] {
  const causes: StatusCause[] = [];
  const data = secret.data ?? {};
  for (const alternatives of REQUIRED_KEYS[secret.type ?? 'Opaque'] ?? []) {
    if (alternatives.some((key) => key in data)) continue;
    causes.push({
      type: 'FieldValueRequired',
      field: `data[${alternatives[0]}]`,
      message: `Required value: a ${secret.type} Secret needs ${alternatives.map((k) => `"${k}"`).join(' or ')} in data or stringData`,
    });
  }
  if (secret.type === 'kubernetes.io/dockerconfigjson' && isBase64(data['.dockerconfigjson'])) {
    try {
      JSON.parse(Buffer.from(data['.dockerconfigjson']!, 'base64').toString('utf8'));
    } catch {
      causes.push({
        type: 'FieldValueInvalid',
        field: 'data[.dockerconfigjson]',
        message:
          'Invalid value: "<secret contents redacted>": must be a JSON docker config ({"auths": {...}})',
      });
    }
  }
  return causes;
}

export const secretStrategy: KindStrategy = {
  type: secretType,
  nameRule: 'dns1123-subdomain',
  prepareForCreate: foldStringData,
  prepareForUpdate: foldStringData,
  validate(obj: KubeObject, old?: KubeObject): StatusCause[] {
    const secret = obj as KubeObject & SecretFields;
    const structural = checkSchema(secret, secretSchema, '');
    if (structural.length > 0) return structural;
    // Values are base64 and strings already: the structural check (server/check-structure.ts) saw to that.
    const causes = [
      ...validateConfigKeys(secret.data, 'data'),
      ...validateConfigKeys(secret.stringData, 'stringData'),
    ];
    if (causes.length > 0) return causes;
    const size = Object.values(secret.data ?? {}).reduce((n, v) => n + Buffer.from(v, 'base64').length, 0);
    if (size > MAX_SECRET_BYTES)
      causes.push({
        type: 'FieldValueTooLong',
        field: 'data',
        message: `Too long: must have at most ${MAX_SECRET_BYTES} bytes (this one has ${size}); keep large files in a volume instead`,
      });
    appendAll(causes, typeRules(secret));
    const before = old as (KubeObject & SecretFields) | undefined;
    if (before && before.type !== secret.type)
      causes.push({
        type: 'FieldValueInvalid',
        field: 'type',
        message: `Invalid value: "${secret.type}": field is immutable; delete and recreate the Secret to change its type`,
      });
    if (before?.immutable) {
      if (!deepEqual(before.data, secret.data))
        causes.push({
          type: 'FieldValueForbidden',
          field: 'data',
          message:
            'Forbidden: field is immutable when `immutable` is set; delete and recreate the Secret to change it',
        });
      if (secret.immutable !== true)
        causes.push({
          type: 'FieldValueForbidden',
          field: 'immutable',
          message: 'Forbidden: field is immutable when `immutable` is set',
        });
    }
    return causes;
  },
};
