import { execFile } from 'node:child_process';
import { request } from 'node:https';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { api, type SkiffProcess } from '../support/skiff-process';
import { useSkiffServer } from '../support/skiff-fixture';
import { containerStatus, createPod, podLog, waitForPod } from '../support/pods';
import { kubectl } from '../support/kubectl';

const run = promisify(execFile);

/** Runs an exec over the Kubernetes v5 channel protocol, sending `input` on stdin and optionally a resize first. */
function execOverWebSocket(
  skiff: SkiffProcess,
  path: string,
  input: string,
  resize?: { Width: number; Height: number },
): Promise<{ stdout: string; status: any }> {
  return new Promise((resolve, reject) => {
    const token = `base64url.bearer.authorization.k8s.io.${Buffer.from(skiff.token).toString('base64url')}`;
    const ws = new WebSocket(`wss://127.0.0.1:${skiff.port}${path}`, ['v5.channel.k8s.io', token], {
      ca: skiff.ca,
    });
    let stdout = '';
    let status: any;
    ws.on('open', () => {
      if (resize) ws.send(Buffer.concat([Buffer.from([4]), Buffer.from(JSON.stringify(resize))]));
      // As a person at a terminal: the window has its size before the first command is typed.
      setTimeout(() => ws.send(Buffer.concat([Buffer.from([0]), Buffer.from(input)])), resize ? 500 : 0);
    });
    ws.on('message', (data: Buffer) => {
      if (data[0] === 1) stdout += data.subarray(1).toString();
      if (data[0] === 3) status = JSON.parse(data.subarray(1).toString());
    });
    ws.on('close', () => resolve({ stdout, status }));
    ws.on('error', reject);
  });
}

