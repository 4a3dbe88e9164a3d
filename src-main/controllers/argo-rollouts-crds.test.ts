import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../shared/api-types';
import { customResourceDefinitionType, isEstablished } from '../shared/custom-resource-types';
import type { CustomResourceDefinition } from '../shared/custom-resource-types';
import { ARGO_ROLLOUTS_CRD_NAMES, ensureArgoRolloutsCrds } from '../store/argo-rollouts/argo-rollouts-crds';
import { openTestStore } from '../store/test-store';
import { namespaceType } from '../shared/resource-types';
import { CustomResourceDefinitionController } from './custom-resource-definition-controller';

// Argo Rollouts' own CRDs are accepted by Skiff's CRD validation, Established, and every example of
// argoproj/argo-rollouts' examples/ of an argoproj.io kind is admitted by their schemas unchanged.

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const examplesDir = join(__dirname, '../../e2e/fixtures/argo-rollouts');

describe('Argo Rollouts CRDs', () => {
  it('are created once, Established, and admit the upstream examples', async () => {
    const { store, kinds, cleanup } = await openTestStore();
    cleanups.push(cleanup);
    const controller = new CustomResourceDefinitionController(store, kinds);
    cleanups.push(async () => controller.dispose());
    await ensureArgoRolloutsCrds(store);
    await ensureArgoRolloutsCrds(store);
    await controller.idle();
    for (const name of ARGO_ROLLOUTS_CRD_NAMES) {
      const crd = store.get(customResourceDefinitionType, undefined, name) as CustomResourceDefinition;
      expect(isEstablished(crd), name).toBe(true);
    }
    const rolloutType = kinds.find('argoproj.io', 'v1alpha1', 'rollouts')!.type;
    expect(rolloutType.kind).toBe('Rollout');
    let admitted = 0;
    for (const [index, file] of readdirSync(examplesDir).entries()) {
      await store.create(namespaceType, {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: `example-${index}` },
      });
      for (const doc of loadAll(readFileSync(join(examplesDir, file), 'utf8')) as KubeObject[]) {
        if (!doc || !doc.apiVersion?.startsWith('argoproj.io/')) continue;
        const strategy = kinds.all().find((s) => s.type.kind === doc.kind && s.type.group === 'argoproj.io')!;
        const namespaced = strategy.type.namespaced;
        await store.create(strategy.type, {
          ...doc,
          metadata: { ...doc.metadata, namespace: namespaced ? `example-${index}` : undefined },
        });
        admitted++;
      }
    }
    expect(admitted).toBe(18);
  });
});
