import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../shared/batch-types';
import {
  deploymentType,
  eventType,
  jobType,
  namespaceType,
  replicaSetType,
  serviceType,
} from '../shared/resource-types';
import {
  analysisRunType,
  analysisTemplateType,
  CANARY_WEIGHT_ANNOTATION,
  ROLLOUT_POD_TEMPLATE_HASH,
  rolloutType,
  type AnalysisRun,
  type Rollout,
} from '../shared/rollout-types';
import type { Service } from '../shared/service-types';
import type { Deployment, ReplicaSet } from '../shared/workload-types';
import { ensureArgoRolloutsCrds } from '../store/argo-rollouts/argo-rollouts-crds';
import { openTestStore } from '../store/test-store';
import { EventRecorder } from '../machinery/event-recorder';
import { AnalysisRunController } from './analysis-run-controller';
import { CustomResourceDefinitionController } from './custom-resource-definition-controller';
import { RolloutController } from './rollout-controller';

// One store, the CRD, Rollout and AnalysisRun controllers: a Rollout makes its ReplicaSets and patches its
// Services; an analysis step runs a Job, and the Job's failure aborts the rollout with the reason as an event.

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const service = (name: string): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'shop' },
  spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
});

const rollout = (image: string): Rollout => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: 'web', namespace: 'shop' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } },
    strategy: {
      canary: {
        canaryService: 'web-canary',
        stableService: 'web',
        steps: [{ setWeight: 25 }, { analysis: { templates: [{ templateName: 'smoke' }] } }, { pause: {} }],
      },
    },
  },
});

