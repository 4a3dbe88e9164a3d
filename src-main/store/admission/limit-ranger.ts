import type { Container, Pod } from '../../shared/pod-types';
import type { LimitRange, LimitRangeItem, ResourceList } from '../../shared/policy-types';
import { amountOf, formatAmount, type Amount } from './resource-list';

// The LimitRanger admission plugin for pods (plugin/pkg/admission/limitranger/admission.go, PodMutateLimitFunc
// and PodValidateLimitFunc): containers get the LimitRange's default limits and requests where they state
// none, then each Container and Pod item's min, max and maxLimitRequestRatio is checked.

export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

type Resources = { requests?: ResourceList; limits?: ResourceList };

function defaultsOf(ranges: LimitRange[]): { requests: ResourceList; limits: ResourceList } {
  const requests: ResourceList = {};
  const limits: ResourceList = {};
  for (const range of ranges)
    for (const item of range.spec?.limits ?? []) {
      if (item.type !== 'Container') continue;
      // SetDefaults_LimitRangeItem: a default limit with no default request is the request too.
      Object.assign(requests, item.default, item.defaultRequest);
      Object.assign(limits, item.default);
    }
  return { requests, limits };
}

/** mergePodResourceRequirements: fills what containers leave unset, and notes it in an annotation. */
function mergeDefaults(pod: Pod, ranges: LimitRange[]): void {
  const defaults = defaultsOf(ranges);
  const notes: string[] = [];
  const merge = (container: Container, kind: string) => {
    const resources = (container.resources ??= {}) as Resources;
    const setLimits = Object.keys(defaults.limits)
      .filter((k) => resources.limits?.[k] === undefined)
      .sort();
    const setRequests = Object.keys(defaults.requests)
      .filter((k) => resources.requests?.[k] === undefined)
      .sort();
    if (setLimits.length > 0) {
      resources.limits ??= {};
      for (const k of setLimits) resources.limits[k] = String(defaults.limits[k]);
    }
    if (setRequests.length > 0) {
      resources.requests ??= {};
      for (const k of setRequests) resources.requests[k] = String(defaults.requests[k]);
    }
    if (setRequests.length > 0) notes.push(`${setRequests.join(', ')} request for ${kind} ${container.name}`);
    if (setLimits.length > 0) notes.push(`${setLimits.join(', ')} limit for ${kind} ${container.name}`);
  };
  for (const c of pod.spec.containers ?? []) merge(c, 'container');
  for (const c of pod.spec.initContainers ?? []) merge(c, 'init container');
  if (notes.length > 0)
    pod.metadata.annotations = {
      ...pod.metadata.annotations,
      [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}`,
    };
}

type Observed = Map<string, Amount>;

function observed(list: ResourceList | undefined): Observed {
  const result: Observed = new Map();
  for (const [k, v] of Object.entries(list ?? {})) {
    const amount = amountOf(v);
    if (amount) result.set(k, amount);
  }
  return result;
}

const text = (a: Amount) => formatAmount(a);

function minConstraint(type: string, name: string, enforced: Amount, req: Observed, lim: Observed) {
  const r = req.get(name);
  const l = lim.get(name);
  if (!r) return `minimum ${name} usage per ${type} is ${text(enforced)}.  No request is specified`;
  if (r.milli < enforced.milli)
    return `minimum ${name} usage per ${type} is ${text(enforced)}, but request is ${text(r)}`;
  if (l && l.milli < enforced.milli)
    return `minimum ${name} usage per ${type} is ${text(enforced)}, but limit is ${text(l)}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: Amount, req: Observed, lim: Observed) {
  const r = req.get(name);
  const l = lim.get(name);
  if (!l) return `maximum ${name} usage per ${type} is ${text(enforced)}.  No limit is specified`;
  if (l.milli > enforced.milli)
    return `maximum ${name} usage per ${type} is ${text(enforced)}, but limit is ${text(l)}`;
  if (r && r.milli > enforced.milli)
    return `maximum ${name} usage per ${type} is ${text(enforced)}, but request is ${text(r)}`;
  return undefined;
}

function ratioConstraint(type: string, name: string, enforced: Amount, req: Observed, lim: Observed) {
  const r = req.get(name);
  const l = lim.get(name);
  const prefix = `${name} max limit to request ratio per ${type} is ${text(enforced)}`;
  if (!r || r.milli === 0) return `${prefix}, but no request is specified or request is 0`;
  if (!l || l.milli === 0) return `${prefix}, but no limit is specified or limit is 0`;
  const ratio = l.milli / r.milli;
  if (ratio * 1000 > enforced.milli) return `${prefix}, but provided ratio is ${ratio.toFixed(6)}`;
  return undefined;
}

function check(item: LimitRangeItem, type: string, req: Observed, lim: Observed): string[] {
  const errors: string[] = [];
  const each = (
    list: ResourceList | undefined,
    rule: (type: string, name: string, enforced: Amount, req: Observed, lim: Observed) => string | undefined,
  ) => {
    for (const name of Object.keys(list ?? {}).sort()) {
      const enforced = amountOf(list![name]!);
      const error = enforced && rule(type, name, enforced, req, lim);
      if (error) errors.push(error);
    }
  };
  each(item.min, minConstraint);
  each(item.max, maxConstraint);
  each(item.maxLimitRequestRatio, ratioConstraint);
  return errors;
}

/** The pod's total: its app containers summed, at least its largest init container (resourcehelper). */
function podTotal(pod: Pod, which: 'requests' | 'limits'): Observed {
  const total: Observed = new Map();
  for (const c of pod.spec.containers ?? [])
    for (const [k, a] of observed(c.resources?.[which] as ResourceList)) {
      const have = total.get(k);
      total.set(k, have ? { milli: have.milli + a.milli, binary: have.binary } : a);
    }
  for (const c of pod.spec.initContainers ?? [])
    for (const [k, a] of observed(c.resources?.[which] as ResourceList)) {
      const have = total.get(k);
      if (!have || have.milli < a.milli) total.set(k, a);
    }
  return total;
}

/**
 * Applies the namespace's LimitRanges to a pod being created: fills defaults (mutating `pod`) and returns
 * every violated constraint in Kubernetes' words (an empty list when the pod fits).
 */
export function limitPod(pod: Pod, ranges: LimitRange[]): string[] {
  if (ranges.length === 0 || !pod.spec) return [];
  mergeDefaults(pod, ranges);
  const errors: string[] = [];
  for (const range of ranges)
    for (const item of range.spec?.limits ?? []) {
      if (item.type === 'Container')
        for (const c of [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])])
          errors.push(
            ...check(
              item,
              'Container',
              observed(c.resources?.requests as ResourceList),
              observed(c.resources?.limits as ResourceList),
            ),
          );
      if (item.type === 'Pod')
        errors.push(...check(item, 'Pod', podTotal(pod, 'requests'), podTotal(pod, 'limits')));
    }
  return errors;
}

/** utilerrors.NewAggregate(errs).Error(): one message as it is, several in brackets. */
export function aggregate(errors: string[]): string {
  return errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`;
}
