import { describe, expect, it } from 'vitest';
import { api } from '../support/skiff-process';
import { useSkiffServer } from '../support/skiff-fixture';
import { kubectl } from '../support/kubectl';
import { createPod, waitForPod, isReady } from '../support/pods';

// downwardAPI and projected volumes, downward env and hostAliases, on the real engine.
describe('the Downward API, projected volumes and hostAliases', () => {
  const f = useSkiffServer('downward');
  const exec = async (pod: string, command: string) =>
    (await kubectl(f.skiff, ['exec', pod, '--', 'sh', '-c', command], f.ns)).stdout;

  it('writes pod fields into files and env, updates label files in place, and adds hostAliases to /etc/hosts', async () => {
    await api(f.skiff, `/api/v1/namespaces/${f.ns}/configmaps`, {
      method: 'POST',
      body: { metadata: { name: 'settings' }, data: { mode: 'fast' } },
    });
    await createPod(f.skiff, f.ns, {
      metadata: { name: 'info', labels: { app: 'info', tier: 'front' }, annotations: { build: '42' } },
      spec: {
        terminationGracePeriodSeconds: 0,
        hostAliases: [{ ip: '10.1.2.3', hostnames: ['foo.local', 'bar.local'] }],
        containers: [
          {
            name: 'c',
            image: 'skiff-test/tools:v1',
            resources: { limits: { memory: '64Mi' }, requests: { cpu: '250m' } },
            env: [
              { name: 'MY_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              { name: 'MY_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
              { name: 'MY_NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
              { name: 'MY_SA', valueFrom: { fieldRef: { fieldPath: 'spec.serviceAccountName' } } },
              {
                name: 'MEM_MI',
                valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } },
              },
              { name: 'CPU_M', valueFrom: { resourceFieldRef: { resource: 'requests.cpu', divisor: '1m' } } },
              { name: 'CPU_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
            ],
            volumeMounts: [
              { name: 'podinfo', mountPath: '/etc/podinfo' },
              { name: 'all', mountPath: '/etc/all' },
            ],
          },
        ],
        volumes: [
          {
            name: 'podinfo',
            downwardAPI: {
              items: [
                { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
                { path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } },
                { path: 'tier', fieldRef: { fieldPath: "metadata.labels['tier']" } },
                {
                  path: 'mem',
                  resourceFieldRef: { containerName: 'c', resource: 'limits.memory', divisor: '1Mi' },
                },
              ],
            },
          },
          {
            name: 'all',
            projected: {
              defaultMode: 0o440,
              sources: [
                { configMap: { name: 'settings', items: [{ key: 'mode', path: 'conf/mode' }] } },
                { downwardAPI: { items: [{ path: 'uid', fieldRef: { fieldPath: 'metadata.uid' } }] } },
                { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } },
              ],
            },
          },
        ],
      },
    });
    const pod = await waitForPod(f.skiff, f.ns, 'info', isReady, 30_000);
    const cpus = (await api(f.skiff, '/api/v1/nodes')).body.items[0].status.allocatable.cpu;
    const env = await exec('info', 'echo "$MY_NAME|$MY_IP|$MY_NODE|$MY_SA|$MEM_MI|$CPU_M|$CPU_LIMIT"');
    expect(env.trim()).toBe(`info|${pod.status.podIP}|${pod.spec.nodeName}|default|64|250|${cpus}`);
    expect(await exec('info', 'cat /etc/podinfo/labels')).toBe('app="info"\ntier="front"');
    expect(await exec('info', 'cat /etc/podinfo/annotations')).toBe('build="42"');
    expect(await exec('info', 'cat /etc/podinfo/tier; echo; cat /etc/podinfo/mem')).toBe('front\n64');
    expect(await exec('info', 'cat /etc/all/conf/mode; echo; cat /etc/all/uid')).toBe(
      `fast\n${pod.metadata.uid}`,
    );
    expect(await exec('info', 'stat -L -c %a /etc/all/conf/mode /etc/all/token')).toBe('440\n440\n');
    const token = await exec('info', 'cat /etc/all/token');
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    expect(claims).toMatchObject({
      iss: 'https://kubernetes.default.svc.cluster.local',
      sub: `system:serviceaccount:${f.ns}:default`,
      'kubernetes.io': { pod: { name: 'info', uid: pod.metadata.uid } },
    });
    const hosts = await exec('info', 'cat /etc/hosts');
    expect(hosts).toMatch(/^10\.1\.2\.3\s+foo\.local$/m);
    expect(hosts).toMatch(/^10\.1\.2\.3\s+bar\.local$/m);
    expect(await exec('info', 'touch /etc/podinfo/x 2>&1 || echo read-only')).toContain('read-only');

    // A label change reaches the file in place (the kubelet rewrites it; the container keeps running).
    const changed = Date.now();
    await kubectl(f.skiff, ['label', 'pod', 'info', 'tier=back', '--overwrite'], f.ns);
    await expect
      .poll(() => exec('info', 'cat /etc/podinfo/tier'), { timeout: 10_000, interval: 100 })
      .toBe('back');
    const updateMs = Date.now() - changed;
    expect(await exec('info', 'cat /etc/podinfo/labels')).toBe('app="info"\ntier="back"');
    const after = await waitForPod(f.skiff, f.ns, 'info', isReady);
    expect(after.status.containerStatuses[0].restartCount).toBe(0);
    console.log(
      `downwardAPI: label change → file updated in ${updateMs} ms (kubectl label + polling by exec)`,
    );
  });
});
