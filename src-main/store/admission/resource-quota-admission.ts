import { resourceQuotaType } from '../../shared/policy-resource-types';
import type { ResourceQuota } from '../../shared/policy-types';
import { apiErrors } from '../api-error';
import type { CreateAdmission } from '../object-store';
import { quotaViolation } from './quota-admission';

/**
 * The ResourceQuota admission plugin on creates: 403 Forbidden with Kubernetes' message when the new object
 * would take a namespace past one of its quotas. Namespaces without a quota cost nothing.
 */
export function resourceQuotaAdmission(now: () => Date = () => new Date()): CreateAdmission {
  return (type, obj, store) => {
    const namespace = obj.metadata.namespace;
    if (!type.namespaced || !namespace) return;
    const quotas = store.list(resourceQuotaType, { namespace }).items as ResourceQuota[];
    if (quotas.length === 0) return;
    const objects = store.allObjects().filter((o) => o.object.metadata.namespace === namespace);
    const violation = quotaViolation(type, obj, quotas, objects, now());
    if (!violation) return;
    const resource = type.group ? `${type.plural}.${type.group}` : type.plural;
    throw apiErrors.forbidden(`${resource} "${obj.metadata.name ?? ''}" is forbidden: ${violation}`);
  };
}
