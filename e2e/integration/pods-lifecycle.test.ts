import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { api, makeDataDir } from '../support/skiff-process';
import { useSkiffServer } from '../support/skiff-fixture';
import { containerStatus, createPod, getPod, isReady, podEvents, podLog, waitForPod } from '../support/pods';

const run = promisify(execFile);
const running = (name: string) => (pod: any) => !!containerStatus(pod, name)?.state?.running;

describe('pods on the real Docker engine', () => {
  const f = useSkiffServer('pods');

  it('runs two containers that share localhost and an emptyDir; killing one restarts only it', async () => {
    await createPod(f.skiff, f.ns, {
      metadata: { name: 'pair' },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'skiff-test/web:v1',
            ports: [{ containerPort: 8080, name: 'http' }],
            readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 1 },
            volumeMounts: [{ name: 'shared', mountPath: '/shared' }],
          },
          {
            name: 'side',
            image: 'skiff-test/tools:v1',
            command: [
              'sh',
              '-c',
              'while true; do wget -qO /shared/page http://localhost:8080/ 2>/dev/null; sleep 0.3; done',
            ],
            volumeMounts: [{ name: 'shared', mountPath: '/shared' }],
          },
        ],
        volumes: [{ name: 'shared', emptyDir: {} }],
      },
    });
    const ready = await waitForPod(f.skiff, f.ns, 'pair', isReady);
    expect(ready.status.phase).toBe('Running');
    expect(ready.status.podIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const webId = containerStatus(ready, 'web').containerID.replace('docker://', '');
    const sideId = containerStatus(ready, 'side').containerID.replace('docker://', '');
    // The web container sees the file its sibling fetched from it over localhost.
    await expect
      .poll(
        async () =>
          (await run('docker', ['exec', webId, 'cat', '/shared/page']).catch(() => ({ stdout: '' }))).stdout,
        { timeout: 10_000 },
      )
      .toContain('web v1');

    await run('docker', ['kill', sideId]);
    const after = await waitForPod(
      f.skiff,
      f.ns,
      'pair',
      (p) => containerStatus(p, 'side')?.restartCount === 1 && running('side')(p),
    );
    expect(containerStatus(after, 'web').restartCount).toBe(0);
    expect(containerStatus(after, 'web').containerID).toBe(`docker://${webId}`);
    expect(containerStatus(after, 'side').lastState.terminated).toMatchObject({
      exitCode: 137,
      reason: 'Error',
    });
    // The restarted sibling is back on the pod's network: it fetches the page again.
    const newSide = containerStatus(after, 'side').containerID.replace('docker://', '');
    await run('docker', ['exec', newSide, 'rm', '-f', '/shared/page']);
    await expect
      .poll(
        async () =>
          (await run('docker', ['exec', newSide, 'cat', '/shared/page']).catch(() => ({ stdout: '' })))
            .stdout,
        { timeout: 10_000 },
      )
      .toContain('web v1');
    const reasons = (await podEvents(f.skiff, f.ns, 'pair')).map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['Scheduled', 'Created', 'Started']));
  });

  it('restarts a container whose liveness probe starts failing (Unhealthy, then Killing)', async () => {
    await createPod(f.skiff, f.ns, {
      metadata: { name: 'liveness' },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [
          {
            name: 'app',
            image: 'skiff-test/tools:v1',
            command: ['sh', '-c', 'touch /tmp/healthy; sleep 2; rm /tmp/healthy; sleep 3600'],
            livenessProbe: {
              exec: { command: ['cat', '/tmp/healthy'] },
              periodSeconds: 1,
              failureThreshold: 2,
            },
          },
        ],
      },
    });
    await waitForPod(f.skiff, f.ns, 'liveness', (p) => containerStatus(p, 'app')?.restartCount >= 1, 30_000);
    const events = await podEvents(f.skiff, f.ns, 'liveness');
    const unhealthy = events.find((e) => e.reason === 'Unhealthy');
    expect(unhealthy?.message).toMatch(/^Liveness probe failed: cat: can't open '\/tmp\/healthy'/);
    expect(events.find((e) => e.reason === 'Killing')?.message).toBe(
      'Container app failed liveness probe, will be restarted',
    );
  });

  it('drives the Ready condition from the readiness probe, both ways', async () => {
    await createPod(f.skiff, f.ns, {
      metadata: { name: 'readiness' },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [
          {
            name: 'app',
            image: 'skiff-test/tools:v1',
            readinessProbe: {
              exec: { command: ['test', '-f', '/tmp/ready'] },
              periodSeconds: 1,
              failureThreshold: 1,
            },
          },
        ],
      },
    });
    const notReady = await waitForPod(f.skiff, f.ns, 'readiness', running('app'));
    expect(isReady(notReady)).toBe(false);
    const id = containerStatus(notReady, 'app').containerID.replace('docker://', '');
    await run('docker', ['exec', id, 'touch', '/tmp/ready']);
    await waitForPod(f.skiff, f.ns, 'readiness', isReady);
    await run('docker', ['exec', id, 'rm', '/tmp/ready']);
    const unready = await waitForPod(f.skiff, f.ns, 'readiness', (p) => !isReady(p));
    expect(unready.status.conditions.find((c: any) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotReady',
    });
  });

  it('reports OOMKilled when a container exceeds its memory limit', async () => {
    await createPod(f.skiff, f.ns, {
      metadata: { name: 'hog' },
      spec: {
        restartPolicy: 'Never',
        containers: [
          {
            name: 'hog',
            image: 'skiff-test/tools:v1',
            command: ['sh', '-c', 'x=aaaaaaaaaaaaaaaa; while true; do x=$x$x; done'],
            resources: { limits: { memory: '16Mi' } },
          },
        ],
      },
    });
    const pod = await waitForPod(f.skiff, f.ns, 'hog', (p) => p.status?.phase === 'Failed', 30_000);
    expect(containerStatus(pod, 'hog').state.terminated).toMatchObject({
      reason: 'OOMKilled',
      exitCode: 137,
    });
    expect(pod.status.qosClass).toBe('Burstable'); // a memory limit alone; Guaranteed needs cpu too
  });

  it('runs init containers in order before the app, and fails the pod on an init error with restartPolicy Never', async () => {
    await createPod(f.skiff, f.ns, {
      metadata: { name: 'inits' },
      spec: {
        restartPolicy: 'Never',
        initContainers: [
          {
            name: 'first',
            image: 'skiff-test/tools:v1',
            command: ['sh', '-c', 'echo first >> /work/order'],
            volumeMounts: [{ name: 'work', mountPath: '/work' }],
          },
          {
            name: 'second',
            image: 'skiff-test/tools:v1',
            command: ['sh', '-c', 'echo second >> /work/order'],
            volumeMounts: [{ name: 'work', mountPath: '/work' }],
          },
        ],
        containers: [
          {
            name: 'app',
            image: 'skiff-test/tools:v1',
            command: ['cat', '/work/order'],
            volumeMounts: [{ name: 'work', mountPath: '/work' }],
          },
        ],
        volumes: [{ name: 'work', emptyDir: {} }],
      },
    });
    const done = await waitForPod(f.skiff, f.ns, 'inits', (p) => p.status?.phase === 'Succeeded');
    expect((await podLog(f.skiff, f.ns, 'inits', 'container=app')).text).toBe('first\nsecond\n');
    expect(done.status.initContainerStatuses.map((s: any) => s.state.terminated.reason)).toEqual([
      'Completed',
      'Completed',
    ]);

    await createPod(f.skiff, f.ns, {
      metadata: { name: 'bad-init' },
      spec: {
        restartPolicy: 'Never',
        initContainers: [{ name: 'setup', image: 'skiff-test/tools:v1', command: ['sh', '-c', 'exit 3'] }],
        containers: [{ name: 'app', image: 'skiff-test/tools:v1' }],
      },
    });
    const failed = await waitForPod(f.skiff, f.ns, 'bad-init', (p) => p.status?.phase === 'Failed');
    expect(containerStatus(failed, 'setup').state.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(containerStatus(failed, 'app').state.waiting.reason).toBe('PodInitializing');
  });

  it('ends a pull of an unreachable remote image in ErrImagePull, then ImagePullBackOff, with the engine message', async () => {
    await createPod(f.skiff, f.ns, {
      metadata: { name: 'remote' },
      spec: { containers: [{ name: 'app', image: 'skiff-test-remote/not-here:1.0' }] },
    });
    const pulling = await waitForPod(f.skiff, f.ns, 'remote', (p) =>
      ['ErrImagePull', 'ImagePullBackOff'].includes(containerStatus(p, 'app')?.state?.waiting?.reason),
    );
    expect(containerStatus(pulling, 'app').state.waiting.message).toMatch(
      /Failed to pull image "skiff-test-remote\/not-here:1.0": .+/,
    );
    await waitForPod(
      f.skiff,
      f.ns,
      'remote',
      (p) => containerStatus(p, 'app')?.state?.waiting?.reason === 'ImagePullBackOff',
    );
    const reasons = (await podEvents(f.skiff, f.ns, 'remote')).map((e) => `${e.reason}: ${e.message}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Pulling: Pulling image/),
        expect.stringMatching(/^Failed: Failed to pull image/),
        'Failed: Error: ErrImagePull',
      ]),
    );
  });

  it('backs a crash loop off with growing delays (real time)', async () => {
    await createPod(f.skiff, f.ns, {
      metadata: { name: 'crasher' },
      spec: {
        containers: [
          { name: 'app', image: 'skiff-test/tools:v1', command: ['sh', '-c', 'echo crashing; exit 1'] },
        ],
      },
    });
    const seen = new Set<string>();
    await waitForPod(
      f.skiff,
      f.ns,
      'crasher',
      (p) => {
        const message = containerStatus(p, 'app')?.state?.waiting?.message ?? '';
        const backoff = /back-off (\d+s)/.exec(message)?.[1];
        if (backoff) seen.add(backoff);
        return seen.has('20s');
      },
      45_000,
    );
    expect([...seen]).toEqual(['10s', '20s']);
    const pod = await getPod(f.skiff, f.ns, 'crasher');
    expect(containerStatus(pod, 'app')).toMatchObject({
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: { terminated: { exitCode: 1, reason: 'Error' } },
    });
    expect((await podLog(f.skiff, f.ns, 'crasher', 'previous=true')).text).toBe('crashing\n');
    expect((await podEvents(f.skiff, f.ns, 'crasher')).find((e) => e.reason === 'BackOff')?.message).toMatch(
      /^Back-off restarting failed container app in pod crasher/,
    );
  }, 60_000);

  it('keeps a pod that does not fit Pending with FailedScheduling, and starts it when room appears', async () => {
    const node = (await api(f.skiff, '/api/v1/nodes/skiff')).body;
    const allocatableKi = Number(String(node.status.allocatable.memory).replace('Ki', ''));
    const big = `${Math.floor((allocatableKi * 0.6) / 1024)}Mi`;
    await createPod(f.skiff, f.ns, {
      metadata: { name: 'big-1' },
      spec: {
        terminationGracePeriodSeconds: 0,
        containers: [{ name: 'app', image: 'skiff-test/tools:v1', resources: { requests: { memory: big } } }],
      },
    });
    await createPod(f.skiff, f.ns, {
      metadata: { name: 'big-2' },
      spec: {
        containers: [{ name: 'app', image: 'skiff-test/tools:v1', resources: { requests: { memory: big } } }],
      },
    });
    const pending = await waitForPod(f.skiff, f.ns, 'big-2', (p) =>
      p.status?.conditions?.some((c: any) => c.type === 'PodScheduled' && c.status === 'False'),
    );
    expect(pending.status.conditions.find((c: any) => c.type === 'PodScheduled')).toMatchObject({
      reason: 'Unschedulable',
      message: '0/1 nodes are available: 1 Insufficient memory.',
    });
    await expect
      .poll(
        async () =>
          (await podEvents(f.skiff, f.ns, 'big-2')).find((e) => e.reason === 'FailedScheduling')?.type,
      )
      .toBe('Warning');
    await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods/big-1`, { method: 'DELETE' });
    await waitForPod(f.skiff, f.ns, 'big-2', running('app'), 30_000);
    await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods/big-2?gracePeriodSeconds=0`, { method: 'DELETE' });
  });

  it('shows the engine as a Node with capacity, conditions and facts', async () => {
    const node = (await api(f.skiff, '/api/v1/nodes/skiff')).body;
    expect(node.status.conditions.find((c: any) => c.type === 'Ready')).toMatchObject({
      status: 'True',
      reason: 'KubeletReady',
    });
    expect(Number(node.status.capacity.cpu)).toBeGreaterThan(0);
    expect(node.status.capacity.memory).toMatch(/^\d+Ki$/);
    expect(node.status.nodeInfo.containerRuntimeVersion).toMatch(/^docker:\/\//);
  });

  it('stops and removes a deleted pod gracefully, its containers and emptyDir volumes with it', async () => {
    const created = await createPod(f.skiff, f.ns, {
      metadata: { name: 'goner' },
      spec: {
        terminationGracePeriodSeconds: 2,
        containers: [
          { name: 'app', image: 'skiff-test/tools:v1', volumeMounts: [{ name: 'v', mountPath: '/v' }] },
        ],
        volumes: [{ name: 'v', emptyDir: {} }],
      },
    });
    await waitForPod(f.skiff, f.ns, 'goner', running('app'));
    const response = await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods/goner`, { method: 'DELETE' });
    expect(response.body.metadata.deletionTimestamp).toBeDefined();
    const uid = created.metadata.uid;
    await expect.poll(async () => (await getPod(f.skiff, f.ns, 'goner')).code, { timeout: 15_000 }).toBe(404);
    expect(
      (await run('docker', ['ps', '-aq', '--filter', `label=io.skiff.pod-uid=${uid}`])).stdout.trim(),
    ).toBe('');
    expect(
      (
        await run('docker', ['volume', 'ls', '-q', '--filter', `label=io.skiff.pod-uid=${uid}`])
      ).stdout.trim(),
    ).toBe('');
  });
});

