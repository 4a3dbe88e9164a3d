import { describe, expect, it } from 'vitest';
import { docker } from '../support/docker-cli';
import { api } from '../support/skiff-process';
import { useSkiffServer } from '../support/skiff-fixture';
import { containerStatus, createPod, getPod, isReady, podLog, waitForPod } from '../support/pods';
import { webPod } from '../support/manifests';

// Where the engine is not on this host's network (Docker Desktop, a VM behind DOCKER_HOST) probes go through the
// gateway container, and NodePorts are published by the engine. This machine's engine is local, so
// SKIFF_POD_ROUTE=gateway makes Skiff take that path here.
describe('pods reached through the gateway (SKIFF_POD_ROUTE=gateway)', () => {
  const f = useSkiffServer('probegw', { SKIFF_POD_ROUTE: 'gateway' });

  it('says so, and HTTP and TCP probes decide readiness and liveness from inside the pod network', async () => {
    await expect.poll(() => f.skiff.output()).toContain('pods are reached through the gateway container');
    await createPod(f.skiff, f.ns, webPod('ready', { app: 'ready' }));
    await createPod(f.skiff, f.ns, webPod('never', { app: 'never' }, 'skiff-test/web-unhealthy:v1'));
    await createPod(f.skiff, f.ns, {
      metadata: { name: 'tcp' },
      spec: {
        terminationGracePeriodSeconds: 0,
        containers: [
          {
            name: 'c',
            image: 'skiff-test/tools:v1',
            command: ['sh', '-c', 'sleep 3; exec httpd -f -p 7000 -h /tmp'],
            readinessProbe: { tcpSocket: { port: 7000 }, periodSeconds: 1 },
            // nothing listens on 7001: well after readiness has passed, the kubelet restarts the container
            livenessProbe: {
              tcpSocket: { port: 7001 },
              periodSeconds: 1,
              failureThreshold: 2,
              initialDelaySeconds: 6,
            },
          },
        ],
      },
    });
    await waitForPod(f.skiff, f.ns, 'ready', isReady);
    await waitForPod(f.skiff, f.ns, 'tcp', isReady);
    await waitForPod(f.skiff, f.ns, 'tcp', (pod) => (containerStatus(pod, 'c')?.restartCount ?? 0) >= 1);
    const never = await getPod(f.skiff, f.ns, 'never');
    expect(never.status.phase).toBe('Running');
    expect(isReady(never)).toBe(false);
    const events = (await api(f.skiff, `/api/v1/namespaces/${f.ns}/events`)).body.items as any[];
    expect(
      events.some(
        (e) =>
          e.involvedObject.name === 'never' &&
          e.reason === 'Unhealthy' &&
          e.message.includes('HTTP probe failed with statuscode: 404'),
      ),
    ).toBe(true);

    // httpd logs each request's peer: the probes came from the gateway's address in the pod network, not
    // from the host's end of the bridge (the network's .1)
    const log = (await podLog(f.skiff, f.ns, 'ready')).text;
    const peers = [...log.matchAll(/\[?(?:::ffff:)?(\d+\.\d+\.\d+\.\d+)\]?:\d+/g)].map((m) => m[1]);
    expect(peers.length).toBeGreaterThan(0);
    expect(peers.every((ip) => !ip!.endsWith('.1'))).toBe(true);

    // NodePorts are published by the engine (docker-proxy), not served from the host's network
    const service = await api(f.skiff, `/api/v1/namespaces/${f.ns}/services`, {
      method: 'POST',
      body: {
        metadata: { name: 'ready' },
        spec: { type: 'NodePort', selector: { app: 'ready' }, ports: [{ port: 80, targetPort: 8080 }] },
      },
    });
    const nodePort = service.body.spec.ports[0].nodePort;
    await expect
      .poll(
        async () =>
          await fetch(`http://127.0.0.1:${nodePort}/cgi-bin/host`)
            .then((r) => r.text())
            .catch(() => ''),
        {
          timeout: 15_000,
        },
      )
      .toBe('ready\n');
    const published = await docker([
      'ps',
      '--filter',
      `label=io.skiff.service=${f.ns}/ready`,
      '--format',
      '{{.Ports}}',
    ]);
    expect(published).toContain(`127.0.0.1:${nodePort}->80/tcp`);
    expect(
      await docker([
        'ps',
        '-q',
        '--filter',
        'label=io.skiff.role=service-nodeport',
        '--filter',
        `label=io.skiff.namespace=${f.ns}`,
      ]),
    ).toBe('');
  });
});
