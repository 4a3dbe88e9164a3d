import type { StatusCause } from '../../shared/api-types';
import type { LabelSelector } from '../../shared/workload-types';
import { amountOf } from '../admission/resource-list';
import { checkSchema } from '../schema/schema';
import { labelSelectorSchema } from './validate-pod-template';

// Checks shared by the policy kinds.

/** ValidateLabelSelector where an empty selector is allowed (it selects every pod of the namespace). */
export function validateOptionalSelector(selector: LabelSelector | undefined, path: string): StatusCause[] {
  if (!selector) return [];
  const causes = checkSchema(selector, labelSelectorSchema, path);
  (selector.matchExpressions ?? []).forEach((e, i) => {
    const needsValues = e.operator === 'In' || e.operator === 'NotIn';
    if (needsValues && !(e.values ?? []).length)
      causes.push({
        type: 'FieldValueRequired',
        field: `${path}.matchExpressions[${i}].values`,
        message: "Required value: must be specified when `operator` is 'In' or 'NotIn'",
      });
    if (!needsValues && (e.values ?? []).length)
      causes.push({
        type: 'FieldValueForbidden',
        field: `${path}.matchExpressions[${i}].values`,
        message: "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      });
  });
  return causes;
}

/** ValidateResourceQuantityValue: a quantity that is not negative. */
export function validateQuantities(
  list: Record<string, string | number> | undefined,
  path: string,
): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const [name, value] of Object.entries(list ?? {})) {
    const amount = amountOf(value);
    const field = `${path}[${name}]`;
    if (!amount)
      causes.push({
        type: 'FieldValueInvalid',
        field,
        message: `Invalid value: "${String(value)}": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
      });
    else if (amount.milli < 0)
      causes.push({
        type: 'FieldValueInvalid',
        field,
        message: `Invalid value: "${String(value)}": must be greater than or equal to 0`,
      });
  }
  return causes;
}
