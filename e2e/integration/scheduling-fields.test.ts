import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSkiffServer } from '../support/skiff-fixture';
import { createPod, getPod, podEvents, waitForPod } from '../support/pods';
import { kubectl } from '../support/kubectl';

const pause = (name: string, spec: Record<string, unknown> = {}) => ({
  metadata: { name },
  spec: {
    terminationGracePeriodSeconds: 1,
    containers: [{ name: 'c', image: 'skiff-test/tools:v1' }],
    ...spec,
  },
});

const failure = async (promise: Promise<unknown>) =>
  promise.then(
    () => '',
    (err: { stderr?: string }) => err.stderr ?? '',
  );

describe('Scheduling fields on the real engine: taints, tolerations, affinity, priority', () => {
  const f = useSkiffServer('sched');
  const scheduled = (pod: any) => pod.status?.conditions?.find((c: any) => c.type === 'PodScheduled');

  it('keeps a pod with an untolerated taint Pending with the scheduler message, and places it once the taint goes', async () => {
    await kubectl(f.skiff, ['taint', 'node', 'skiff', 'dedicated=gpu:NoSchedule']);
    await createPod(f.skiff, f.ns, pause('plain'));
    await createPod(
      f.skiff,
      f.ns,
      pause('tolerant', {
        tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }],
      }),
    );
    await waitForPod(f.skiff, f.ns, 'tolerant', (p) => !!p.spec.nodeName);
    const message = '0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}.';
    await expect
      .poll(
        async () =>
          (await podEvents(f.skiff, f.ns, 'plain')).find((e) => e.reason === 'FailedScheduling')?.message,
      )
      .toBe(message);
    const plain = await getPod(f.skiff, f.ns, 'plain');
    expect(plain.status.phase).toBe('Pending');
    expect(scheduled(plain)).toMatchObject({ status: 'False', reason: 'Unschedulable', message });
    await kubectl(f.skiff, ['taint', 'node', 'skiff', 'dedicated=gpu:NoSchedule-']);
    await waitForPod(f.skiff, f.ns, 'plain', (p) => !!p.spec.nodeName);
  });

  it('keeps a pod whose required node affinity matches no node Pending, and refuses a malformed affinity', async () => {
    await createPod(
      f.skiff,
      f.ns,
      pause('elsewhere', {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['windows'] }] },
              ],
            },
          },
        },
      }),
    );
    await expect
      .poll(async () => scheduled(await getPod(f.skiff, f.ns, 'elsewhere'))?.message)
      .toBe("0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.");
    const manifest = join(f.dir, 'list-affinity.yaml');
    await writeFile(
      manifest,
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: listed}',
        'spec:',
        '  containers: [{name: c, image: skiff-test/tools:v1}]',
        '  affinity:',
        '    nodeAffinity:',
        '      requiredDuringSchedulingIgnoredDuringExecution:',
        '      - matchExpressions: [{key: a, operator: Exists}]',
      ].join('\n'),
    );
    expect(await failure(kubectl(f.skiff, ['apply', '-f', manifest], f.ns))).toContain(
      'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution',
    );
    const critical = await createPod(
      f.skiff,
      f.ns,
      pause('critical', { priorityClassName: 'system-cluster-critical' }),
    );
    expect(critical.spec.priority).toBe(2000000000);
    const unknown = join(f.dir, 'unknown-class.yaml');
    await writeFile(
      unknown,
      'apiVersion: v1\nkind: Pod\nmetadata: {name: high}\nspec:\n  priorityClassName: high\n  containers: [{name: c, image: skiff-test/tools:v1}]\n',
    );
    expect(await failure(kubectl(f.skiff, ['apply', '-f', unknown], f.ns))).toContain(
      'pods "high" is forbidden: no PriorityClass with name high was found',
    );
  });
});