describe('pod logs, exec and bad input', () => {
  const f = useSkiffServer('streams');
  beforeAll(async () => {
    await createPod(f.skiff, f.ns, {
      metadata: { name: 'talker' },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [
          {
            name: 'app',
            image: 'skiff-test/tools:v1',
            command: ['sh', '-c', 'i=0; while true; do echo line-$i; i=$((i+1)); sleep 0.2; done'],
          },
        ],
      },
    });
    await waitForPod(f.skiff, f.ns, 'talker', (p) => !!containerStatus(p, 'app')?.state?.running);
  });

  it('follows logs as they are written, with tailLines and limitBytes', async () => {
    const lines = await new Promise<string[]>((resolve, reject) => {
      const seen: string[] = [];
      const req = request(
        `${f.skiff.apiUrl}/api/v1/namespaces/${f.ns}/pods/talker/log?follow=true&tailLines=1`,
        { headers: { Authorization: `Bearer ${f.skiff.token}` }, ca: f.skiff.ca },
        (res) => {
          res.on('data', (d: Buffer) => {
            seen.push(...d.toString().split('\n').filter(Boolean));
            if (seen.length >= 4) {
              req.destroy();
              resolve(seen);
            }
          });
        },
      );
      req.on('error', (err) =>
        (err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(err),
      );
      req.end();
    });
    const numbers = lines.map((l) => Number(l.replace('line-', '')));
    expect(numbers.slice(1)).toEqual([numbers[0]! + 1, numbers[0]! + 2, numbers[0]! + 3]);
    expect((await podLog(f.skiff, f.ns, 'talker', 'limitBytes=7')).text).toBe('line-0\n');
  });

  it('serves --previous after a restart, and says when there is no previous container', async () => {
    expect((await podLog(f.skiff, f.ns, 'talker', 'previous=true')).text).toMatch(
      /previous terminated container "app" in pod "talker" not found/,
    );
    const before = await waitForPod(f.skiff, f.ns, 'talker', () => true);
    await run('docker', ['kill', containerStatus(before, 'app').containerID.replace('docker://', '')]);
    await waitForPod(
      f.skiff,
      f.ns,
      'talker',
      (p) => containerStatus(p, 'app')?.restartCount === 1 && !!containerStatus(p, 'app')?.state?.running,
    );
    const previous = await podLog(f.skiff, f.ns, 'talker', 'previous=true');
    expect(previous.text.startsWith('line-0\nline-1\n')).toBe(true);
  });

  it('execs a command with its exit code, and an interactive tty shell that takes a resize', async () => {
    const base = `/api/v1/namespaces/${f.ns}/pods/talker/exec?container=app&stdin=true&stdout=true&stderr=true`;
    const failing = await execOverWebSocket(
      f.skiff,
      `${base}&command=sh&command=-c&command=${encodeURIComponent('echo out; exit 3')}`,
      '',
    );
    expect(failing.stdout).toBe('out\n');
    expect(failing.status).toMatchObject({
      status: 'Failure',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
    const shell = await execOverWebSocket(f.skiff, `${base}&tty=true&command=sh`, 'stty size; exit\n', {
      Width: 123,
      Height: 45,
    });
    expect(shell.stdout).toContain('45 123');
    expect(shell.status).toEqual({ metadata: {}, status: 'Success' });
  });

  it('works with kubectl logs and kubectl exec', async () => {
    const logs = await kubectl(f.skiff, ['logs', 'talker', '--tail=2'], f.ns);
    expect(logs.stdout.trim().split('\n')).toHaveLength(2);
    const exec = await kubectl(
      f.skiff,
      ['exec', 'talker', '--', 'sh', '-c', 'echo from-kubectl; echo $HOSTNAME'],
      f.ns,
    );
    expect(exec.stdout).toBe('from-kubectl\ntalker\n');
    const failed = await kubectl(f.skiff, ['exec', 'talker', '--', 'sh', '-c', 'exit 7'], f.ns).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((failed as { code: number }).code).toBe(7);
  });

  describe('a bad pod gets 422 (400 when it does not decode) with the field path, and nothing is stored or started', () => {
    const cases: Array<[string, Record<string, unknown>, string, number?]> = [
      ['no containers', { containers: [] }, 'spec.containers'],
      [
        'duplicate container names',
        {
          containers: [
            { name: 'a', image: 'x:1' },
            { name: 'a', image: 'x:1' },
          ],
        },
        'spec.containers[1].name',
      ],
      [
        'an invalid image reference',
        { containers: [{ name: 'a', image: 'UPPER/Case Image' }] },
        'spec.containers[0].image',
      ],
      [
        'a port out of range',
        { containers: [{ name: 'a', image: 'x:1', ports: [{ containerPort: 0 }] }] },
        'spec.containers[0].ports[0].containerPort',
      ],
      [
        'a probe with no handler',
        { containers: [{ name: 'a', image: 'x:1', readinessProbe: {} }] },
        'spec.containers[0].readinessProbe',
      ],
      [
        'an unknown field (fieldValidation=Strict, as kubectl and the UI send)',
        { containers: [{ name: 'a', image: 'x:1' }], restartPolcy: 'Never' },
        'spec.restartPolcy',
        400,
      ],
      ['a null container', { containers: [null] }, 'spec.containers[0]', 400],
      [
        'ports that are not a list',
        { containers: [{ name: 'a', image: 'x:1', ports: -1 }] },
        'spec.containers[0].ports',
        400,
      ],
    ];
    it.each(cases)('%s', async (_what, spec, field, code = 422) => {
      const before = await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods`);
      const response = await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods?fieldValidation=Strict`, {
        method: 'POST',
        body: { metadata: { name: 'bad' }, spec },
      });
      expect(response.status).toBe(code);
      expect(response.body.details.causes.map((c: any) => c.field)).toContain(field);
      const after = await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods`);
      expect(after.body.metadata.resourceVersion).toBe(before.body.metadata.resourceVersion);
      expect(
        (
          await run('docker', [
            'ps',
            '-aq',
            '--filter',
            `label=io.skiff.namespace=${f.ns}`,
            '--filter',
            'label=io.skiff.pod-name=bad',
          ])
        ).stdout.trim(),
      ).toBe('');
    });

    it('refuses a spec update Kubernetes forbids, and takes an image change', async () => {
      const pod = (await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods/talker`)).body;
      const forbidden = await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods/talker`, {
        method: 'PATCH',
        contentType: 'application/merge-patch+json',
        body: { spec: { restartPolicy: 'Never' } },
      });
      expect(forbidden.status).toBe(422);
      expect(forbidden.body.message).toMatch(/pod updates may not change fields other than/);
      expect(
        (await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods/talker`)).body.metadata.resourceVersion,
      ).toBe(pod.metadata.resourceVersion);
    });
  });
});
