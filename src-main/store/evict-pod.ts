import type { Status } from '../shared/api-types';
import { matchesLabels, selectorRequirements } from '../shared/label-selector';
import type { Pod } from '../shared/pod-types';
import { podDisruptionBudgetType } from '../shared/policy-resource-types';
import type { PodDisruptionBudget } from '../shared/policy-types';
import { podType } from '../shared/resource-types';
import { disruptionCondition, isPodReady } from '../shared/disruption-condition';
import { ApiError } from './api-error';
import type { DeleteOptions, ObjectStore } from './object-store';
import { rfc3339 } from './object-store';

// The Eviction subresource (pkg/registry/core/pod/storage/eviction.go): a pod is deleted only when its
// PodDisruptionBudget allows one more disruption, which the eviction takes from the budget's status at once
// (disruptionsAllowed - 1, the pod noted in disruptedPods) so two evictions cannot both spend the last one.
// Every eviction in Skiff (the API's, and any drain) goes through here.

const VIOLATES = "Cannot evict pod as it would violate the pod's disruption budget.";

function tooManyRequests(cause: string): ApiError {
  return new ApiError(429, 'TooManyRequests', VIOLATES, {
    causes: [{ type: 'DisruptionBudget', message: cause }],
  });
}

/** canIgnorePDB: a finished, pending or already deleting pod disrupts nothing. */
function canIgnoreBudget(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return (
    phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata.deletionTimestamp
  );
}

/** getPodDisruptionBudgets: an empty selector matches nothing here, as in Kubernetes' eviction. */
function budgetsOf(store: ObjectStore, pod: Pod): PodDisruptionBudget[] {
  return (
    store.list(podDisruptionBudgetType, { namespace: pod.metadata.namespace }).items as PodDisruptionBudget[]
  ).filter((pdb) => {
    const selector = pdb.spec?.selector;
    const requirements = selector ? selectorRequirements(selector) : [];
    return requirements.length > 0 && matchesLabels(requirements, pod.metadata.labels);
  });
}

export const EVICTION_SUCCESS: Status = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Success',
  code: 201,
} as Status;

/** Evicts one pod, or throws 429 when its budget has no disruption to spare. */
export async function evictPod(
  store: ObjectStore,
  namespace: string,
  name: string,
  options: DeleteOptions = {},
  now: () => Date = () => new Date(),
): Promise<Status> {
  const pod = store.get(podType, namespace, name) as Pod;
  const withVersion = (): DeleteOptions =>
    options.preconditions?.resourceVersion
      ? options
      : {
          ...options,
          preconditions: { ...options.preconditions, resourceVersion: pod.metadata.resourceVersion },
        };
  if (canIgnoreBudget(pod)) {
    const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
    await store.delete(
      podType,
      namespace,
      name,
      terminal || pod.metadata.deletionTimestamp ? options : withVersion(),
    );
    return EVICTION_SUCCESS;
  }
  const budgets = budgetsOf(store, pod);
  if (budgets.length > 1)
    throw new ApiError(
      500,
      'InternalError',
      'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
    );
  const pdb = budgets[0];
  if (pdb) {
    const status = pdb.status ?? {
      disruptionsAllowed: 0,
      currentHealthy: 0,
      desiredHealthy: 0,
      expectedPods: 0,
    };
    const unhealthyMayGo =
      !isPodReady(pod) &&
      (pdb.spec.unhealthyPodEvictionPolicy === 'AlwaysAllow' ||
        (status.currentHealthy >= status.desiredHealthy && status.desiredHealthy > 0));
    if (unhealthyMayGo) {
      await deleteOrRetry(store, namespace, name, withVersion(), pdb.metadata.name ?? '');
      return EVICTION_SUCCESS;
    }
    await spendDisruption(store, pdb, name, !!options.dryRun, now());
  }
  await store.delete(podType, namespace, name, options);
  return EVICTION_SUCCESS;
}

async function deleteOrRetry(
  store: ObjectStore,
  namespace: string,
  name: string,
  options: DeleteOptions,
  budget: string,
): Promise<void> {
  try {
    await store.delete(podType, namespace, name, options);
  } catch (err) {
    // The pod changed (it may have become ready) since the budget was read: the client should try again.
    if (err instanceof ApiError && err.code === 409)
      throw new ApiError(429, 'TooManyRequests', VIOLATES, {
        causes: [
          {
            type: 'DisruptionBudget',
            message: `The disruption budget ${budget} is still being processed by the server.`,
          },
        ],
      });
    throw err;
  }
}

/** checkAndDecrement */
async function spendDisruption(
  store: ObjectStore,
  pdb: PodDisruptionBudget,
  podName: string,
  dryRun: boolean,
  now: Date,
): Promise<void> {
  const name = pdb.metadata.name ?? '';
  const status = pdb.status!;
  if ((status?.observedGeneration ?? 0) < (pdb.metadata.generation ?? 1))
    throw tooManyRequests(`The disruption budget ${name} is still being processed by the server.`);
  if (status.disruptionsAllowed < 0)
    throw new ApiError(
      403,
      'Forbidden',
      `poddisruptionbudgets.policy "${name}" is forbidden: pdb disruptions allowed is negative`,
    );
  if (status.disruptionsAllowed === 0)
    throw tooManyRequests(
      `The disruption budget ${name} needs ${status.desiredHealthy} healthy pods and has ${status.currentHealthy} currently`,
    );
  if (dryRun) return;
  const next = structuredClone(pdb);
  next.status = {
    ...status,
    disruptionsAllowed: status.disruptionsAllowed - 1,
    disruptedPods: { ...status.disruptedPods, [podName]: rfc3339(now) },
  };
  if (next.status.disruptionsAllowed === 0)
    next.status.conditions = disruptionCondition(next.status, status.conditions, now);
  // The update carries the budget's resourceVersion: a concurrent eviction that spent it first makes this a
  // 409, which the client retries like Kubernetes' own conflict.
  await store.update(podDisruptionBudgetType, next, { subresource: 'status' });
}
