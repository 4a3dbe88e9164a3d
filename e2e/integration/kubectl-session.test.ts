import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KUBECTL, kubectl } from '../support/kubectl';
import { useSkiffServer } from '../support/skiff-fixture';
import { isReady } from '../support/pods';
import { api } from '../support/skiff-process';

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
      - name: web
        image: skiff-test/web:v1
        ports: [{name: http, containerPort: 8080}]
        resources: {requests: {cpu: 50m, memory: 16Mi}}
        readinessProbe:
          httpGet: {path: /healthz, port: http}
          periodSeconds: 1
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: http}]
`;

/** A long-running kubectl (get -w, logs -f, port-forward): its output so far, and a way to stop it. */
function background(f: ReturnType<typeof useSkiffServer>, args: string[]) {
  const child: ChildProcess = spawn(KUBECTL, [
    '--kubeconfig',
    f.skiff.kubeconfig,
    '--cache-dir',
    join(f.skiff.dataDir, 'kubectl-cache'),
    '-n',
    f.ns,
    ...args,
  ]);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    output: () => output,
    async waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(output);
        if (match) return match;
        if (Date.now() > deadline)
          throw new Error(`kubectl ${args.join(' ')} never printed ${pattern}:\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      child.kill('SIGINT');
      await exited;
    },
  };
}

describe('a whole kubectl session against Skiff', () => {
  const f = useSkiffServer('kubectl', {}, ['--metrics-interval', '1']);
  const run = (...args: string[]) => kubectl(f.skiff, args, f.ns).then((r) => r.stdout);
  const streams: Array<{ stop(): Promise<void> }> = [];
  afterAll(async () => {
    for (const s of streams) await s.stop();
  });

  it('applies, watches, scales, sets the image, rolls back, streams logs, execs, forwards, tops and deletes', async () => {
    const file = join(f.dir, 'web.yaml');
    await writeFile(file, MANIFEST);
    const watch = background(f, ['get', 'pods', '-w', '-l', 'app=web']);
    streams.push(watch);

    expect(await run('apply', '-f', file)).toBe('deployment.apps/web created\nservice/web created\n');
    expect(await run('rollout', 'status', 'deployment/web', '--timeout=60s')).toMatch(
      /deployment "web" successfully rolled out/,
    );
    expect(await run('apply', '-f', file)).toBe('deployment.apps/web unchanged\nservice/web unchanged\n');
    // the watch printed the pods as they came up, in kubectl's columns
    await watch.waitFor(/web-\w+-\w+\s+1\/1\s+Running\s+0/);

    expect(await run('describe', 'service', 'web')).toMatch(/Endpoints:\s+[\d.]+:8080,[\d.]+:8080\n/);
    expect(await run('describe', 'deployment', 'web')).toMatch(
      /NewReplicaSet:\s+web-\w+ \(2\/2 replicas created\)/,
    );
    expect(await run('describe', 'pods', '-l', 'app=web')).toMatch(
      /Readiness:\s+http-get http:\/\/:http\/healthz/,
    );
    expect(await run('scale', 'deployment/web', '--replicas=3')).toBe('deployment.apps/web scaled\n');
    await run('rollout', 'status', 'deployment/web', '--timeout=60s');
    expect(await run('get', 'deploy', 'web', '--no-headers')).toMatch(/^web\s+3\/3\s+3\s+3\s/);

    expect(await run('set', 'image', 'deployment/web', 'web=skiff-test/web:v2')).toBe(
      'deployment.apps/web image updated\n',
    );
    await run('rollout', 'status', 'deployment/web', '--timeout=90s');
    const history = await run('rollout', 'history', 'deployment/web');
    expect(history).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
    expect(await run('rollout', 'undo', 'deployment/web')).toBe('deployment.apps/web rolled back\n');
    await run('rollout', 'status', 'deployment/web', '--timeout=90s');
    expect(
      await run('get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'),
    ).toBe('skiff-test/web:v1');

    // port-forward to the Service (kubectl picks a pod behind it), then the request shows in logs -f
    const forward = background(f, ['port-forward', 'svc/web', ':80']);
    streams.push(forward);
    const [, port] = await forward.waitFor(/Forwarding from 127\.0\.0\.1:(\d+) -> 8080/);
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(await page.text()).toContain('web v1');
    // kubectl logs -l refuses the whole selection while any pod is still starting: wait for the rollout's
    // stragglers to settle (three ready pods, none going away)
    await expect
      .poll(
        async () => {
          const items = (await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods?labelSelector=app%3Dweb`)).body
            .items as any[];
          return items.length === 3 && items.every((p) => !p.metadata.deletionTimestamp && isReady(p));
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    const logs = background(f, [
      'logs',
      '-f',
      '--all-containers',
      '--prefix',
      '-l',
      'app=web',
      '--max-log-requests',
      '5',
    ]);
    streams.push(logs);
    // busybox httpd -v logs each response (the readiness probes' too), so lines keep arriving while -f follows
    await logs.waitFor(
      /\[pod\/web-[\w-]+\/web\] \S+ response:200\n(.|\n)*\[pod\/web-[\w-]+\/web\] \S+ response:200/,
    );

    expect(await run('exec', 'deploy/web', '--', 'sh', '-c', 'echo from $(hostname)')).toMatch(/^from web-/);

    // a pod shows in top from its second metrics round (a CPU rate needs two readings)
    await expect
      .poll(
        async () =>
          (await run('top', 'pods', '-l', 'app=web', '--no-headers').catch(() => '')).trim().split('\n')
            .length,
        { timeout: 20_000 },
      )
      .toBe(3);

    const events = await run('get', 'events', '--field-selector', 'involvedObject.kind=Deployment');
    expect(events).toMatch(/ScalingReplicaSet\s+deployment\/web\s+Scaled up replica set web-\w+ from 0 to 2/);

    for (const s of streams.splice(0)) await s.stop();
    expect(await run('delete', '-f', file)).toBe('deployment.apps "web" deleted\nservice "web" deleted\n');
    await expect
      .poll(
        async () =>
          (await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods?labelSelector=app%3Dweb`)).body.items.length,
        {
          timeout: 30_000,
        },
      )
      .toBe(0);
  }, 240_000);
});
