import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { docker } from '../support/docker-cli';
import { api } from '../support/skiff-process';
import { useSkiffServer } from '../support/skiff-fixture';
import { createPod, getPod, isReady, waitForPod } from '../support/pods';
import { kubectl } from '../support/kubectl';
import { webPod } from '../support/manifests';

const toolsPod = (name: string) => ({
  metadata: { name },
  spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'skiff-test/tools:v1' }] },
});

/** The addresses busybox nslookup printed for a name (the server's own address left out). */
const addressesIn = (output: string) =>
  [
    ...output
      .split(/\n\s*\n/)
      .slice(1)
      .join('\n')
      .matchAll(/Address:\s*([\d.]+)/g),
  ]
    .map((m) => m[1])
    .sort();

/** A DNS query for an A record, as bytes. */
function dnsQuery(name: string, id = 0x1234): Buffer {
  const labels = name.split('.').flatMap((l) => [Buffer.from([l.length]), Buffer.from(l)]);
  return Buffer.concat([
    Buffer.from([id >> 8, id & 255, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0]),
    ...labels,
    Buffer.from([0, 0, 1, 0, 1]),
  ]);
}

/** Sends one datagram to 127.0.0.1:port and waits for one back. */
function udpAsk(port: number, message: Buffer, timeoutMs = 1000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('no UDP answer'));
    }, timeoutMs);
    socket.on('message', (reply) => {
      clearTimeout(timer);
      socket.close();
      resolve(reply);
    });
    socket.send(message, port, '127.0.0.1');
  });
}

