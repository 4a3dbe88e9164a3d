import { describe, expect, it } from 'vitest';
import { useSkiffServer } from '../support/skiff-fixture';
import { createPod, getPod, isReady, podEvents, waitForPod } from '../support/pods';

// gRPC probes against a real grpc.health.v1 server in a pod (skiff-test/grpc-health:v1, built by
// scripts/build-test-images.sh), from this host and through the gateway.

const healthPod = (name: string, service?: string) => ({
  metadata: { name },
  spec: {
    terminationGracePeriodSeconds: 1,
    containers: [
      {
        name: 'server',
        image: 'skiff-test/grpc-health:v1',
        args: ['9000', '=SERVING', 'ready=SERVING', 'db=NOT_SERVING'],
        readinessProbe: { grpc: { port: 9000, ...(service ? { service } : {}) }, periodSeconds: 1 },
      },
    ],
  },
});

async function readyAndUnready(f: ReturnType<typeof useSkiffServer>, label: string): Promise<void> {
  const created = Date.now();
  await createPod(f.skiff, f.ns, healthPod('serving'));
  await createPod(f.skiff, f.ns, healthPod('named', 'ready'));
  await createPod(f.skiff, f.ns, healthPod('down', 'db'));
  await waitForPod(f.skiff, f.ns, 'serving', isReady, 30_000);
  const readyMs = Date.now() - created;
  await waitForPod(f.skiff, f.ns, 'named', isReady, 30_000);
  await expect
    .poll(async () => (await podEvents(f.skiff, f.ns, 'down')).map((e) => e.message), { timeout: 20_000 })
    .toContain('Readiness probe failed: service unhealthy (responded with "NOT_SERVING")');
  const down = await getPod(f.skiff, f.ns, 'down');
  expect(down.status.phase).toBe('Running');
  expect(isReady(down)).toBe(false);
  console.log(`gRPC readiness (${label}): 3 pods created → first Ready in ${readyMs} ms`);
}

describe('gRPC probes from this host', () => {
  const f = useSkiffServer('grpc');
  it('turn a SERVING pod Ready and keep a NOT_SERVING one unready', () => readyAndUnready(f, 'direct'));
});

describe('gRPC probes through the gateway (SKIFF_POD_ROUTE=gateway)', () => {
  const f = useSkiffServer('grpcgw', { SKIFF_POD_ROUTE: 'gateway' });
  it('turn a SERVING pod Ready and keep a NOT_SERVING one unready', async () => {
    await expect.poll(() => f.skiff.output()).toContain('pods are reached through the gateway container');
    await readyAndUnready(f, 'gateway');
  });
});
