import type { KubeObject } from '@shared/api-types';
import { collectionPath, objectPath, serviceType, type ResourceType } from '@shared/resource-types';
import type { Service } from '@shared/service-types';
import { ApiRequestError, type ApiClient } from '../api/api-client';
import { nodePortsOf, recreateManifest } from '../yaml/recreate-manifest';

const RETRY_MS = 500;
const GIVE_UP_MS = 60_000;

/**
 * Creates a deleted object again from its manifest. While the old one is still going (a pod's grace period, a
 * Service's proxy finalizer) the name is taken, so AlreadyExists is retried until it is free.
 */
export async function restoreDeleted(
  client: ApiClient,
  type: ResourceType,
  object: KubeObject,
  signal: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + GIVE_UP_MS;
  for (;;) {
    const inUse =
      object.kind === 'Service'
        ? nodePortsOf((await client.list<Service>(collectionPath(serviceType))).items)
        : undefined;
    try {
      await client.create(collectionPath(type, object.metadata.namespace), recreateManifest(object, inUse));
      return;
    } catch (err) {
      const nameTaken = err instanceof ApiRequestError && err.status?.reason === 'AlreadyExists';
      if (!nameTaken || Date.now() > deadline || signal.aborted) throw err;
      if (!(await stillGoing(client, type, object))) throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}

/** Whether the object holding the name is the deleted one on its way out (or already gone), not a new one. */
async function stillGoing(client: ApiClient, type: ResourceType, object: KubeObject): Promise<boolean> {
  try {
    const current = await client.get(objectPath(type, object.metadata.name ?? '', object.metadata.namespace));
    return current.metadata.deletionTimestamp !== undefined;
  } catch (err) {
    if (err instanceof ApiRequestError && err.code === 404) return true;
    throw err;
  }
}
