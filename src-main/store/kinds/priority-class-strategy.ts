import type { KubeObject, StatusCause } from '../../shared/api-types';
import { priorityClassType } from '../../shared/policy-resource-types';
import type { PriorityClass } from '../../shared/policy-types';
import { apiErrors } from '../api-error';
import type { KindStrategy, StoreReader } from '../kind-strategy';
import { SYSTEM_PRIORITY_CLASSES } from './pod-priority';

// scheduling.k8s.io/v1 PriorityClass (cluster-scoped; value, globalDefault and preemptionPolicy sit at the top
// level), validated as ValidatePriorityClass. The system classes are created at start (ensureSystemPriorityClasses).

const HIGHEST_USER_DEFINABLE = 1_000_000_000;

function knownSystemClassError(pc: PriorityClass): string | undefined {
  const value = SYSTEM_PRIORITY_CLASSES[pc.metadata.name ?? ''];
  if (value === undefined) return `name ${pc.metadata.name} is not a known system priority class`;
  if (pc.value !== value) return `value of ${pc.metadata.name} PriorityClass must be ${value}`;
  if (pc.globalDefault) return `globalDefault of ${pc.metadata.name} PriorityClass must be false`;
  return undefined;
}

/** The priority admission plugin on PriorityClasses: only one may be the global default. */
function admitGlobalDefault(pc: PriorityClass, store: StoreReader): void {
  if (!pc.globalDefault) return;
  const other = (store.list(priorityClassType) as PriorityClass[]).find(
    (c) => c.globalDefault && c.metadata.name !== pc.metadata.name,
  );
  if (other)
    throw apiErrors.forbidden(
      `priorityclasses.scheduling.k8s.io "${pc.metadata.name}" is forbidden: PriorityClass ${other.metadata.name} is already marked as default. Only one default can exist`,
    );
}

export const priorityClassStrategy: KindStrategy = {
  type: priorityClassType,
  nameRule: 'dns1123-subdomain',
  prepareForCreate(obj, store) {
    const pc = obj as PriorityClass;
    pc.preemptionPolicy ??= 'PreemptLowerPriority';
    admitGlobalDefault(pc, store);
  },
  prepareForUpdate(obj, old, store) {
    const pc = obj as PriorityClass;
    pc.preemptionPolicy ??= 'PreemptLowerPriority';
    admitGlobalDefault(pc, store);
  },
  validate(obj: KubeObject, old?: KubeObject): StatusCause[] {
    const pc = obj as PriorityClass;
    const causes: StatusCause[] = [];
    if (typeof pc.value !== 'number')
      causes.push({ type: 'FieldValueRequired', field: 'value', message: 'Required value' });
    else if ((pc.metadata.name ?? '').startsWith('system-')) {
      const error = knownSystemClassError(pc);
      if (error)
        causes.push({
          type: 'FieldValueForbidden',
          field: 'metadata.name',
          message: `Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: ${error}`,
        });
    } else if (pc.value > HIGHEST_USER_DEFINABLE)
      causes.push({
        type: 'FieldValueForbidden',
        field: 'value',
        message: `Forbidden: maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE}`,
      });
    if (pc.preemptionPolicy !== 'PreemptLowerPriority' && pc.preemptionPolicy !== 'Never')
      causes.push({
        type: 'FieldValueNotSupported',
        field: 'preemptionPolicy',
        message: `Unsupported value: "${String(pc.preemptionPolicy)}": supported values: "Never", "PreemptLowerPriority"`,
      });
    const before = old as PriorityClass | undefined;
    if (before && before.value !== pc.value)
      causes.push({
        type: 'FieldValueForbidden',
        field: 'value',
        message: 'Forbidden: may not be changed in an update.',
      });
    if (before && before.preemptionPolicy !== pc.preemptionPolicy)
      causes.push({
        type: 'FieldValueInvalid',
        field: 'preemptionPolicy',
        message: `Invalid value: "${pc.preemptionPolicy}": field is immutable`,
      });
    return causes;
  },
};
