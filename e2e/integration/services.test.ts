import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docker } from '../support/docker-cli';
import { api, type SkiffProcess } from '../support/skiff-process';
import { useSkiffServer } from '../support/skiff-fixture';
import { createPod, isReady, makeNamespace, waitForPod } from '../support/pods';
import { KUBECTL, kubectl } from '../support/kubectl';
import { webPod } from '../support/manifests';

/** One HTTP GET from the host, on a fresh connection. */
function hostGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false, timeout: 3000 }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end();
  });
}

async function createService(skiff: SkiffProcess, ns: string, body: Record<string, unknown>): Promise<any> {
  const res = await api(skiff, `/api/v1/namespaces/${ns}/services`, { method: 'POST', body });
  if (res.status !== 201) throw new Error(`creating service: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

describe('Services on the real engine', () => {
  const f = useSkiffServer('svc');
  const exec = async (pod: string, command: string, ns = f.ns) =>
    (await kubectl(f.skiff, ['exec', pod, '--', 'sh', '-c', command], ns)).stdout;
  /** The id of a Service's running container in a role (service-proxy, or service-nodeport in the host's network). */
  const proxyOf = async (service: string, role = 'service-proxy') =>
    (
      await docker([
        'ps',
        '-q',
        '--filter',
        `label=io.skiff.service=${f.ns}/${service}`,
        '--filter',
        `label=io.skiff.role=${role}`,
      ])
    ).trim();

  it('spreads requests by name over ready pods, drops a pod that turns not-ready, and serves a NodePort on 127.0.0.1', async () => {
    for (const name of ['web-a', 'web-b', 'web-c'])
      await createPod(f.skiff, f.ns, webPod(name, { app: 'web' }));
    await createPod(f.skiff, f.ns, {
      metadata: { name: 'client' },
      spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'skiff-test/tools:v1' }] },
    });
    const service = await createService(f.skiff, f.ns, {
      metadata: { name: 'web' },
      spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] },
    });
    const nodePort = service.spec.ports[0].nodePort;
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    expect(nodePort).toBeLessThanOrEqual(32767);
    for (const name of ['web-a', 'web-b', 'web-c', 'client']) await waitForPod(f.skiff, f.ns, name, isReady);
    await expect
      .poll(
        async () =>
          (await api(f.skiff, `/api/v1/namespaces/${f.ns}/endpoints/web`)).body.subsets?.[0]?.addresses
            ?.length ?? 0,
        { timeout: 10_000 },
      )
      .toBe(3);
    const endpoints = (await api(f.skiff, `/api/v1/namespaces/${f.ns}/endpoints/web`)).body;
    expect(endpoints.subsets[0].ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
    const slices = (
      await api(
        f.skiff,
        `/apis/discovery.k8s.io/v1/namespaces/${f.ns}/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3Dweb`,
      )
    ).body.items;
    expect(slices).toHaveLength(1);
    expect(slices[0].endpoints.filter((e: any) => e.conditions.ready)).toHaveLength(3);

    // Twenty requests from a pod, by the Service's short name, each on a new connection.
    await expect
      .poll(() => exec('client', 'wget -q -O - http://web/cgi-bin/host'), { timeout: 10_000 })
      .toMatch(/^web-[abc]\n$/);
    const hosts = (await exec('client', 'for i in $(seq 20); do wget -q -O - http://web/cgi-bin/host; done'))
      .trim()
      .split('\n');
    expect(hosts).toHaveLength(20);
    expect(new Set(hosts).size).toBeGreaterThanOrEqual(2);
    const clusterIP = (await api(f.skiff, `/api/v1/namespaces/${f.ns}/services/web`)).body.spec.clusterIP;
    expect(clusterIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(await exec('client', `wget -q -O - http://web.${f.ns}.svc.cluster.local/`)).toContain('web v1');

    // From the host, on the NodePort: served by a proxy in the host's network (this host reaches pods), bound
    // to 127.0.0.1 only, with no docker-proxy in between.
    const fromHost = await hostGet(nodePort, '/cgi-bin/host');
    expect(fromHost.status).toBe(200);
    expect(fromHost.body).toMatch(/^web-[abc]\n$/);
    const onHost = await proxyOf('web', 'service-nodeport');
    expect(await docker(['inspect', '-f', '{{.HostConfig.NetworkMode}}', onHost])).toBe('host\n');
    expect(await docker(['port', await proxyOf('web')])).not.toContain(String(nodePort));

    // web-c stops being ready (its health file goes): once the Endpoints say so and the proxy has its new
    // routes (a batch of requests without web-c), it gets no request.
    await exec('web-c', 'rm /www/healthz');
    await waitForPod(f.skiff, f.ns, 'web-c', (pod) => !isReady(pod));
    const notReady = async () =>
      ((await api(f.skiff, `/api/v1/namespaces/${f.ns}/endpoints/web`)).body.subsets ?? []).flatMap(
        (subset: any) => (subset.notReadyAddresses ?? []).map((a: any) => a.targetRef?.name),
      );
    await expect.poll(notReady, { timeout: 10_000 }).toEqual(['web-c']);
    await expect
      .poll(() => exec('client', 'for i in $(seq 20); do wget -q -O - http://web/cgi-bin/host; done'), {
        timeout: 10_000,
      })
      .not.toContain('web-c');
    const after = (await exec('client', 'for i in $(seq 20); do wget -q -O - http://web/cgi-bin/host; done'))
      .trim()
      .split('\n');
    expect(after).toHaveLength(20);
    expect(after).not.toContain('web-c');
    const fromHostAfter = await Promise.all(
      Array.from({ length: 10 }, () => hostGet(nodePort, '/cgi-bin/host')),
    );
    expect(fromHostAfter.map((r) => r.body.trim())).not.toContain('web-c');
  }, 90_000);

  it('gives pods the service environment variables, and reaches a Service in another namespace by name.namespace', async () => {
    const other = await makeNamespace(f.skiff, 'svc-other');
    try {
      await createPod(f.skiff, other, webPod('remote', { app: 'remote' }));
      await createService(f.skiff, other, {
        metadata: { name: 'remote' },
        spec: { selector: { app: 'remote' }, ports: [{ name: 'http', port: 8000, targetPort: 8080 }] },
      });
      await waitForPod(f.skiff, other, 'remote', isReady);
      await expect
        .poll(
          () =>
            exec('client', `wget -q -O - http://remote.${other}:8000/cgi-bin/host`).catch((e) => String(e)),
          { timeout: 10_000 },
        )
        .toBe('remote\n');
      // The short name is the other namespace's own.
      await expect(exec('client', 'wget -q -O - http://remote:8000/')).rejects.toThrow();

      await createPod(f.skiff, f.ns, {
        metadata: { name: 'env-reader' },
        spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'skiff-test/tools:v1' }] },
      });
      await waitForPod(f.skiff, f.ns, 'env-reader', isReady);
      const web = (await api(f.skiff, `/api/v1/namespaces/${f.ns}/services/web`)).body;
      expect(await exec('env-reader', 'echo "$WEB_SERVICE_HOST:$WEB_SERVICE_PORT $WEB_PORT"')).toBe(
        `${web.spec.clusterIP}:80 tcp://${web.spec.clusterIP}:80\n`,
      );
      expect(await exec('env-reader', `wget -q -O - http://$WEB_SERVICE_HOST:$WEB_SERVICE_PORT/`)).toContain(
        'web v1',
      );
    } finally {
      await api(f.skiff, `/api/v1/namespaces/${other}`, { method: 'DELETE' });
    }
  }, 90_000);

  it('routes a selector-less Service to manual Endpoints, and shows 127.0.0.1 for a LoadBalancer', async () => {
    const web = (await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods/web-a`)).body;
    await createService(f.skiff, f.ns, { metadata: { name: 'manual' }, spec: { ports: [{ port: 9000 }] } });
    const ep = await api(f.skiff, `/api/v1/namespaces/${f.ns}/endpoints`, {
      method: 'POST',
      body: {
        metadata: { name: 'manual' },
        subsets: [{ addresses: [{ ip: web.status.podIP }], ports: [{ port: 8080 }] }],
      },
    });
    expect(ep.status).toBe(201);
    await expect
      .poll(() => exec('client', 'wget -q -O - http://manual:9000/cgi-bin/host').catch((e) => String(e)), {
        timeout: 10_000,
      })
      .toBe('web-a\n');

    const lb = await createService(f.skiff, f.ns, {
      metadata: { name: 'public' },
      spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
    });
    await expect
      .poll(async () => (await api(f.skiff, `/api/v1/namespaces/${f.ns}/services/public`)).body.status, {
        timeout: 10_000,
      })
      .toEqual({ loadBalancer: { ingress: [{ ip: '127.0.0.1' }] } });
    // The proxy reads its routes within 100 ms of being made; until then Docker's port answers with a reset.
    await expect
      .poll(async () => (await hostGet(lb.spec.ports[0].nodePort, '/').catch(() => ({ body: '' }))).body, {
        timeout: 10_000,
      })
      .toContain('web v1');
  }, 60_000);

  it('keeps serving through a rolling update of the Deployment behind a NodePort Service', async () => {
    const deployment = (image: string) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'rolling' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'rolling' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
        template: {
          metadata: { labels: { app: 'rolling' } },
          spec: {
            terminationGracePeriodSeconds: 1,
            containers: [
              {
                name: 'web',
                image,
                ports: [{ name: 'http', containerPort: 8080 }],
                readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 1 },
              },
            ],
          },
        },
      },
    });
    const base = `/apis/apps/v1/namespaces/${f.ns}/deployments`;
    await api(f.skiff, base, { method: 'POST', body: deployment('skiff-test/web:v1') });
    const service = await createService(f.skiff, f.ns, {
      metadata: { name: 'rolling' },
      spec: { type: 'NodePort', selector: { app: 'rolling' }, ports: [{ port: 80, targetPort: 'http' }] },
    });
    const nodePort = service.spec.ports[0].nodePort;
    await kubectl(f.skiff, ['rollout', 'status', 'deployment/rolling', '--timeout=60s'], f.ns);
    await expect
      .poll(async () => (await hostGet(nodePort, '/').catch(() => ({ body: '' }))).body, { timeout: 10_000 })
      .toContain('web v1');

    // A steady client on the host, one request at a time on fresh connections, for the whole rollout.
    let running = true;
    const results: Array<{ ok: boolean; body: string; error?: string }> = [];
    const client = (async () => {
      while (running) {
        try {
          const r = await hostGet(nodePort, '/');
          results.push({ ok: r.status === 200, body: r.body });
        } catch (err) {
          results.push({ ok: false, body: '', error: (err as Error).message });
        }
      }
    })();
    await api(f.skiff, `${base}/rolling`, {
      method: 'PATCH',
      contentType: 'application/strategic-merge-patch+json',
      body: { spec: { template: { spec: { containers: [{ name: 'web', image: 'skiff-test/web:v2' }] } } } },
    });
    await kubectl(f.skiff, ['rollout', 'status', 'deployment/rolling', '--timeout=60s'], f.ns);
    // the old pods finish terminating under the client, which then still gets answers
    await expect
      .poll(
        async () =>
          (await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods?labelSelector=app%3Drolling`)).body.items
            .length,
        { timeout: 20_000 },
      )
      .toBe(3);
    const answeredBefore = results.length;
    await expect.poll(() => results.length, { timeout: 10_000 }).toBeGreaterThan(answeredBefore + 5);
    running = false;
    await client;
    const failed = results.filter((r) => !r.ok);
    console.log(
      `requests during the rollout: ${results.length}, failed: ${failed.length}`,
      failed.slice(0, 3),
    );
    expect(results.length).toBeGreaterThan(50);
    expect(failed).toEqual([]);
    expect(results.some((r) => r.body.includes('web v1'))).toBe(true);
    expect(results.at(-1)!.body).toContain('web v2');
  }, 120_000);

  it('carries HTTP through kubectl port-forward, to a pod and to a Service', async () => {
    for (const target of ['pod/web-a', 'svc/web']) {
      const remote = target.startsWith('svc') ? '80' : '8080';
      const child = spawn(KUBECTL, [
        '--kubeconfig',
        f.skiff.kubeconfig,
        '--cache-dir',
        join(f.skiff.dataDir, 'kubectl-cache'),
        '-n',
        f.ns,
        'port-forward',
        target,
        `:${remote}`,
      ]);
      try {
        const localPort = await new Promise<number>((resolve, reject) => {
          let out = '';
          child.stdout.on('data', (d: Buffer) => {
            out += d.toString();
            const m = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(out);
            if (m) resolve(Number(m[1]));
          });
          child.stderr.on('data', (d: Buffer) => (out += d.toString()));
          child.on('exit', (code) => reject(new Error(`kubectl port-forward exited with ${code}: ${out}`)));
        });
        const answer = await hostGet(localPort, '/cgi-bin/host');
        expect(answer.status).toBe(200);
        expect(answer.body).toMatch(target === 'pod/web-a' ? /^web-a\n$/ : /^web-[abc]\n$/);
        expect((await hostGet(localPort, '/')).body).toContain('web v1');
      } finally {
        child.kill();
      }
    }
  }, 60_000);

  it('keeps a Service its cluster IP when its proxy is re-created (removed by hand, or a nodePort change)', async () => {
    await createService(f.skiff, f.ns, {
      metadata: { name: 'stable' },
      spec: { selector: { app: 'stable' }, ports: [{ port: 80, targetPort: 8080 }] },
    });
    await createPod(f.skiff, f.ns, webPod('stable-1', { app: 'stable' }));
    await createPod(f.skiff, f.ns, {
      metadata: { name: 'stable-client' },
      spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'skiff-test/tools:v1' }] },
    });
    for (const name of ['stable-1', 'stable-client']) await waitForPod(f.skiff, f.ns, name, isReady);
    const path = `/api/v1/namespaces/${f.ns}/services/stable`;
    const clusterIP = await expect
      .poll(async () => (await api(f.skiff, path)).body.spec.clusterIP ?? '', { timeout: 10_000 })
      .toMatch(/^\d+\.\d+\.\d+\.\d+$/)
      .then(async () => (await api(f.skiff, path)).body.spec.clusterIP as string);
    const byAddress = () => exec('stable-client', `wget -q -O - http://${clusterIP}/cgi-bin/host || true`);
    await expect.poll(byAddress, { timeout: 10_000 }).toBe('stable-1\n');
    const proxyIP = async () => {
      const ids = await proxyOf('stable');
      if (!ids) return '';
      // a proxy being replaced may be gone between the two calls: the next poll sees the new one
      return (
        await docker([
          'inspect',
          '-f',
          '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}',
          ids,
        ]).catch(() => '')
      ).trim();
    };
    expect((await proxyIP()).split(' ')).toContain(clusterIP);

    // the proxy container removed behind Skiff's back comes back at the same address
    const before = await proxyOf('stable');
    await docker(['rm', '-f', before]);
    await expect.poll(proxyIP, { timeout: 15_000 }).toContain(clusterIP);
    await expect.poll(byAddress, { timeout: 10_000 }).toBe('stable-1\n');

    // becoming a NodePort keeps the address too (here a second proxy serves the nodePort from the host's
    // network; where the host cannot reach pods the proxy is remade to publish it, see probes-through-gateway)
    await api(f.skiff, path, {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: { spec: { type: 'NodePort' } },
    });
    const after = await api(f.skiff, path);
    expect(after.body.spec.clusterIP).toBe(clusterIP);
    const nodePort = after.body.spec.ports[0].nodePort;
    await expect
      .poll(async () => (await hostGet(nodePort, '/cgi-bin/host').catch(() => ({ body: '' }))).body, {
        timeout: 15_000,
      })
      .toBe('stable-1\n');
    expect((await proxyIP()).split(' ')).toContain(clusterIP);
    await expect.poll(byAddress, { timeout: 10_000 }).toBe('stable-1\n');
  });

  it('refuses bad Services with the field and changes nothing', async () => {
    const bad = async (spec: Record<string, unknown>, field: string, message: RegExp) => {
      const res = await api(f.skiff, `/api/v1/namespaces/${f.ns}/services`, {
        method: 'POST',
        body: { metadata: { name: 'bad' }, spec },
      });
      expect(res.status).toBe(422);
      expect(res.body.details.causes.map((c: any) => c.field)).toContain(field);
      expect(res.body.message).toMatch(message);
      expect((await api(f.skiff, `/api/v1/namespaces/${f.ns}/services/bad`)).status).toBe(404);
    };
    await bad({ ports: [{ port: 70000 }] }, 'spec.ports[0].port', /must be between 1 and 65535/);
    await bad(
      {
        ports: [
          { name: 'a', port: 80 },
          { name: 'a', port: 81 },
        ],
      },
      'spec.ports[1].name',
      /Duplicate value: "a"/,
    );
    await bad(
      {
        ports: [
          { name: 'a', port: 80 },
          { name: 'b', port: 80 },
        ],
      },
      'spec.ports[1]',
      /Duplicate value/,
    );
    await bad(
      { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] },
      'spec.ports[0].nodePort',
      /range of valid ports is 30000-32767/,
    );
    const taken = (await api(f.skiff, `/api/v1/namespaces/${f.ns}/services/web`)).body.spec.ports[0].nodePort;
    await bad(
      { type: 'NodePort', ports: [{ port: 80, nodePort: taken }] },
      'spec.ports[0].nodePort',
      /provided port is already allocated/,
    );
    await bad(
      { ports: [{ port: 80, nodePort: 30001 }] },
      'spec.ports[0].nodePort',
      /may not be used when type is 'ClusterIP'/,
    );
    const change = await api(f.skiff, `/api/v1/namespaces/${f.ns}/services/web`, {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: { spec: { clusterIP: '10.1.2.3' } },
    });
    expect(change.status).toBe(422);
    expect(change.body.message).toContain(
      'spec.clusterIPs[0]: Invalid value: "10.1.2.3": may not change once set',
    );
  });
});
