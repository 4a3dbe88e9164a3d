// Kubernetes' slowStartBatch (pkg/controller/replicaset): create in batches of 1, 2, 4, … and stop at the first
// batch with a failure, so a template the API refuses costs one failed call, not hundreds of identical ones.

export const SLOW_START_INITIAL_BATCH_SIZE = 1;

/** Runs `fn` `count` times in doubling batches; resolves with the successes, or rejects with the first error. */
export async function slowStartBatch(
  count: number,
  initialBatchSize: number,
  fn: () => Promise<void>,
): Promise<number> {
  let remaining = count;
  let successes = 0;
  for (let size = Math.min(remaining, initialBatchSize); size > 0; size = Math.min(2 * size, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: size }, () => fn()));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    successes += results.length - results.filter((r) => r.status === 'rejected').length;
    if (failure) throw Object.assign(failure.reason as Error, { successes });
    remaining -= size;
  }
  return successes;
}
