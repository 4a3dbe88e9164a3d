import { describe, expect, it } from 'vitest';
import { api } from '../support/skiff-process';
import { useSkiffServer } from '../support/skiff-fixture';
import { kubectl } from '../support/kubectl';
import { containerStatus, createPod, getPod, isReady, podEvents, waitForPod } from '../support/pods';

// Native sidecars: init containers with restartPolicy Always, against the real engine.
describe('native sidecars', () => {
  const f = useSkiffServer('sidecar');

  it("runs the Kubernetes docs' deployment-sidecar: Ready, and the sidecar's log shows the app's lines", async () => {
    const started = Date.now();
    // https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/ (deployment-sidecar.yaml), with the
    // test image in place of alpine
    const created = await api(f.skiff, `/apis/apps/v1/namespaces/${f.ns}/deployments`, {
      method: 'POST',
      body: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'myapp', labels: { app: 'myapp' } },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'myapp' } },
          template: {
            metadata: { labels: { app: 'myapp' } },
            spec: {
              terminationGracePeriodSeconds: 2,
              containers: [
                {
                  name: 'myapp',
                  image: 'skiff-test/tools:v1',
                  command: ['sh', '-c', 'while true; do echo "logging" >> /opt/logs.txt; sleep 1; done'],
                  volumeMounts: [{ name: 'data', mountPath: '/opt' }],
                },
              ],
              initContainers: [
                {
                  name: 'logshipper',
                  image: 'skiff-test/tools:v1',
                  restartPolicy: 'Always',
                  command: ['sh', '-c', 'tail -F /opt/logs.txt'],
                  volumeMounts: [{ name: 'data', mountPath: '/opt' }],
                },
              ],
              volumes: [{ name: 'data', emptyDir: {} }],
            },
          },
        },
      },
    });
    expect(created.status).toBe(201);
    await kubectl(f.skiff, ['rollout', 'status', 'deployment/myapp', '--timeout=60s'], f.ns);
    const readyMs = Date.now() - started;
    const pods = (await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods?labelSelector=app%3Dmyapp`)).body.items;
    expect(pods).toHaveLength(1);
    const pod = pods[0];
    expect(pod.status.phase).toBe('Running');
    expect(isReady(pod)).toBe(true);
    expect(containerStatus(pod, 'logshipper')).toMatchObject({ started: true, ready: true, restartCount: 0 });
    expect(pod.status.initContainerStatuses[0].state.running).toBeDefined();
    const table = (await kubectl(f.skiff, ['get', 'pod', pod.metadata.name, '--no-headers'], f.ns)).stdout;
    expect(table).toMatch(/\s2\/2\s+Running\s/);
    await expect
      .poll(
        async () => (await kubectl(f.skiff, ['logs', pod.metadata.name, '-c', 'logshipper'], f.ns)).stdout,
        {
          timeout: 10_000,
        },
      )
      .toContain('logging');
    console.log(`deployment-sidecar: create → rollout complete (pod Ready) in ${readyMs} ms`);
  });

  it('restarts a sidecar that exits while the app keeps running, and gates the app on its startup probe', async () => {
    await createPod(f.skiff, f.ns, {
      metadata: { name: 'flaky' },
      spec: {
        terminationGracePeriodSeconds: 2,
        restartPolicy: 'Never', // a sidecar restarts whatever the pod's policy
        volumes: [{ name: 'shared', emptyDir: {} }],
        initContainers: [
          {
            name: 'proxy',
            image: 'skiff-test/tools:v1',
            restartPolicy: 'Always',
            // up after 2 s; the first run exits after 4 s, later ones stay
            command: [
              'sh',
              '-c',
              'sleep 2; touch /shared/up; if [ ! -f /shared/ran ]; then touch /shared/ran; sleep 2; exit 3; fi; exec sleep 3600',
            ],
            startupProbe: {
              exec: { command: ['test', '-f', '/shared/up'] },
              periodSeconds: 1,
              failureThreshold: 30,
            },
            volumeMounts: [{ name: 'shared', mountPath: '/shared' }],
          },
        ],
        containers: [
          {
            name: 'app',
            image: 'skiff-test/tools:v1',
            // fails (and, under Never, stays failed) if it starts before the sidecar is up
            command: ['sh', '-c', 'test -f /shared/up && exec sleep 3600'],
            volumeMounts: [{ name: 'shared', mountPath: '/shared' }],
          },
        ],
      },
    });
    const pending = await getPod(f.skiff, f.ns, 'flaky');
    expect(pending.status?.phase ?? 'Pending').toBe('Pending');
    const started = Date.now();
    await waitForPod(
      f.skiff,
      f.ns,
      'flaky',
      (p) => (containerStatus(p, 'proxy')?.restartCount ?? 0) >= 1,
      30_000,
    );
    const restartedMs = Date.now() - started;
    const pod = await waitForPod(f.skiff, f.ns, 'flaky', (p) => isReady(p), 30_000);
    expect(containerStatus(pod, 'app')).toMatchObject({ restartCount: 0, ready: true });
    expect(containerStatus(pod, 'app').state.running).toBeDefined();
    expect(containerStatus(pod, 'proxy').lastState.terminated).toMatchObject({ exitCode: 3 });
    expect(pod.status.phase).toBe('Running');
    console.log(`sidecar exit → restarted (seen in status) ${restartedMs} ms after the pod was created`);

    // Deleting the pod stops the app first, then the sidecar.
    await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods/flaky`, { method: 'DELETE' });
    await expect
      .poll(async () => (await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods/flaky`)).status, {
        timeout: 30_000,
      })
      .toBe(404);
    const stops = (await podEvents(f.skiff, f.ns, 'flaky'))
      .filter((e) => e.reason === 'Killing')
      .map((e) => e.message);
    expect(stops).toEqual(['Stopping container app', 'Stopping container proxy']);
  });

  it("stops the sidecar once a run-to-completion pod's app has finished, and the pod Succeeds", async () => {
    await createPod(f.skiff, f.ns, {
      metadata: { name: 'job' },
      spec: {
        terminationGracePeriodSeconds: 1,
        restartPolicy: 'Never',
        initContainers: [
          {
            name: 'helper',
            image: 'skiff-test/tools:v1',
            restartPolicy: 'Always',
            command: ['sleep', '3600'],
          },
        ],
        containers: [
          { name: 'work', image: 'skiff-test/tools:v1', command: ['sh', '-c', 'sleep 1; echo done'] },
        ],
      },
    });
    const done = await waitForPod(
      f.skiff,
      f.ns,
      'job',
      (p) => p.status?.phase === 'Succeeded' && !!containerStatus(p, 'helper')?.state.terminated,
      30_000,
    );
    expect(containerStatus(done, 'work').state.terminated).toMatchObject({
      exitCode: 0,
      reason: 'Completed',
    });
    expect(containerStatus(done, 'helper').restartCount).toBe(0);
  });

  it('refuses restartPolicy on an app container and probes on a plain init container', async () => {
    const response = await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods`, {
      method: 'POST',
      body: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'bad' },
        spec: {
          initContainers: [
            { name: 'i', image: 'skiff-test/tools:v1', livenessProbe: { exec: { command: ['true'] } } },
          ],
          containers: [{ name: 'c', image: 'skiff-test/tools:v1', restartPolicy: 'Always' }],
        },
      },
    });
    expect(response.status).toBe(422);
    expect(response.body.details.causes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'spec.initContainers[0].livenessProbe',
          message: 'Forbidden: may not be set for init containers without restartPolicy=Always',
        }),
        expect.objectContaining({
          field: 'spec.containers[0].restartPolicy',
          message: 'Forbidden: may not be set for non-init containers',
        }),
      ]),
    );
  });
});
