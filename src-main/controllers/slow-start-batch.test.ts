import { describe, expect, it } from 'vitest';
import { slowStartBatch } from './slow-start-batch';

// The cases of Kubernetes' TestSlowStartBatch (pkg/controller/replicaset/replica_set_test.go).
describe('slowStartBatch', () => {
  it.each([
    { count: 10, initial: 1, failAfter: Infinity, calls: 10, successes: 10 },
    { count: 10, initial: 1, failAfter: 0, calls: 1, successes: 0 },
    { count: 10, initial: 1, failAfter: 3, calls: 7, successes: 3 }, // batches 1, 2, 4: the third fails
    { count: 5, initial: 2, failAfter: Infinity, calls: 5, successes: 5 },
  ])(
    '$count calls from $initial, failing after $failAfter',
    async ({ count, initial, failAfter, calls, successes }) => {
      let made = 0;
      const fn = async () => {
        made += 1;
        if (made > failAfter) throw new Error('refused');
      };
      const result = await slowStartBatch(count, initial, fn).then(
        (n) => n,
        (err: Error & { successes: number }) => err.successes,
      );
      expect(made).toBe(calls);
      expect(result).toBe(successes);
    },
  );
});
