import type { KubeObject } from '../../shared/api-types';
import { selectorRequirements, matchesLabels } from '../../shared/label-selector';
import type { Container, Pod } from '../../shared/pod-types';
import type { ResourceQuota } from '../../shared/policy-types';
import type { ResourceType } from '../../shared/resource-types';
import type { Service } from '../../shared/service-types';
import type { PersistentVolumeClaim } from '../../shared/storage-types';
import { qosClassOf } from '../../shared/pod-resources';
import { addAmounts, amountOf, type Amounts } from './resource-list';

// What one object costs against a ResourceQuota, as Kubernetes' quota evaluators count it
// (pkg/quota/v1/evaluator/core: pods.go, services.go, persistent_volume_claims.go, and the generic object
// counter for `count/<resource>.<group>`).

const ONE = { milli: 1000, binary: false };

/** generic.ObjectCountQuotaResourceNameFor: count/pods, count/deployments.apps. */
export function objectCountName(type: ResourceType): string {
  return type.group ? `count/${type.plural}.${type.group}` : `count/${type.plural}`;
}

/** Legacy object-count names the core kinds answer to besides count/<resource>. */
const LEGACY_COUNT: Record<string, string> = {
  services: 'services',
  configmaps: 'configmaps',
  secrets: 'secrets',
  persistentvolumeclaims: 'persistentvolumeclaims',
  replicationcontrollers: 'replicationcontrollers',
  resourcequotas: 'resourcequotas',
};

function isTerminal(pod: Pod, now: Date): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return true;
  // QuotaV1Pod: a pod whose graceful deletion is over no longer counts.
  const deadline = pod.metadata.deletionTimestamp;
  return deadline !== undefined && Date.parse(deadline) <= now.getTime();
}

/** resourcehelper.PodRequests / PodLimits: the app containers summed, at least the largest init container. */
function podResources(pod: Pod, which: 'requests' | 'limits'): Amounts {
  const of = (c: Container): Amounts => {
    const result: Amounts = new Map();
    for (const [name, value] of Object.entries(c.resources?.[which] ?? {})) {
      const amount = amountOf(value as string | number);
      if (amount) result.set(name, amount);
    }
    return result;
  };
  const total: Amounts = new Map();
  for (const c of pod.spec.containers ?? []) addAmounts(total, of(c));
  for (const c of pod.spec.initContainers ?? []) {
    for (const [name, amount] of of(c)) {
      const have = total.get(name);
      if (!have || have.milli < amount.milli) total.set(name, amount);
    }
  }
  const overhead = (pod.spec as { overhead?: Record<string, string> }).overhead;
  if (overhead) {
    for (const [name, value] of Object.entries(overhead)) {
      const amount = amountOf(value);
      if (amount && total.has(name)) addAmounts(total, new Map([[name, amount]]));
    }
  }
  return total;
}

/** podComputeUsageHelper: pods=1 and the compute names a quota may track. */
function computeUsage(requests: Amounts, limits: Amounts): Amounts {
  const result: Amounts = new Map([['pods', ONE]]);
  for (const resource of ['cpu', 'memory', 'ephemeral-storage']) {
    const request = requests.get(resource);
    const limit = limits.get(resource);
    if (request) {
      result.set(resource, request);
      result.set(`requests.${resource}`, request);
    }
    if (limit) result.set(`limits.${resource}`, limit);
  }
  for (const [resource, request] of requests) {
    if (resource.startsWith('hugepages-')) {
      result.set(resource, request);
      result.set(`requests.${resource}`, request);
    } else if (resource.includes('/') && !resource.startsWith('kubernetes.io/'))
      result.set(`requests.${resource}`, request);
  }
  return result;
}

