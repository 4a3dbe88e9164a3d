import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../support/skiff-process';
import { useSkiffServer } from '../support/skiff-fixture';
import { createPod, isReady, makeNamespace } from '../support/pods';
import { kubectl } from '../support/kubectl';
import { deploymentOf, webPod } from '../support/manifests';

// The policy kinds through real kubectl: a NetworkPolicy is kept but announced as not enforced, a LimitRange
// fills a pod's resources, a ResourceQuota refuses the pod past it, a PodDisruptionBudget turns an eviction
// away, and a PriorityClass sets a pod's priority.

describe('policies and quotas on the real engine', () => {
  const f = useSkiffServer('pol');
  let quotaNs = '';

  beforeAll(async () => {
    quotaNs = await makeNamespace(f.skiff, 'quota');
  });
  afterAll(async () => {
    if (quotaNs) await api(f.skiff, `/api/v1/namespaces/${quotaNs}`, { method: 'DELETE' });
  });

  const applyFile = async (name: string, manifest: unknown, namespace?: string) => {
    const file = join(f.skiff.dataDir, `${name}.json`);
    await writeFile(file, JSON.stringify(manifest));
    return kubectl(f.skiff, ['apply', '-f', file], namespace);
  };

  it('stores a NetworkPolicy and says, in a warning and an event, that it is not enforced', async () => {
    const { stdout, stderr } = await applyFile(
      'netpol',
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'deny-all' },
        spec: { podSelector: {}, policyTypes: ['Ingress'] },
      },
      f.ns,
    );
    expect(stdout).toContain('networkpolicy.networking.k8s.io/deny-all created');
    expect(stderr).toContain('Warning: Skiff stores NetworkPolicies but does not enforce them');
    await expect
      .poll(
        async () =>
          (
            await api(
              f.skiff,
              `/api/v1/namespaces/${f.ns}/events?fieldSelector=involvedObject.name%3Ddeny-all`,
            )
          ).body.items.map((e: { reason: string; type: string }) => `${e.type} ${e.reason}`),
        { timeout: 5_000 },
      )
      .toEqual(['Warning NotEnforced']);
    expect((await kubectl(f.skiff, ['get', 'netpol'], f.ns)).stdout).toMatch(/deny-all\s+<none>/);
  });

  it('fills resources from a LimitRange and refuses a pod past a ResourceQuota with Kubernetes’ message', async () => {
    await applyFile(
      'limits',
      {
        apiVersion: 'v1',
        kind: 'LimitRange',
        metadata: { name: 'defaults' },
        spec: {
          limits: [
            { type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m' } },
          ],
        },
      },
      quotaNs,
    );
    const first = await createPod(f.skiff, quotaNs, webPod('first', { app: 'q' }));
    expect(first.spec.containers[0].resources).toEqual({
      limits: { cpu: '500m', memory: '256Mi' },
      requests: { cpu: '100m', memory: '256Mi' },
    });
    expect(first.metadata.annotations['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: cpu, memory request for container web; cpu, memory limit for container web',
    );
    await applyFile(
      'quota',
      {
        apiVersion: 'v1',
        kind: 'ResourceQuota',
        metadata: { name: 'q' },
        spec: { hard: { pods: '1', 'limits.cpu': '2' } },
      },
      quotaNs,
    );
    await expect
      .poll(async () => (await kubectl(f.skiff, ['get', 'quota', 'q'], quotaNs)).stdout, { timeout: 5_000 })
      .toMatch(/q\s+\S+\s+pods: 1\/1\s+limits\.cpu: 500m\/2/);
    const second = await applyFile(
      'second',
      { apiVersion: 'v1', kind: 'Pod', ...webPod('second', {}) },
      quotaNs,
    )
      .then(() => '')
      .catch((err: { stderr: string }) => err.stderr);
    expect(second).toContain(
      'pods "second" is forbidden: exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1',
    );
  });

  it('turns away an eviction that would break a PodDisruptionBudget with 429', async () => {
    const deployment = deploymentOf('web', webPod('x', {}).spec, 2);
    expect(
      (
        await api(f.skiff, `/apis/apps/v1/namespaces/${f.ns}/deployments`, {
          method: 'POST',
          body: deployment,
        })
      ).status,
    ).toBe(201);
    await applyFile(
      'pdb',
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'web' },
        spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
      },
      f.ns,
    );
    const pdbPath = `/apis/policy/v1/namespaces/${f.ns}/poddisruptionbudgets/web`;
    await expect
      .poll(async () => (await api(f.skiff, pdbPath)).body.status, { timeout: 30_000 })
      .toMatchObject({ currentHealthy: 2, desiredHealthy: 1, expectedPods: 2, disruptionsAllowed: 1 });
    const pods = (await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods?labelSelector=app%3Dweb`)).body.items;
    expect(pods.filter(isReady)).toHaveLength(2);
    const evict = (name: string) =>
      api(f.skiff, `/api/v1/namespaces/${f.ns}/pods/${name}/eviction`, {
        method: 'POST',
        body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name } },
      });
    const first = await evict(pods[0].metadata.name);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const second = await evict(pods[1].metadata.name);
    expect(second.status).toBe(429);
    expect(second.body).toMatchObject({
      reason: 'TooManyRequests',
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      details: {
        causes: [
          {
            type: 'DisruptionBudget',
            message: 'The disruption budget web needs 1 healthy pods and has 1 currently',
          },
        ],
      },
    });
    // kubectl drain evicts through the same subresource: the budget holds it back until its timeout.
    const drain = await kubectl(
      f.skiff,
      ['drain', 'skiff', '--pod-selector', 'app=web', '--ignore-daemonsets', '--timeout', '8s'],
      f.ns,
    )
      .then(() => '')
      .catch((err: { stderr: string }) => err.stderr)
      .finally(() => kubectl(f.skiff, ['uncordon', 'skiff']));
    expect(drain).toContain("Cannot evict pod as it would violate the pod's disruption budget.");
    const table = (await kubectl(f.skiff, ['get', 'pdb', 'web'], f.ns)).stdout;
    expect(table).toMatch(/NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE/);
    const discovery = (await api(f.skiff, '/api/v1')).body.resources;
    expect(discovery).toContainEqual(
      expect.objectContaining({ name: 'pods/eviction', group: 'policy', version: 'v1', kind: 'Eviction' }),
    );
  });

  it('resolves a PriorityClass into the pod’s priority, and refuses an unknown class', async () => {
    await applyFile('pc', {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'high' },
      value: 1000,
      description: 'for the test',
    });
    const pods = `/api/v1/namespaces/${f.ns}/pods?dryRun=All`;
    const spec = { containers: [{ name: 'c', image: 'skiff-test/web:v1' }] };
    const high = await api(f.skiff, pods, {
      method: 'POST',
      body: { metadata: { name: 'p' }, spec: { ...spec, priorityClassName: 'high' } },
    });
    expect(high.body.spec).toMatchObject({ priority: 1000, preemptionPolicy: 'PreemptLowerPriority' });
    const unknown = await api(f.skiff, pods, {
      method: 'POST',
      body: { metadata: { name: 'p' }, spec: { ...spec, priorityClassName: 'nope' } },
    });
    expect(unknown.status).toBe(403);
    expect(unknown.body.message).toBe('pods "p" is forbidden: no PriorityClass with name nope was found');
    expect((await kubectl(f.skiff, ['get', 'priorityclass'])).stdout).toMatch(
      /system-node-critical\s+2000001000\s+false/,
    );
  });
});
