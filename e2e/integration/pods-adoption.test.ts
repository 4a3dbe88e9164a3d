import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { api, startSkiff } from '../support/skiff-process';
import { useSkiffServer } from '../support/skiff-fixture';
import { containerStatus, createPod, isReady, waitForPod } from '../support/pods';

const run = promisify(execFile);

/** The running pod containers (sandboxes and app containers) of a namespace, by full id. */
async function podContainerIds(namespace: string): Promise<string[]> {
  const { stdout } = await run('docker', [
    'ps',
    '-q',
    '--no-trunc',
    '--filter',
    `label=io.skiff.namespace=${namespace}`,
    '--filter',
    'label=io.skiff.pod-uid',
  ]);
  return stdout.trim().split('\n').sort();
}

describe('adoption: containers outlive Skiff', () => {
  const f = useSkiffServer('adopt');

  it("keeps every container across kill -9 and a restart (same ids), adopts them, and removes a deleted pod's", async () => {
    for (const name of ['keep-a', 'keep-b']) {
      await createPod(f.skiff, f.ns, {
        metadata: { name },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'skiff-test/web:v1',
              ports: [{ containerPort: 8080 }],
              readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 1 },
            },
          ],
        },
      });
    }
    const before = await Promise.all(
      ['keep-a', 'keep-b'].map((name) => waitForPod(f.skiff, f.ns, name, isReady)),
    );
    const idsBefore = await podContainerIds(f.ns);
    expect(idsBefore).toHaveLength(4); // two sandboxes, two app containers

    await f.skiff.stop('SIGKILL');
    const idsWhileDown = await podContainerIds(f.ns);
    expect(idsWhileDown).toEqual(idsBefore);

    f.skiff = await startSkiff(f.dir);
    const after = await Promise.all(
      ['keep-a', 'keep-b'].map((name) => waitForPod(f.skiff, f.ns, name, isReady)),
    );
    expect(after.map((p) => containerStatus(p, 'web').containerID)).toEqual(
      before.map((p) => containerStatus(p, 'web').containerID),
    );
    expect(after.map((p) => containerStatus(p, 'web').restartCount)).toEqual([0, 0]);
    const idsAfter = await podContainerIds(f.ns);
    expect(idsAfter).toEqual(idsBefore);

    await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods/keep-b?gracePeriodSeconds=0`, { method: 'DELETE' });
    await expect
      .poll(
        async () =>
          (
            await run('docker', [
              'ps',
              '-aq',
              '--filter',
              `label=io.skiff.pod-name=keep-b`,
              '--filter',
              `label=io.skiff.namespace=${f.ns}`,
            ])
          ).stdout.trim(),
        { timeout: 15_000 },
      )
      .toBe('');
  });

  it('never touches a container it did not create', async () => {
    const { stdout } = await run('docker', [
      'run',
      '-d',
      '--label',
      'io.skiff.test=true',
      '--label',
      `io.skiff.namespace=${f.ns}`,
      '--label',
      'io.skiff.pod-name=keep-a',
      'skiff-test/tools:v1',
    ]);
    const strangerId = stdout.trim();
    // A canary the restarted kubelet must remove: one of its own containers (its labels) for keep-a, but of
    // another pod uid. Once it is gone, the cleanup that would have taken the stranger has run.
    const [ownContainer] = await podContainerIds(f.ns);
    const own = JSON.parse(
      (await run('docker', ['inspect', '-f', '{{json .Config.Labels}}', ownContainer!])).stdout,
    ) as Record<string, string>;
    const canaryLabels = {
      'io.skiff.test': 'true',
      'io.skiff.managed': own['io.skiff.managed']!,
      'io.skiff.instance': own['io.skiff.instance']!,
      'io.skiff.namespace': f.ns,
      'io.skiff.pod-name': 'keep-a',
      'io.skiff.pod-uid': 'not-a-pod',
    };
    const canaryId = (
      await run('docker', [
        'create',
        ...Object.entries(canaryLabels).flatMap(([k, v]) => ['--label', `${k}=${v}`]),
        'skiff-test/tools:v1',
      ])
    ).stdout.trim();
    try {
      await f.skiff.stop('SIGKILL');
      f.skiff = await startSkiff(f.dir);
      await waitForPod(f.skiff, f.ns, 'keep-a', isReady);
      await expect
        .poll(async () => (await run('docker', ['ps', '-aq', '--filter', `id=${canaryId}`])).stdout.trim(), {
          timeout: 15_000,
        })
        .toBe('');
      const state = (await run('docker', ['inspect', '-f', '{{.State.Running}}', strangerId])).stdout.trim();
      expect(state).toBe('true');
    } finally {
      await run('docker', ['rm', '-f', strangerId, canaryId]).catch(() => undefined);
    }
  });
});
