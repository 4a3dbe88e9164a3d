import { describe, expect, it } from 'vitest';
import { kubectl } from '../support/kubectl';
import { isReady } from '../support/pods';
import { useSkiffServer } from '../support/skiff-fixture';
import { api } from '../support/skiff-process';

const deployment = (name: string, image: string, strategy: Record<string, unknown>, replicas = 4) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    strategy,
    template: {
      metadata: { labels: { app: name } },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [
          {
            name: 'web',
            image,
            readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 1 },
          },
        ],
      },
    },
  },
});

/** Samples the deployment's pods every 100 ms until stopped: what a user watching `kubectl get pods -w` sees. */
function samplePods(f: ReturnType<typeof useSkiffServer>, app: string) {
  const samples: Array<{ live: number; ready: number; images: Set<string> }> = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const pods = (
        (await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods?labelSelector=app%3D${app}`)).body.items as any[]
      ).filter((p) => !p.metadata.deletionTimestamp);
      const runningImages = new Set(
        pods
          .filter((p) => p.status?.containerStatuses?.[0]?.state?.running)
          .map((p) => p.spec.containers[0].image as string),
      );
      samples.push({ live: pods.length, ready: pods.filter(isReady).length, images: runningImages });
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    samples,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

describe('Deployments roll out, record history and roll back on the real engine', () => {
  const f = useSkiffServer('deploy');

  it('rolls 25%/25% within its bounds, keeps history, and rolls back with kubectl', async () => {
    await api(f.skiff, `/apis/apps/v1/namespaces/${f.ns}/deployments`, {
      method: 'POST',
      body: deployment(
        'web',
        'skiff-test/web:v1',
        { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
        10,
      ),
    });
    await kubectl(f.skiff, ['rollout', 'status', 'deployment/web', '--timeout=60s'], f.ns);

    const watch = samplePods(f, 'web');
    await kubectl(f.skiff, ['set', 'image', 'deployment/web', 'web=skiff-test/web:v2'], f.ns);
    await kubectl(f.skiff, ['rollout', 'status', 'deployment/web', '--timeout=90s'], f.ns);
    await watch.stop();
    expect(Math.max(...watch.samples.map((s) => s.live))).toBeLessThanOrEqual(13); // 10 replicas + 25% surge (rounded up)
    expect(Math.min(...watch.samples.map((s) => s.ready))).toBeGreaterThanOrEqual(8); // 10 replicas - 25% unavailable (rounded down)
    expect(watch.samples.length).toBeGreaterThan(5);

    const history = await kubectl(f.skiff, ['rollout', 'history', 'deployment/web'], f.ns);
    expect(history.stdout).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);

    await kubectl(f.skiff, ['rollout', 'undo', 'deployment/web'], f.ns);
    await kubectl(f.skiff, ['rollout', 'status', 'deployment/web', '--timeout=90s'], f.ns);
    const afterUndo = await kubectl(f.skiff, ['rollout', 'history', 'deployment/web'], f.ns);
    expect(afterUndo.stdout).toMatch(/\n2\s+<none>\n3\s+<none>/);
    const d = (await api(f.skiff, `/apis/apps/v1/namespaces/${f.ns}/deployments/web`)).body;
    expect(d.spec.template.spec.containers[0].image).toBe('skiff-test/web:v1');
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('3');
    expect(d.status.conditions.find((c: any) => c.type === 'Progressing')).toMatchObject({
      status: 'True',
      reason: 'NewReplicaSetAvailable',
    });
    expect(d.status).toMatchObject({
      replicas: 10,
      updatedReplicas: 10,
      readyReplicas: 10,
      availableReplicas: 10,
    });
  }, 240_000);

  it('never runs both revisions at once with Recreate, and replaces a pod deleted by hand', async () => {
    await api(f.skiff, `/apis/apps/v1/namespaces/${f.ns}/deployments`, {
      method: 'POST',
      body: deployment('batch', 'skiff-test/web:v1', { type: 'Recreate' }, 2),
    });
    await kubectl(f.skiff, ['rollout', 'status', 'deployment/batch', '--timeout=60s'], f.ns);
    const watch = samplePods(f, 'batch');
    await kubectl(f.skiff, ['set', 'image', 'deployment/batch', 'web=skiff-test/web:v2'], f.ns);
    await kubectl(f.skiff, ['rollout', 'status', 'deployment/batch', '--timeout=90s'], f.ns);
    await watch.stop();
    expect(watch.samples.every((s) => s.images.size <= 1)).toBe(true);

    const pods = (await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods?labelSelector=app%3Dbatch`)).body
      .items as any[];
    await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods/${pods[0].metadata.name}?gracePeriodSeconds=0`, {
      method: 'DELETE',
    });
    await expect
      .poll(
        async () =>
          (
            (await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods?labelSelector=app%3Dbatch`)).body
              .items as any[]
          ).filter((p) => isReady(p) && p.metadata.name !== pods[0].metadata.name).length,
        { timeout: 20_000 },
      )
      .toBe(2);
  }, 240_000);

  it('stops a rollout that never gets ready, keeps the old pods serving, and rolls back by itself when asked to', async () => {
    const base = `/apis/apps/v1/namespaces/${f.ns}/deployments`;
    const manifest = deployment(
      'stuck',
      'skiff-test/web:v1',
      { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      2,
    );
    await api(f.skiff, base, { method: 'POST', body: manifest });
    await kubectl(f.skiff, ['rollout', 'status', 'deployment/stuck', '--timeout=60s'], f.ns);
    // a short deadline only for the rollout that must fail: a busy machine may take longer for the first one
    await kubectl(
      f.skiff,
      ['patch', 'deployment/stuck', '-p', '{"spec":{"progressDeadlineSeconds":5}}'],
      f.ns,
    );
    await kubectl(f.skiff, ['set', 'image', 'deployment/stuck', 'web=skiff-test/web-unhealthy:v1'], f.ns);
    await expect
      .poll(
        async () =>
          (await api(f.skiff, `${base}/stuck`)).body.status?.conditions?.find(
            (c: any) => c.type === 'Progressing',
          )?.reason,
        { timeout: 30_000 },
      )
      .toBe('ProgressDeadlineExceeded');
    const serving = (
      (await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods?labelSelector=app%3Dstuck`)).body.items as any[]
    ).filter((p) => isReady(p));
    expect(serving.map((p) => p.spec.containers[0].image)).toEqual([
      'skiff-test/web:v1',
      'skiff-test/web:v1',
    ]);

    const missing = await api(f.skiff, `${base}/stuck/rollback`, {
      method: 'POST',
      body: { rollbackTo: { revision: 99 } },
    });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toMatch(
      /unable to find specified revision 99 in history of deployment "stuck" \(revisions: 1, 2\)/,
    );

    await kubectl(f.skiff, ['annotate', 'deployment/stuck', 'skiff.io/auto-rollback=true'], f.ns);
    await expect
      .poll(async () => (await api(f.skiff, `${base}/stuck`)).body.spec.template.spec.containers[0].image, {
        timeout: 15_000,
      })
      .toBe('skiff-test/web:v1');
    // The rollback and the condition that explains it are two writes: wait for both.
    await expect
      .poll(
        async () =>
          (await api(f.skiff, `${base}/stuck`)).body.status?.conditions?.find(
            (c: any) => c.type === 'RolledBack',
          ),
        { timeout: 10_000 },
      )
      .toMatchObject({
        status: 'True',
        reason: 'ProgressDeadlineExceeded',
        message: expect.stringMatching(/^Rolled back from revision 2 to revision 1/),
      });
    await kubectl(f.skiff, ['rollout', 'status', 'deployment/stuck', '--timeout=60s'], f.ns);
    const events = (
      await api(f.skiff, `/api/v1/namespaces/${f.ns}/events?fieldSelector=involvedObject.name%3Dstuck`)
    ).body.items as any[];
    expect(events.some((e) => e.reason === 'RolledBack' && e.type === 'Warning')).toBe(true);
  }, 120_000);

  it('pauses, resumes, restarts, records change-cause, and rolls back in one API call', async () => {
    const base = `/apis/apps/v1/namespaces/${f.ns}/deployments`;
    const manifest = deployment(
      'knobs',
      'skiff-test/web:v1',
      { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      1,
    );
    await api(f.skiff, base, {
      method: 'POST',
      body: {
        ...manifest,
        metadata: { name: 'knobs', annotations: { 'kubernetes.io/change-cause': 'first release' } },
      },
    });
    await kubectl(f.skiff, ['rollout', 'status', 'deployment/knobs', '--timeout=60s'], f.ns);

    await kubectl(f.skiff, ['rollout', 'pause', 'deployment/knobs'], f.ns);
    await kubectl(f.skiff, ['set', 'image', 'deployment/knobs', 'web=skiff-test/web:v2'], f.ns);
    await expect
      .poll(
        async () =>
          (await api(f.skiff, `${base}/knobs`)).body.status?.conditions?.find(
            (c: any) => c.type === 'Progressing',
          )?.reason,
        { timeout: 10_000 },
      )
      .toBe('DeploymentPaused');
    const paused = await kubectl(f.skiff, ['rollout', 'history', 'deployment/knobs'], f.ns);
    expect(paused.stdout).not.toMatch(/\n2\s/); // no new revision while paused
    await kubectl(f.skiff, ['rollout', 'resume', 'deployment/knobs'], f.ns);
    await kubectl(f.skiff, ['rollout', 'status', 'deployment/knobs', '--timeout=60s'], f.ns);

    await kubectl(f.skiff, ['rollout', 'restart', 'deployment/knobs'], f.ns);
    await kubectl(f.skiff, ['rollout', 'status', 'deployment/knobs', '--timeout=60s'], f.ns);
    const history = (await kubectl(f.skiff, ['rollout', 'history', 'deployment/knobs'], f.ns)).stdout;
    expect(history).toMatch(/\n1\s+first release\n2\s+first release\n3\s+first release/);

    const rolled = await api(f.skiff, `${base}/knobs/rollback`, {
      method: 'POST',
      body: { rollbackTo: { revision: 1 } },
    });
    expect(rolled.body).toMatchObject({ status: 'Success', message: 'rolled back to revision 1' });
    await kubectl(f.skiff, ['rollout', 'status', 'deployment/knobs', '--timeout=60s'], f.ns);
    const d = (await api(f.skiff, `${base}/knobs`)).body;
    expect(d.spec.template.spec.containers[0].image).toBe('skiff-test/web:v1');
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('4');
  }, 180_000);

  it('refuses bad Deployments with the field and changes nothing', async () => {
    const base = `/apis/apps/v1/namespaces/${f.ns}/deployments`;
    const zero = await api(f.skiff, base, {
      method: 'POST',
      body: deployment('bad', 'skiff-test/web:v1', {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: 0, maxUnavailable: 0 },
      }),
    });
    expect(zero.status).toBe(422);
    expect(zero.body.details.causes[0].field).toBe('spec.strategy.rollingUpdate.maxUnavailable');
    const negative = await api(f.skiff, base, {
      method: 'POST',
      body: {
        ...deployment('bad', 'skiff-test/web:v1', {}),
        spec: { ...deployment('bad', 'skiff-test/web:v1', {}).spec, replicas: -1 },
      },
    });
    expect(negative.body.details.causes[0].field).toBe('spec.replicas');
    const selector = await api(f.skiff, `${base}/web`, {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: {
        spec: {
          selector: { matchLabels: { app: 'other' } },
          template: { metadata: { labels: { app: 'other' } } },
        },
      },
    });
    expect(selector.status).toBe(422);
    expect(selector.body.details.causes.map((c: any) => c.field)).toContain('spec.selector');
    expect((await api(f.skiff, `${base}/bad`)).status).toBe(404);
  });
});
