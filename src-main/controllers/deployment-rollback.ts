import type { Status } from '../shared/api-types';
import { deploymentType, replicaSetType } from '../shared/resource-types';
import {
  CHANGE_CAUSE_ANNOTATION,
  POD_TEMPLATE_HASH,
  REVISION_ANNOTATION,
  type Deployment,
  type ReplicaSet,
} from '../shared/workload-types';
import { ApiError, apiErrors } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import { revisionOf } from './deployment-util';
import { controllerOf } from './plan-replica-set';

/**
 * POST …/deployments/{name}/rollback {"rollbackTo": {"revision": N}}: the one-click rollback. It does what
 * `kubectl rollout undo` does (the revision's pod template becomes the Deployment's), in one call; revision 0
 * (or none) means the previous one.
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
  const history = (store.list(replicaSetType, { namespace }).items as ReplicaSet[]).filter(
    (rs) => controllerOf(rs as never)?.uid === deployment.metadata.uid,
  );
  const current = Number(deployment.metadata.annotations?.[REVISION_ANNOTATION] ?? 0);
  const target =
    wanted === 0
      ? history.filter((rs) => revisionOf(rs) < current).sort((a, b) => revisionOf(b) - revisionOf(a))[0]
      : history.find((rs) => revisionOf(rs) === wanted);
  if (!target) {
    const known =
      history
        .map(revisionOf)
        .sort((a, b) => a - b)
        .join(', ') || 'none';
    throw new ApiError(
      404,
      'NotFound',
      wanted === 0
        ? `deployment "${name}" has no previous revision to roll back to (revisions: ${known})`
        : `unable to find specified revision ${wanted} in history of deployment "${name}" (revisions: ${known})`,
    );
  }
  const template = structuredClone(target.spec.template);
  if (template.metadata?.labels) delete template.metadata.labels[POD_TEMPLATE_HASH];
  const annotations = { ...deployment.metadata.annotations };
  const cause = target.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION];
  if (cause) annotations[CHANGE_CAUSE_ANNOTATION] = cause;
  else delete annotations[CHANGE_CAUSE_ANNOTATION];
  await store.update(deploymentType, {
    ...deployment,
    metadata: { ...deployment.metadata, annotations },
    spec: { ...deployment.spec, template },
  });
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    message: `rolled back to revision ${revisionOf(target)}`,
    reason: '',
    code: 200,
    details: { name, group: 'apps', kind: 'deployments' },
  };
}
