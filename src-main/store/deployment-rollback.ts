import type { Status } from '../shared/api-types';
import { planRollback } from '../shared/deployment-rollback';
import { deploymentType, replicaSetType } from '../shared/resource-types';
import type { Deployment, ReplicaSet } from '../shared/workload-types';
import { ApiError, apiErrors } from './api-error';
import type { ObjectStore } from './object-store';

/**
 * POST …/deployments/{name}/rollback {"rollbackTo": {"revision": N}}: the one-click rollback, a write of the
 * registry like Kubernetes' RollbackREST, so the API and the Deployment controller's auto-rollback both reach
 * it. It does what `kubectl rollout undo` does (the revision's pod template becomes the Deployment's), in one
 * call; revision 0 (or none) means the previous one.
 */
export async function rollbackDeployment(
  store: ObjectStore,
  namespace: string,
  name: string,
  body: Record<string, unknown>,
): Promise<Status> {
  const rollbackTo = (body.rollbackTo ?? {}) as { revision?: unknown };
  const wanted = rollbackTo.revision ?? 0;
  if (typeof wanted !== 'number' || !Number.isInteger(wanted) || wanted < 0) {
    throw apiErrors.invalid({ ...deploymentType, kind: 'DeploymentRollback' }, name, [
      {
        type: 'FieldValueInvalid',
        field: 'rollbackTo.revision',
        message: `Invalid value: ${JSON.stringify(wanted)}: must be a revision number from the history, or 0 for the previous one`,
      },
    ]);
  }
  const deployment = store.get(deploymentType, namespace, name) as Deployment;
  const replicaSets = store.list(replicaSetType, { namespace }).items as ReplicaSet[];
  const plan = planRollback(deployment, replicaSets, wanted);
  if ('notFound' in plan) throw new ApiError(404, 'NotFound', plan.notFound);
  await store.update(deploymentType, plan.deployment);
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    message: `rolled back to revision ${plan.revision}`,
    reason: '',
    code: 200,
    details: { name, group: 'apps', kind: 'deployments' },
  };
}
