import type { Status } from '../shared/api-types';
import type { Eviction } from '../shared/policy-types';
import { apiErrors } from '../store/api-error';
import { evictPod as evict } from '../store/evict-pod';
import type { DeleteOptions, ObjectStore, PropagationPolicy } from '../store/object-store';
import { admitStructure } from './admit-structure';
import { requireObject } from './http-io';

// POST pods/{name}/eviction with a policy/v1 (or v1beta1) Eviction body, as `kubectl drain` sends it.

const EVICTION_VERSIONS = ['policy/v1', 'policy/v1beta1'];

export async function evictPod(
  store: ObjectStore,
  namespace: string,
  name: string,
  body: unknown,
  query: URLSearchParams,
): Promise<Status> {
  const eviction = requireObject(body, 'an Eviction') as Eviction;
  const apiVersion = typeof eviction.apiVersion === 'string' ? eviction.apiVersion : 'policy/v1';
  if (
    !EVICTION_VERSIONS.includes(apiVersion) ||
    (eviction.kind !== undefined && eviction.kind !== 'Eviction')
  )
    throw apiErrors.badRequest(
      `pods/eviction takes an Eviction of policy/v1 (got ${String(eviction.kind)} of ${apiVersion}): send {"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"${name}"}}`,
    );
  admitStructure(eviction, { apiVersion: 'policy/v1', kind: 'Eviction', query });
  if (eviction.metadata?.name !== name)
    throw apiErrors.badRequest('name in URL does not match name in Eviction object');
  const given = eviction.deleteOptions ?? {};
  const dryRunQuery = query.get('dryRun');
  if (dryRunQuery !== null && dryRunQuery !== '' && dryRunQuery !== 'All')
    throw apiErrors.badRequest(
      `dryRun: unsupported value "${dryRunQuery}" (the only supported value is "All")`,
    );
  const policy = given.propagationPolicy;
  if (policy !== undefined && !['Background', 'Foreground', 'Orphan'].includes(policy))
    throw apiErrors.badRequest(
      `deleteOptions.propagationPolicy: unsupported value "${policy}" (use Background, Foreground or Orphan)`,
    );
  const grace = given.gracePeriodSeconds;
  if (grace !== undefined && (!Number.isInteger(grace) || grace < 0))
    throw apiErrors.badRequest(
      `deleteOptions.gracePeriodSeconds: must be a whole number of seconds, 0 or more (got ${String(grace)})`,
    );
  const options: DeleteOptions = {
    gracePeriodSeconds: given.gracePeriodSeconds,
    preconditions: given.preconditions,
    propagationPolicy: policy as PropagationPolicy | undefined,
    dryRun: dryRunQuery === 'All' || (given.dryRun ?? []).includes('All'),
  };
  return evict(store, namespace, name, options);
}
