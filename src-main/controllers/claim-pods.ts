import type { KubeObject } from '../shared/api-types';
import type { Pod } from '../shared/pod-types';
import { controllerRef } from '../shared/owner-refs';
import { podType } from '../shared/resource-types';
import { ignoreGoneOrChanged } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import { controllerOf } from './plan-replica-set';

// Kubernetes' PodControllerRefManager.ClaimPods: a controller's own pods, orphans it matches adopted (unless it
// is being deleted), and its pods that no longer match released. A pod being deleted stays with its owner.

export async function claimPods(
  store: ObjectStore,
  owner: KubeObject,
  matches: (pod: Pod) => boolean,
): Promise<Pod[]> {
  const uid = owner.metadata.uid;
  const owned: Pod[] = [];
  for (const pod of store.list(podType, { namespace: owner.metadata.namespace }).items as Pod[]) {
    const controller = controllerOf(pod);
    const wanted = matches(pod);
    if (controller?.uid === uid) {
      if (wanted || pod.metadata.deletionTimestamp) owned.push(pod);
      else
        await setOwners(
          store,
          pod,
          (pod.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid),
        );
    } else if (
      !controller &&
      wanted &&
      !pod.metadata.deletionTimestamp &&
      !owner.metadata.deletionTimestamp
    ) {
      const adopted = await setOwners(store, pod, [
        ...(pod.metadata.ownerReferences ?? []),
        controllerRef(owner),
      ]);
      if (adopted) owned.push(adopted);
    }
  }
  return owned;
}

async function setOwners(
  store: ObjectStore,
  pod: Pod,
  refs: Pod['metadata']['ownerReferences'],
): Promise<Pod | undefined> {
  try {
    return (await store.update(podType, {
      ...pod,
      metadata: { ...pod.metadata, ownerReferences: refs?.length ? refs : undefined },
    })) as Pod;
  } catch (err) {
    ignoreGoneOrChanged(err);
    return undefined;
  }
}
