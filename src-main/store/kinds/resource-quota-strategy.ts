import type { KubeObject, StatusCause } from '../../shared/api-types';
import { resourceQuotaType } from '../../shared/policy-resource-types';
import type { ResourceQuota } from '../../shared/policy-types';
import type { KindStrategy } from '../kind-strategy';
import { validateQuantities } from './policy-fields';

// v1 ResourceQuota, validated as ValidateResourceQuota. Enforced at admission (store/admission/quota-admission.ts);
// status.hard and status.used are kept by controllers/resource-quota-controller.ts.

const SCOPES = [
  'BestEffort',
  'CrossNamespacePodAffinity',
  'NotBestEffort',
  'NotTerminating',
  'PriorityClass',
  'Terminating',
];

export const resourceQuotaStrategy: KindStrategy = {
  type: resourceQuotaType,
  nameRule: 'dns1123-subdomain',
  validate(obj: KubeObject): StatusCause[] {
    const quota = obj as ResourceQuota;
    const causes = [
      ...validateQuantities(quota.spec?.hard, 'spec.hard'),
      ...validateQuantities(quota.status?.hard, 'status.hard'),
      ...validateQuantities(quota.status?.used, 'status.used'),
    ];
    const quoted = SCOPES.map((s) => `"${s}"`).join(', ');
    (quota.spec?.scopes ?? []).forEach((scope, i) => {
      if (!SCOPES.includes(scope))
        causes.push({
          type: 'FieldValueNotSupported',
          field: `spec.scopes[${i}]`,
          message: `Unsupported value: "${scope}": supported values: ${quoted}`,
        });
    });
    (quota.spec?.scopeSelector?.matchExpressions ?? []).forEach((e, i) => {
      if (!SCOPES.includes(e.scopeName))
        causes.push({
          type: 'FieldValueNotSupported',
          field: `spec.scopeSelector.matchExpressions[${i}].scopeName`,
          message: `Unsupported value: "${e.scopeName}": supported values: ${quoted}`,
        });
    });
    return causes;
  },
};