describe('Service kinds on the real engine: headless, ExternalName, UDP, a chosen cluster IP', () => {
  const f = useSkiffServer('svck');
  const exec = async (pod: string, command: string) =>
    (await kubectl(f.skiff, ['exec', pod, '--', 'sh', '-c', command], f.ns)).stdout;
  const lookup = (name: string, server = '') => exec('client', `nslookup ${name} ${server} 2>&1 || true`);

  it('resolves a headless Service to its ready pods, drops one that turns not-ready, and resolves an ExternalName', async () => {
    for (const name of ['db-a', 'db-b']) await createPod(f.skiff, f.ns, webPod(name, { app: 'db' }));
    await createPod(f.skiff, f.ns, toolsPod('client'));
    const res = await api(f.skiff, `/api/v1/namespaces/${f.ns}/services`, {
      method: 'POST',
      body: {
        metadata: { name: 'db' },
        spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 80, targetPort: 'http' }] },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.spec.clusterIP).toBe('None');
    const ips: string[] = [];
    for (const name of ['db-a', 'db-b'])
      ips.push((await waitForPod(f.skiff, f.ns, name, isReady)).status.podIP);
    await waitForPod(f.skiff, f.ns, 'client', isReady);
    const started = Date.now();
    await expect
      .poll(async () => addressesIn(await lookup('db')), { timeout: 10_000 })
      .toEqual([...ips].sort());
    console.log(`headless: both pods resolvable ${Date.now() - started} ms after the client was Ready`);
    for (const name of [`db.${f.ns}`, `db.${f.ns}.svc`, `db.${f.ns}.svc.cluster.local`])
      expect(addressesIn(await lookup(name))).toEqual([...ips].sort());
    // No proxy for a headless Service.
    expect((await docker(['ps', '-q', '--filter', `label=io.skiff.service=${f.ns}/db`])).trim()).toBe('');

    const unready = Date.now();
    await exec('db-a', 'rm /www/healthz');
    await expect.poll(async () => addressesIn(await lookup('db')), { timeout: 10_000 }).toEqual([ips[1]]);
    console.log(`headless: a pod turned unready left the answer after ${Date.now() - unready} ms`);

    const ext = await api(f.skiff, `/api/v1/namespaces/${f.ns}/services`, {
      method: 'POST',
      body: {
        metadata: { name: 'ext' },
        spec: { type: 'ExternalName', externalName: `db.${f.ns}.svc.cluster.local` },
      },
    });
    expect(ext.status).toBe(201);
    expect(ext.body.spec.clusterIP).toBeUndefined();
    await expect
      .poll(async () => await lookup('ext'), { timeout: 10_000 })
      .toContain(`canonical name = db.${f.ns}.svc.cluster.local`);
    expect(addressesIn(await lookup('ext'))).toEqual([ips[1]]);
    // what kubectl sends as protobuf for both kinds
    await kubectl(
      f.skiff,
      ['create', 'service', 'externalname', 'mail', '--external-name', 'mail.example.com'],
      f.ns,
    );
    await kubectl(f.skiff, ['create', 'service', 'clusterip', 'hl', '--clusterip=None'], f.ns);
    const created = (await api(f.skiff, `/api/v1/namespaces/${f.ns}/services/hl`)).body;
    expect(created.spec.clusterIP).toBe('None');
    expect((await api(f.skiff, `/api/v1/namespaces/${f.ns}/services/mail`)).body.spec.externalName).toBe(
      'mail.example.com',
    );
    const kubectlRow = (await kubectl(f.skiff, ['get', 'svc', 'ext', 'db'], f.ns)).stdout;
    expect(kubectlRow).toMatch(/ext\s+ExternalName\s+<none>\s+db\./);
    expect(kubectlRow).toMatch(/db\s+ClusterIP\s+None\s+<none>\s+80\/TCP/);
  });

  it('takes a cluster IP given on create as the proxy address, and refuses one that is taken', async () => {
    let range = '';
    await expect
      .poll(async () => {
        range = (await api(f.skiff, `/api/v1/namespaces/${f.ns}`)).body.metadata.annotations?.[
          'skiff.io/service-cidr'
        ];
        return range;
      })
      .toBeTruthy();
    const [base] = range.split('/');
    const parts = base!.split('.').map(Number);
    const wanted = `${parts[0]}.${parts[1]}.${parts[2]! + 1}.77`;
    const res = await api(f.skiff, `/api/v1/namespaces/${f.ns}/services`, {
      method: 'POST',
      body: {
        metadata: { name: 'fixed' },
        spec: { clusterIP: wanted, selector: { app: 'db' }, ports: [{ port: 80 }] },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.spec.clusterIPs).toEqual([wanted]);
    await expect
      .poll(
        async () => {
          const id = (
            await docker([
              'ps',
              '-q',
              '--filter',
              `label=io.skiff.service=${f.ns}/fixed`,
              '--filter',
              'label=io.skiff.role=service-proxy',
            ])
          ).trim();
          return id
            ? (
                await docker([
                  'inspect',
                  '-f',
                  '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}',
                  id,
                ])
              ).trim()
            : '';
        },
        { timeout: 10_000 },
      )
      .toContain(wanted);
    const taken = await api(f.skiff, `/api/v1/namespaces/${f.ns}/services`, {
      method: 'POST',
      body: { metadata: { name: 'again' }, spec: { clusterIP: wanted, ports: [{ port: 80 }] } },
    });
    expect(taken.status).toBe(422);
    expect(taken.body.message).toContain(
      `spec.clusterIPs: Invalid value: []string{"${wanted}"}: failed to allocate IP ${wanted}: provided IP is already allocated`,
    );
    const outside = await api(f.skiff, `/api/v1/namespaces/${f.ns}/services`, {
      method: 'POST',
      body: { metadata: { name: 'again' }, spec: { clusterIP: '10.96.0.10', ports: [{ port: 80 }] } },
    });
    expect(outside.body.message).toContain(`is not in the valid range. The range of valid IPs is ${range}`);
  });

  it('carries UDP through a ClusterIP Service and a NodePort, next to TCP on the same port number', async () => {
    // The UDP server is skiff-dns itself (busybox's nc here has no -u): it answers from a records file.
    // the image this Skiff made (its namespace's cluster DNS runs it)
    const dnsContainer = (
      await docker([
        'ps',
        '-q',
        '--filter',
        'label=io.skiff.role=cluster-dns',
        '--filter',
        `label=io.skiff.namespace=${f.ns}`,
      ])
    ).trim();
    const image = (await docker(['inspect', '-f', '{{.Config.Image}}', dnsContainer])).trim();
    expect(image).toMatch(/^skiff\/service-proxy:/);
    await api(f.skiff, `/api/v1/namespaces/${f.ns}/configmaps`, {
      method: 'POST',
      body: { metadata: { name: 'zone' }, data: { records: 'a hello.cluster.local 10.1.2.3\n' } },
    });
    await createPod(f.skiff, f.ns, {
      metadata: { name: 'udp-server', labels: { app: 'udp' } },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [
          {
            name: 'dns',
            image,
            command: ['/skiff-dns', '/zone/records', f.ns],
            ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }],
            volumeMounts: [{ name: 'zone', mountPath: '/zone' }],
          },
        ],
        volumes: [{ name: 'zone', configMap: { name: 'zone' } }],
      },
    });
    const res = await api(f.skiff, `/api/v1/namespaces/${f.ns}/services`, {
      method: 'POST',
      body: {
        metadata: { name: 'dns' },
        spec: {
          type: 'NodePort',
          selector: { app: 'udp' },
          ports: [
            { name: 'dns', port: 53, protocol: 'UDP', targetPort: 'dns' },
            { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          ],
        },
      },
    });
    expect(res.status).toBe(201);
    const nodePort = res.body.spec.ports[0].nodePort;
    await waitForPod(f.skiff, f.ns, 'udp-server', isReady);
    const service = async () => (await api(f.skiff, `/api/v1/namespaces/${f.ns}/services/dns`)).body;
    await expect.poll(async () => (await service()).spec.clusterIP, { timeout: 10_000 }).toBeTruthy();
    const clusterIP = (await service()).spec.clusterIP;
    await expect
      .poll(async () => addressesIn(await lookup('hello.cluster.local', clusterIP)), { timeout: 10_000 })
      .toEqual(['10.1.2.3']);
    await expect
      .poll(async () => addressesIn(await lookup('hello.cluster.local', 'dns')), { timeout: 10_000 })
      .toEqual(['10.1.2.3']);
    const started = Date.now();
    let reply: Buffer = Buffer.alloc(0);
    await expect
      .poll(
        async () => {
          reply = await udpAsk(nodePort, dnsQuery('hello.cluster.local')).catch(() => Buffer.alloc(0));
          return reply.length;
        },
        { timeout: 10_000 },
      )
      .toBeGreaterThan(0);
    expect([...reply.subarray(reply.length - 4)]).toEqual([10, 1, 2, 3]);
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = process.hrtime.bigint();
      await udpAsk(nodePort, dnsQuery('hello.cluster.local', i));
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    times.sort((a, b) => a - b);
    console.log(
      `UDP NodePort: first answer ${Date.now() - started} ms; round trip p50 ${times[10]!.toFixed(2)} ms, max ${times[19]!.toFixed(2)} ms`,
    );
    const pod = await getPod(f.skiff, f.ns, 'udp-server');
    expect(pod.status.podIP).toBeTruthy();
    // What the extra hop costs: 20 lookups of a headless name (Docker's resolver → skiff-dns) against 20 of a
    // ClusterIP name (Docker's own alias), from the same pod.
    const timed = async (name: string) => {
      const out = await exec(
        'client',
        `time sh -c 'for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do nslookup ${name} >/dev/null; done' 2>&1`,
      );
      const m = /real\s+(\d+)m\s*([\d.]+)s/.exec(out);
      return m ? ((Number(m[1]) * 60 + Number(m[2])) * 50).toFixed(1) : '?'; // ms per lookup
    };
    console.log(
      `DNS: headless name ${await timed('db')} ms per lookup, ClusterIP alias ${await timed('fixed')} ms (busybox nslookup, A and AAAA)`,
    );
  });
});
