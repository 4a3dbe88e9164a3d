import type { KubeObject, StatusCause } from '../../shared/api-types';
import { deepEqual } from '../../shared/deep-equal';
import { replicaSetType } from '../../shared/resource-types';
import type { ReplicaSet } from '../../shared/workload-types';
import type { KindStrategy } from '../kind-strategy';
import { any, checkSchema, int, kindSchema, obj } from '../schema/schema';
import {
  applyTemplateDefaults,
  labelSelectorSchema,
  validatePodTemplate,
  validateSelector,
} from './validate-pod-template';

const replicaSetSchema = kindSchema({
  spec: obj({ replicas: int(0), minReadySeconds: int(0), selector: labelSelectorSchema, template: any }),
  status: any,
});

export const replicaSetStrategy: KindStrategy = {
  type: replicaSetType,
  nameRule: 'dns1123-subdomain',
  scalable: true,
  prepareForCreate(obj) {
    const rs = obj as ReplicaSet;
    if (!rs.spec || typeof rs.spec !== 'object') return;
    rs.spec.replicas ??= 1;
    rs.spec.minReadySeconds ??= 0;
    applyTemplateDefaults(rs.spec.template);
    rs.status = { replicas: 0 };
  },
  prepareForUpdate(obj) {
    const rs = obj as ReplicaSet;
    if (rs.spec && typeof rs.spec === 'object') applyTemplateDefaults(rs.spec.template);
  },
  validate(obj: KubeObject, old?: KubeObject): StatusCause[] {
    const rs = obj as ReplicaSet;
    const structural = checkSchema(rs, replicaSetSchema, '');
    if (structural.length > 0) return structural;
    if (!rs.spec) return [{ type: 'FieldValueRequired', field: 'spec', message: 'Required value' }];
    const causes = [
      ...validateSelector(rs.spec.selector, 'spec.selector'),
      ...validatePodTemplate(rs.spec.template, rs.spec.selector, 'spec.template'),
    ];
    const before = old as ReplicaSet | undefined;
    if (before && !deepEqual(before.spec.selector, rs.spec.selector)) {
      causes.push({
        type: 'FieldValueInvalid',
        field: 'spec.selector',
        message:
          'Invalid value: field is immutable; delete and recreate the ReplicaSet to change its selector',
      });
    }
    return causes;
  },
};
