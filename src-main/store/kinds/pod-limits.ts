import type { Pod } from '../../shared/pod-types';
import { qosClassOf } from '../../shared/pod-resources';
import type { LimitRange } from '../../shared/policy-types';
import { apiErrors } from '../api-error';
import { aggregate, limitPod } from '../admission/limit-ranger';

/** LimitRanger on a new pod: defaults filled in (and its QoS class recomputed), or 403 with every violation. */
export function admitPodLimits(pod: Pod, ranges: LimitRange[]): void {
  if (ranges.length === 0 || !pod.spec || !Array.isArray(pod.spec.containers)) return;
  const errors = limitPod(pod, ranges);
  if (errors.length > 0)
    throw apiErrors.forbidden(`pods "${pod.metadata.name ?? ''}" is forbidden: ${aggregate(errors)}`);
  if (pod.status) pod.status.qosClass = qosClassOf(pod.spec);
}
