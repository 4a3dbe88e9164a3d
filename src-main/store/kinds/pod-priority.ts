import type { Pod } from '../../shared/pod-types';
import { apiErrors } from '../api-error';

// The Priority admission plugin (plugin/pkg/admission/priority): a pod's priorityClassName becomes its
// integer priority and preemption policy. Skiff has no PriorityClass objects yet (another issue), so only the
// two classes every cluster has are known; without a class a pod gets 0, as with no global default class.

export const SYSTEM_PRIORITY_CLASSES: Record<string, number> = {
  'system-cluster-critical': 2_000_000_000,
  'system-node-critical': 2_000_001_000,
};

export function admitPodPriority(pod: Pod): void {
  const spec = pod.spec as Pod['spec'] & { priorityClassName?: string; preemptionPolicy?: string };
  if (!spec) return;
  const name = pod.metadata.name ?? '';
  let priority = 0;
  if (spec.priorityClassName) {
    const value = SYSTEM_PRIORITY_CLASSES[spec.priorityClassName];
    if (value === undefined)
      throw apiErrors.forbidden(
        `pods "${name}" is forbidden: no PriorityClass with name ${spec.priorityClassName} was found`,
      );
    priority = value;
  }
  if (spec.priority !== undefined && spec.priority !== priority)
    throw apiErrors.forbidden(
      `pods "${name}" is forbidden: the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`,
    );
  const policy = 'PreemptLowerPriority';
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== policy)
    throw apiErrors.forbidden(
      `pods "${name}" is forbidden: the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`,
    );
  spec.priority = priority;
  spec.preemptionPolicy = policy;
}
