import type { KubeObject, StatusCause } from '../../shared/api-types';
import { podDisruptionBudgetType } from '../../shared/policy-resource-types';
import type { PodDisruptionBudget } from '../../shared/policy-types';
import type { KindStrategy } from '../kind-strategy';
import { validateOptionalSelector } from './policy-fields';
import { validateIntOrPercent } from './workload-fields';

// policy/v1 PodDisruptionBudget, validated as ValidatePodDisruptionBudget (pkg/apis/policy/validation). Its
// status is the disruption controller's (controllers/disruption-controller.ts).

const POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

export const podDisruptionBudgetStrategy: KindStrategy = {
  type: podDisruptionBudgetType,
  nameRule: 'dns1123-subdomain',
  prepareForCreate(obj) {
    // SetDefaults in the registry strategy: the status starts empty, observed at generation 0.
    obj.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  },
  validate(obj: KubeObject): StatusCause[] {
    const pdb = obj as PodDisruptionBudget;
    const spec = pdb.spec ?? {};
    const causes: StatusCause[] = [];
    if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined)
      causes.push({
        type: 'FieldValueInvalid',
        field: 'spec',
        message: `Invalid value: ${JSON.stringify({ minAvailable: spec.minAvailable, maxUnavailable: spec.maxUnavailable })}: minAvailable and maxUnavailable cannot be both set`,
      });
    causes.push(...validateIntOrPercent(spec.minAvailable, 'spec.minAvailable'));
    causes.push(...validateIntOrPercent(spec.maxUnavailable, 'spec.maxUnavailable'));
    causes.push(...validateOptionalSelector(spec.selector, 'spec.selector'));
    const policy = spec.unhealthyPodEvictionPolicy;
    if (policy !== undefined && !POLICIES.includes(policy))
      causes.push({
        type: 'FieldValueNotSupported',
        field: 'spec.unhealthyPodEvictionPolicy',
        message: `Unsupported value: "${policy}": supported values: "AlwaysAllow", "IfHealthyBudget"`,
      });
    return causes;
  },
};