async function setup() {
  const { store, kinds, cleanup } = await openTestStore();
  cleanups.push(cleanup);
  const crds = new CustomResourceDefinitionController(store, kinds);
  cleanups.push(async () => crds.dispose());
  await ensureArgoRolloutsCrds(store);
  await crds.idle();
  const recorder = new EventRecorder(store, { component: 'rollouts-controller' });
  const rollouts = new RolloutController(store, kinds, recorder);
  const runs = new AnalysisRunController(store, kinds, recorder);
  cleanups.push(async () => {
    rollouts.dispose();
    runs.dispose();
  });
  await store.create(namespaceType, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  for (const name of ['web', 'web-canary']) await store.create(serviceType, service(name));
  await store.create(analysisTemplateType, {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: { name: 'smoke', namespace: 'shop' },
    spec: {
      metrics: [
        {
          name: 'smoke',
          provider: {
            job: {
              spec: {
                backoffLimit: 0,
                template: {
                  spec: {
                    restartPolicy: 'Never',
                    containers: [{ name: 't', image: 'busybox', command: ['false'] }],
                  },
                },
              },
            },
          },
        },
      ],
    },
  });
  /** The ReplicaSet controller's part: every ReplicaSet's pods are available. */
  const settle = async () => {
    let seen = '';
    for (let i = 0; i < 30; i++) {
      await Promise.all([rollouts.idle(), runs.idle()]);
      const version = store.list(namespaceType).metadata.resourceVersion ?? '';
      let changed = version !== seen;
      seen = version;
      for (const rs of store.list(replicaSetType, { namespace: 'shop' }).items as ReplicaSet[]) {
        const n = rs.spec.replicas ?? 0;
        if (rs.status?.availableReplicas === n && rs.status.replicas === n) continue;
        changed = true;
        await store.update(
          replicaSetType,
          { ...rs, status: { replicas: n, readyReplicas: n, availableReplicas: n } },
          { subresource: 'status' },
        );
      }
      if (!changed) return;
    }
  };
  const get = () => store.get(rolloutType, 'shop', 'web') as Rollout;
  return { store, settle, get };
}

describe('RolloutController', () => {
  it(
    'rolls out, weights the stable Service, and a failing analysis Job aborts to stable with its reason',
    { timeout: 20_000 },
    async () => {
      const { store, settle, get } = await setup();
      await store.create(rolloutType, rollout('web:v1'));
      await settle();
      expect(get().status).toMatchObject({ phase: 'Healthy', replicas: 2, availableReplicas: 2 });
      const v1 = get().status!.stableRS!;

      const latest = get();
      await store.update(rolloutType, { ...latest, spec: rollout('web:v2').spec });
      await settle();
      const v2 = get().status!.currentPodHash!;
      expect(v2).not.toBe(v1);
      const stable = store.get(serviceType, 'shop', 'web') as Service;
      expect(stable.spec.selector?.[ROLLOUT_POD_TEMPLATE_HASH]).toBe(v1);
      expect(stable.metadata.annotations?.[CANARY_WEIGHT_ANNOTATION]).toBe('25');
      expect(
        (store.get(serviceType, 'shop', 'web-canary') as Service).spec.selector?.[ROLLOUT_POD_TEMPLATE_HASH],
      ).toBe(v2);
      expect(get().status!.currentStepIndex).toBe(1);

      // The analysis step made an AnalysisRun and its measurement Job; the Job fails.
      const [run] = store.list(analysisRunType, { namespace: 'shop' }).items as AnalysisRun[];
      expect(run!.status?.phase).toBe('Running');
      const [job] = store.list(jobType, { namespace: 'shop' }).items as Job[];
      await store.update(
        jobType,
        {
          ...job!,
          status: {
            failed: 1,
            conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }],
          },
        },
        { subresource: 'status' },
      );
      await settle();
      const aborted = get().status!;
      expect(aborted.abort).toBe(true);
      expect(aborted.phase).toBe('Degraded');
      expect(aborted.message).toBe(
        'RolloutAborted: Rollout aborted update to revision 2: Metric "smoke" assessed Failed due to failed (1) > failureLimit (0)',
      );
      expect(
        (store.get(serviceType, 'shop', 'web') as Service).metadata.annotations?.[CANARY_WEIGHT_ANNOTATION],
      ).toBe('0');
      const reasons = store
        .list(eventType, { namespace: 'shop' })
        .items.map((e) => (e as unknown as { reason: string }).reason);
      expect(reasons).toEqual(
        expect.arrayContaining([
          'RolloutUpdated',
          'RolloutStepCompleted',
          'AnalysisRunFailed',
          'RolloutAborted',
        ]),
      );
    },
  );

  it(
    'takes the template of a workloadRef Deployment, and follows its changes',
    { timeout: 20_000 },
    async () => {
      const { store, settle, get } = await setup();
      const template = (image: string) => ({
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image }] },
      });
      await store.create(deploymentType, {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web-deploy', namespace: 'shop' },
        spec: { replicas: 0, selector: { matchLabels: { app: 'web' } }, template: template('web:v1') },
      });
      await store.create(rolloutType, {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Rollout',
        metadata: { name: 'web', namespace: 'shop' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' } },
          workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web-deploy' },
          strategy: { canary: { steps: [{ setWeight: 50 }, { pause: {} }] } },
        },
      });
      await settle();
      const images = () =>
        (store.list(replicaSetType, { namespace: 'shop' }).items as ReplicaSet[])
          .filter((rs) => rs.metadata.ownerReferences?.[0]?.kind === 'Rollout')
          .map((rs) => `${rs.spec.template.spec.containers[0]!.image}=${rs.spec.replicas}`)
          .sort();
      expect(images()).toEqual(['web:v1=2']);
      expect(get().status?.phase).toBe('Healthy');
      const deployment = store.get(deploymentType, 'shop', 'web-deploy') as Deployment;
      await store.update(deploymentType, {
        ...deployment,
        spec: { ...deployment.spec, template: template('web:v2') },
      });
      await settle();
      expect(images()).toEqual(['web:v1=1', 'web:v2=1']);
      expect(get().status?.phase).toBe('Paused');
    },
  );
});
