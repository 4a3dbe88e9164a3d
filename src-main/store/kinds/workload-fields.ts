import type { StatusCause } from '../../shared/api-types';

// Checks shared by the apps/v1 workload strategies.

/** An IntOrString that must be a count ≥ 0 or a percentage ≤ 100% (maxSurge, maxUnavailable). */
export function validateIntOrPercent(value: number | string | undefined, field: string): StatusCause[] {
  if (value === undefined) return [];
  if (typeof value === 'number')
    return value < 0
      ? [
          {
            type: 'FieldValueInvalid',
            field,
            message: `Invalid value: ${value}: must be greater than or equal to 0`,
          },
        ]
      : [];
  const match = /^(\d+)%$/.exec(value);
  if (!match)
    return [
      {
        type: 'FieldValueInvalid',
        field,
        message: `Invalid value: "${value}": must be a whole number or a percentage such as "25%"`,
      },
    ];
  return Number(match[1]) > 100
    ? [
        {
          type: 'FieldValueInvalid',
          field,
          message: `Invalid value: "${value}": must not be greater than 100%`,
        },
      ]
    : [];
}

export const isZeroIntOrPercent = (value: number | string | undefined) =>
  value !== undefined && String(value).replace('%', '') === '0';

/** activeDeadlineSeconds would end a workload's pods on a timer: Kubernetes forbids it in their templates. */
export function forbidActiveDeadline(
  template: { spec?: { activeDeadlineSeconds?: number } } | undefined,
): StatusCause[] {
  return template?.spec?.activeDeadlineSeconds !== undefined
    ? [
        {
          type: 'FieldValueForbidden',
          field: 'spec.template.spec.activeDeadlineSeconds',
          message: 'Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported',
        },
      ]
    : [];
}
