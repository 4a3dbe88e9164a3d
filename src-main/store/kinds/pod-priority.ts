import type { Pod } from '../../shared/pod-types';
import type { PriorityClass } from '../../shared/policy-types';
import { apiErrors } from '../api-error';

// The Priority admission plugin (plugin/pkg/admission/priority): a pod's priorityClassName becomes its
// integer priority and preemption policy, from the PriorityClass objects. The two system classes are known
// even before their objects exist (they are created at start); without a class a pod gets the global default
// class, or 0 when there is none.

export const SYSTEM_PRIORITY_CLASSES: Record<string, number> = {
  'system-cluster-critical': 2_000_000_000,
  'system-node-critical': 2_000_001_000,
};

export function admitPodPriority(pod: Pod, classes: PriorityClass[] = []): void {
  const spec = pod.spec as Pod['spec'] & { priorityClassName?: string; preemptionPolicy?: string };
  if (!spec) return;
  const name = pod.metadata.name ?? '';
  let priority = 0;
  let policy = 'PreemptLowerPriority';
  if (spec.priorityClassName) {
    const found = classes.find((c) => c.metadata.name === spec.priorityClassName);
    const value = found?.value ?? SYSTEM_PRIORITY_CLASSES[spec.priorityClassName];
    if (value === undefined)
      throw apiErrors.forbidden(
        `pods "${name}" is forbidden: no PriorityClass with name ${spec.priorityClassName} was found`,
      );
    priority = value;
    policy = found?.preemptionPolicy ?? policy;
  } else {
    const globalDefault = classes.filter((c) => c.globalDefault).sort((a, b) => a.value - b.value)[0];
    if (globalDefault) {
      spec.priorityClassName = globalDefault.metadata.name;
      priority = globalDefault.value;
      policy = globalDefault.preemptionPolicy ?? policy;
    }
  }
  if (spec.priority !== undefined && spec.priority !== priority)
    throw apiErrors.forbidden(
      `pods "${name}" is forbidden: the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`,
    );
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== policy)
    throw apiErrors.forbidden(
      `pods "${name}" is forbidden: the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`,
    );
  spec.priority = priority;
  spec.preemptionPolicy = policy;
}
