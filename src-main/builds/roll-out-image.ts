import type { Deployment } from '../shared/workload-types';
import { deploymentType } from '../shared/resource-types';
import { ApiError } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';

/**
 * Sets a container's image on a Deployment (a new pod template, so a real new revision a rollback returns from).
 * The image exists only in the local engine: IfNotPresent, so no pull is tried. Returns what happened in words.
 */
export async function rollOutImage(
  store: ObjectStore,
  namespace: string,
  name: string,
  container: string,
  image: string,
): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const current = store.get(deploymentType, namespace, name) as Deployment;
    const next = structuredClone(current);
    const target = next.spec.template.spec.containers.find((c) => c.name === container);
    if (!target)
      throw new ApiError(422, 'Invalid', `container "${container}" is not in Deployment "${name}"`);
    if (target.image === image) return `already at ${image}: no new revision (the build changed nothing)`;
    target.image = image;
    target.imagePullPolicy = 'IfNotPresent';
    try {
      await store.update(deploymentType, next);
      return `${container} → ${image}`;
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 409 || attempt >= 5) throw err;
    }
  }
}

function newPodsReady(d: Deployment | undefined): boolean {
  if (!d) return true;
  const want = d.spec.replicas ?? 1;
  const s = d.status;
  return (
    !!s &&
    (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) &&
    (s.updatedReplicas ?? 0) === want &&
    (s.replicas ?? 0) === want &&
    (s.readyReplicas ?? 0) >= want
  );
}

/** Resolves (with the seconds waited) once every pod is of the current template and Ready; rejects after 5 min. */
export function waitForNewPodsReady(
  store: ObjectStore,
  namespace: string,
  name: string,
  signal: AbortSignal,
): Promise<number> {
  const started = performance.now();
  const current = () => store.tryGet(deploymentType, namespace, name) as Deployment | undefined;
  return new Promise((resolve, reject) => {
    const finish = (err?: Error) => {
      subscription.dispose();
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve((performance.now() - started) / 1000);
    };
    const onAbort = () => finish(new Error('cancelled'));
    const subscription = store.subscribe((_event, type) => {
      if (type === deploymentType && newPodsReady(current())) finish();
    });
    const timer = setTimeout(
      () => finish(new Error(`Deployment "${name}" did not get Ready pods within 5 minutes`)),
      300_000,
    );
    signal.addEventListener('abort', onAbort);
    if (newPodsReady(current())) finish();
  });
}
