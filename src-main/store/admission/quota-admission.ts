import type { KubeObject } from '../../shared/api-types';
import type { Pod } from '../../shared/pod-types';
import type { ResourceQuota } from '../../shared/policy-types';
import type { ResourceType } from '../../shared/resource-types';
import { objectCountName, podConstraintError, quotaMatches, usageOf } from './quota-evaluator';
import { addAmounts, amountsOf, prettyPrint, type Amounts } from './resource-list';

// The ResourceQuota admission check (k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go,
// checkRequest) as a pure function. Usage is counted from the live objects rather than read from
// status.used: both come from the same evaluator, and counting live leaves no window between two creates.

export interface StoredObject {
  type: ResourceType;
  object: KubeObject;
}

const POD_NAMES = new Set([
  'pods',
  'count/pods',
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
]);

/** evaluator.MatchingResources: the names among a quota's hard limits this kind is counted under. */
export function trackedNames(type: ResourceType, hard: string[]): string[] {
  const isPod = type.group === '' && type.plural === 'pods';
  return hard.filter((name) => {
    if (name === objectCountName(type)) return true;
    if (isPod)
      return (
        POD_NAMES.has(name) ||
        name.startsWith('hugepages-') ||
        name.startsWith('requests.hugepages-') ||
        (name.startsWith('requests.') && name.includes('/'))
      );
    if (type.group !== '') return false;
    switch (type.plural) {
      case 'services':
        return ['services', 'services.loadbalancers', 'services.nodeports'].includes(name);
      case 'persistentvolumeclaims':
        return (
          name === 'persistentvolumeclaims' ||
          name === 'requests.storage' ||
          name.includes('.storageclass.storage.k8s.io/')
        );
      default:
        return (
          name === type.plural &&
          ['configmaps', 'secrets', 'replicationcontrollers', 'resourcequotas'].includes(name)
        );
    }
  });
}

/** What the objects a quota matches use now, over the names it tracks (its status.used). */
export function quotaUsage(quota: ResourceQuota, objects: StoredObject[], now: Date): Amounts {
  const hard = Object.keys(quota.spec?.hard ?? {});
  const used: Amounts = new Map();
  for (const { type, object } of objects) {
    if (object.metadata.namespace !== quota.metadata.namespace) continue;
    if (!quotaMatches(quota, type, object)) continue;
    const tracked = new Set(trackedNames(type, hard));
    if (tracked.size === 0) continue;
    const usage = usageOf(type, object, now);
    addAmounts(used, new Map([...usage].filter(([name]) => tracked.has(name))));
  }
  return used;
}

/**
 * Why creating `obj` would break one of `quotas` (the first, in name order), in Kubernetes' words; undefined
 * when every quota has room. `objects` are the namespace's stored objects, without `obj`.
 */
export function quotaViolation(
  type: ResourceType,
  obj: KubeObject,
  quotas: ResourceQuota[],
  objects: StoredObject[],
  now: Date,
): string | undefined {
  const sorted = [...quotas].sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  for (const quota of sorted) {
    const hardList = quota.spec?.hard ?? {};
    const tracked = trackedNames(type, Object.keys(hardList));
    if (tracked.length === 0 || !quotaMatches(quota, type, obj)) continue;
    const name = quota.metadata.name ?? '';
    if (type.group === '' && type.plural === 'pods') {
      const problem = podConstraintError(tracked, obj as Pod);
      if (problem) return `failed quota: ${name}: ${problem}`;
    }
    const usage = usageOf(type, obj, now);
    const requested: Amounts = new Map([...usage].filter(([n, a]) => tracked.includes(n) && a.milli !== 0));
    if (requested.size === 0) continue;
    const hard = amountsOf(hardList);
    const used = quotaUsage(quota, objects, now);
    const exceeded = [...requested.keys()].filter((n) => {
      const limit = hard.get(n);
      return limit !== undefined && (used.get(n)?.milli ?? 0) + requested.get(n)!.milli > limit.milli;
    });
    if (exceeded.length > 0)
      return `exceeded quota: ${name}, requested: ${prettyPrint(requested, exceeded)}, used: ${prettyPrint(used, exceeded)}, limited: ${prettyPrint(hard, exceeded)}`;
  }
  return undefined;
}