/** What the object counts for, under every name a quota may track it by. */
export function usageOf(type: ResourceType, obj: KubeObject, now: Date): Amounts {
  const usage: Amounts = new Map([[objectCountName(type), ONE]]);
  const legacy = type.group === '' ? LEGACY_COUNT[type.plural] : undefined;
  if (legacy) usage.set(legacy, ONE);
  if (type.group === '' && type.plural === 'pods') {
    const pod = obj as Pod;
    if (!isTerminal(pod, now))
      addAmounts(usage, computeUsage(podResources(pod, 'requests'), podResources(pod, 'limits')));
  }
  if (type.group === '' && type.plural === 'services') {
    const spec = (obj as Service).spec ?? {};
    if (spec.type === 'LoadBalancer') usage.set('services.loadbalancers', ONE);
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
      const ports = (spec.ports ?? []).length;
      usage.set('services.nodeports', { milli: ports * 1000, binary: false });
    }
  }
  if (type.group === '' && type.plural === 'persistentvolumeclaims') {
    const claim = obj as PersistentVolumeClaim;
    const storage = claim.spec?.resources?.requests?.storage;
    const amount = storage === undefined ? undefined : amountOf(storage);
    if (amount) {
      usage.set('requests.storage', amount);
      const cls = claim.spec.storageClassName;
      if (cls) {
        usage.set(`${cls}.storageclass.storage.k8s.io/requests.storage`, amount);
        usage.set(`${cls}.storageclass.storage.k8s.io/persistentvolumeclaims`, ONE);
      }
    }
  }
  return usage;
}

const COMPUTE_VALIDATED = ['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'];

/**
 * podEvaluator.Constraints: when a quota tracks cpu or memory, every container must state it. Returns
 * Kubernetes' message ("must specify limits.cpu for: web; requests.memory for: web,sidecar") or undefined.
 */
export function podConstraintError(tracked: Iterable<string>, pod: Pod): string | undefined {
  const required = new Set([...tracked].filter((r) => COMPUTE_VALIDATED.includes(r)));
  if (required.size === 0) return undefined;
  const missing = new Map<string, Set<string>>();
  for (const c of [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])]) {
    const requests: Amounts = new Map();
    const limits: Amounts = new Map();
    for (const [k, v] of Object.entries(c.resources?.requests ?? {})) requests.set(k, amountOf(v as string)!);
    for (const [k, v] of Object.entries(c.resources?.limits ?? {})) limits.set(k, amountOf(v as string)!);
    const has = computeUsage(requests, limits);
    for (const resource of required) {
      if (has.has(resource)) continue;
      if (!missing.has(resource)) missing.set(resource, new Set());
      missing.get(resource)!.add(c.name);
    }
  }
  if (missing.size === 0) return undefined;
  const parts = [...missing.keys()]
    .sort()
    .map((resource) => `${resource} for: ${[...missing.get(resource)!].sort().join(',')}`);
  return `must specify ${parts.join('; ')}`;
}

/** Whether a pod falls in one of a quota's scopes (podMatchesScopeFunc); other kinds match unscoped quotas only. */
function scopeMatches(scope: { scopeName: string; operator?: string; values?: string[] }, pod: Pod): boolean {
  const spec = pod.spec as Pod['spec'] & { priorityClassName?: string; activeDeadlineSeconds?: number };
  const terminating = spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds >= 0;
  const bestEffort = qosClassOf(pod.spec) === 'BestEffort';
  switch (scope.scopeName) {
    case 'Terminating':
      return terminating;
    case 'NotTerminating':
      return !terminating;
    case 'BestEffort':
      return bestEffort;
    case 'NotBestEffort':
      return !bestEffort;
    case 'PriorityClass': {
      if (scope.operator === 'Exists' || scope.operator === undefined) return !!spec.priorityClassName;
      const labels: Record<string, string> = spec.priorityClassName
        ? { PriorityClass: spec.priorityClassName }
        : {};
      return matchesLabels(
        selectorRequirements({
          matchExpressions: [{ key: 'PriorityClass', operator: scope.operator, values: scope.values }],
        }),
        labels,
      );
    }
    case 'CrossNamespacePodAffinity':
      return false;
    default:
      return false;
  }
}

/** generic.Matches: every scope of the quota must match (scoped quotas only ever match pods). */
export function quotaMatches(quota: ResourceQuota, type: ResourceType, obj: KubeObject): boolean {
  const scopes = [
    ...(quota.spec?.scopes ?? []).map((scopeName) => ({ scopeName })),
    ...(quota.spec?.scopeSelector?.matchExpressions ?? []),
  ];
  if (scopes.length === 0) return true;
  if (type.group !== '' || type.plural !== 'pods') return false;
  return scopes.every((s) => scopeMatches(s, obj as Pod));
}