describe('pod spec details on the real engine', () => {
  const f = useSkiffServer('details');

  it('honours env, workingDir, runAsUser, read-only root, hostPath, tmpfs emptyDir, a startup probe and the termination message', async () => {
    const hostDir = await makeDataDir();
    try {
      await createPod(f.skiff, f.ns, {
        metadata: { name: 'details', labels: { app: 'details' } },
        spec: {
          restartPolicy: 'Never',
          hostname: 'custom-host',
          containers: [
            {
              name: 'app',
              image: 'skiff-test/tools:v1',
              workingDir: '/data',
              env: [
                { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
                { name: 'GREETING', value: 'hi $(POD_NAME)' },
              ],
              command: ['sh', '-c'],
              args: [
                'sleep 1; echo "$GREETING $(pwd) $(id -u) $(hostname) ip=$POD_IP" > /host/out; touch /x 2>/dev/null && echo rw >> /host/out || echo ro >> /host/out; grep " /fast " /proc/mounts | cut -d" " -f3 >> /host/out; echo goodbye > /dev/termination-log; exit 2',
              ],
              securityContext: { runAsUser: 1000, readOnlyRootFilesystem: true },
              startupProbe: { exec: { command: ['true'] }, periodSeconds: 1 },
              volumeMounts: [
                { name: 'host', mountPath: '/host' },
                { name: 'fast', mountPath: '/fast' },
                { name: 'data', mountPath: '/data' },
              ],
            },
          ],
          volumes: [
            { name: 'host', hostPath: { path: hostDir, type: 'Directory' } },
            { name: 'fast', emptyDir: { medium: 'Memory' } },
            { name: 'data', emptyDir: {} },
          ],
        },
      });
      await run('chmod', ['777', hostDir]);
      const done = await waitForPod(f.skiff, f.ns, 'details', (p) => p.status?.phase === 'Failed', 30_000);
      expect(containerStatus(done, 'app').state.terminated).toMatchObject({
        exitCode: 2,
        reason: 'Error',
        message: 'goodbye\n',
      });
      const out = (await run('cat', [join(hostDir, 'out')])).stdout.trim().split('\n');
      expect(out[0]).toBe(`hi details /data 1000 custom-host ip=${done.status.podIP}`);
      expect(out.slice(1)).toEqual(['ro', 'tmpfs']);
    } finally {
      await rm(hostDir, { recursive: true, force: true });
    }
  });
});
