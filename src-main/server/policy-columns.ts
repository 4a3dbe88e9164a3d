import type { KubeObject } from '../shared/api-types';
import { selectorRequirements, selectorString } from '../shared/label-selector';
import type {
  LimitRange,
  NetworkPolicy,
  PodDisruptionBudget,
  PriorityClass,
  ResourceQuota,
} from '../shared/policy-types';
import { formatAmount, amountOf } from '../store/admission/resource-list';
import { humanDuration, type Column } from './table-columns';

// `kubectl get` columns of the policy kinds (pkg/printers/internalversion/printers.go).

const NAME: Column = { name: 'Name', cell: (o) => o.metadata.name ?? '' };
const AGE: Column = {
  name: 'Age',
  cell: (o, now) =>
    o.metadata.creationTimestamp
      ? humanDuration(now - Date.parse(o.metadata.creationTimestamp))
      : '<unknown>',
};
const orNA = (v: number | string | undefined) => (v === undefined ? 'N/A' : String(v));
const canonical = (v: string | number | undefined) => {
  const amount = v === undefined ? undefined : amountOf(v);
  return amount ? formatAmount(amount) : '0';
};

/** printResourceQuota: "pods: 1/2, requests.cpu: 500m/1" with the limits.* resources in their own column. */
function quotaColumn(obj: KubeObject, limits: boolean): string {
  const quota = obj as ResourceQuota;
  return Object.keys(quota.spec?.hard ?? {})
    .sort()
    .filter((r) => (r.split('.')[0] === 'limits' && r.includes('.')) === limits)
    .map((r) => `${r}: ${canonical(quota.status?.used?.[r])}/${canonical(quota.status?.hard?.[r])}`)
    .join(', ');
}

export const POLICY_COLUMNS: Record<string, Column[]> = {
  PodDisruptionBudget: [
    NAME,
    { name: 'Min Available', cell: (o) => orNA((o as PodDisruptionBudget).spec?.minAvailable) },
    { name: 'Max Unavailable', cell: (o) => orNA((o as PodDisruptionBudget).spec?.maxUnavailable) },
    {
      name: 'Allowed Disruptions',
      type: 'integer',
      cell: (o) => (o as PodDisruptionBudget).status?.disruptionsAllowed ?? 0,
    },
    AGE,
  ],
  ResourceQuota: [
    NAME,
    AGE,
    { name: 'Request', cell: (o) => quotaColumn(o, false) },
    { name: 'Limit', cell: (o) => quotaColumn(o, true) },
  ],
  LimitRange: [NAME, { name: 'Created At', cell: (o) => (o as LimitRange).metadata.creationTimestamp ?? '' }],
  PriorityClass: [
    NAME,
    { name: 'Value', type: 'integer', cell: (o) => (o as PriorityClass).value },
    { name: 'Global-Default', cell: (o) => String(!!(o as PriorityClass).globalDefault) },
    AGE,
    { name: 'PreemptionPolicy', cell: (o) => (o as PriorityClass).preemptionPolicy ?? '' },
  ],
  NetworkPolicy: [
    NAME,
    {
      name: 'Pod-Selector',
      cell: (o) => {
        const selector = (o as NetworkPolicy).spec?.podSelector;
        const text = selector ? selectorString(selectorRequirements(selector)) : '';
        return text || '<none>';
      },
    },
    AGE,
  ],
};
