import type { KubeObject, StatusCause } from '../../shared/api-types';
import { deepEqual } from '../../shared/deep-equal';
import type { Pod, PodSpec } from '../../shared/pod-types';
import { podType } from '../../shared/resource-types';
import type { KindStrategy } from '../kind-strategy';
import { applyPodDefaults } from './pod-defaults';
import { admitPodPriority } from './pod-priority';
import { admitPodLimits } from './pod-limits';
import { limitRangeType, priorityClassType } from '../../shared/policy-resource-types';
import type { LimitRange, PriorityClass } from '../../shared/policy-types';
import { admitPodServiceAccount } from './pod-service-account';
import { validatePod } from './validate-pod';

const UPDATE_FORBIDDEN =
  'Forbidden: pod updates may not change fields other than `spec.containers[*].image`, `spec.initContainers[*].image`, `spec.activeDeadlineSeconds`, `spec.tolerations` (only additions to existing tolerations) or `spec.terminationGracePeriodSeconds`; delete and recreate the pod (or let a Deployment roll it) to change anything else';

/** The spec with what may change on update blanked out, so the rest can be compared. */
function mutableFieldsBlanked(spec: PodSpec): unknown {
  const copy = structuredClone(spec) as PodSpec & Record<string, unknown>;
  copy.containers?.forEach((c) => (c.image = ''));
  copy.initContainers?.forEach((c) => (c.image = ''));
  delete copy.activeDeadlineSeconds;
  delete copy.tolerations;
  delete copy.terminationGracePeriodSeconds;
  delete copy.nodeName;
  return copy;
}

export const podStrategy: KindStrategy = {
  type: podType,
  nameRule: 'dns1123-subdomain',
  prepareForCreate(obj, store) {
    const pod = obj as Pod;
    applyPodDefaults(pod);
    const namespace = pod.metadata.namespace;
    admitPodLimits(
      pod,
      store.list(limitRangeType).filter((r) => r.metadata.namespace === namespace) as LimitRange[],
    );
    admitPodServiceAccount(pod, store);
    admitPodPriority(pod, store.list(priorityClassType) as PriorityClass[]);
  },
  validate(obj: KubeObject, old?: KubeObject): StatusCause[] {
    const pod = obj as Pod;
    const causes = validatePod(pod);
    if (old && causes.length === 0) {
      const before = old as Pod;
      if (!deepEqual(mutableFieldsBlanked(before.spec), mutableFieldsBlanked(pod.spec))) {
        causes.push({ type: 'FieldValueForbidden', field: 'spec', message: UPDATE_FORBIDDEN });
      }
      if (before.spec.nodeName && pod.spec.nodeName !== before.spec.nodeName) {
        causes.push({
          type: 'FieldValueForbidden',
          field: 'spec.nodeName',
          message: 'Forbidden: a scheduled pod cannot move to another node',
        });
      }
    }
    return causes;
  },
  deletionGracePeriod(obj, requested) {
    const pod = obj as Pod;
    if (!pod.spec.nodeName || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return 0;
    return requested ?? pod.spec.terminationGracePeriodSeconds ?? 30;
  },
  selectableFields(obj) {
    const pod = obj as Pod;
    return {
      'spec.nodeName': pod.spec?.nodeName ?? '',
      'spec.restartPolicy': pod.spec?.restartPolicy ?? '',
      'spec.schedulerName': pod.spec?.schedulerName ?? '',
      'spec.serviceAccountName': pod.spec?.serviceAccountName ?? '',
      'status.phase': pod.status?.phase ?? '',
      'status.podIP': pod.status?.podIP ?? '',
    };
  },
};
