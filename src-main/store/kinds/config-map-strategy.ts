import type { KubeObject, StatusCause } from '../../shared/api-types';
import { deepEqual } from '../../shared/deep-equal';
import { configMapType } from '../../shared/resource-types';
import type { KindStrategy } from '../kind-strategy';
import { validateConfigKeys } from './config-keys';

interface ConfigMapFields {
  data?: Record<string, unknown>;
  binaryData?: Record<string, unknown>;
  immutable?: boolean;
}

const MAX_CONFIG_BYTES = 1024 * 1024;

export const configMapStrategy: KindStrategy = {
  type: configMapType,
  nameRule: 'dns1123-subdomain',
  validate(obj: KubeObject, old?: KubeObject): StatusCause[] {
    const cm = obj as KubeObject & ConfigMapFields;
    // Values are strings and base64 already: the structural check (server/check-structure.ts) saw to that.
    const causes = [
      ...validateConfigKeys(cm.data, 'data'),
      ...validateConfigKeys(cm.binaryData, 'binaryData'),
    ];
    const size =
      Object.values(cm.data ?? {}).reduce((n: number, v) => n + Buffer.byteLength(String(v)), 0) +
      Object.values(cm.binaryData ?? {}).reduce(
        (n: number, v) => n + Buffer.from(String(v), 'base64').length,
        0,
      );
    if (size > MAX_CONFIG_BYTES)
      causes.push({
        type: 'FieldValueTooLong',
        field: 'data',
        message: `Too long: must have at most ${MAX_CONFIG_BYTES} bytes (this one has ${size}); keep large files in a volume instead`,
      });
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
