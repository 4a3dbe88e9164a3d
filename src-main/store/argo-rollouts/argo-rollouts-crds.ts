import type { CustomResourceDefinition } from '../../shared/custom-resource-types';
import { customResourceDefinitionType } from '../../shared/custom-resource-types';
import type { ObjectStore } from '../object-store';

// Argo Rollouts' own CRDs (manifests/crds/*.yaml of argoproj/argo-rollouts, converted to JSON unchanged), so a
// Rollout is served, validated, printed and explained exactly as on a cluster where Argo Rollouts is
// installed. Loaded on demand: they are ~1.3 MB and only needed when one is missing.
const loaders: Record<string, () => Promise<{ default: unknown }>> = {
  'rollouts.argoproj.io': () => import('./rollout-crd.json'),
  'analysistemplates.argoproj.io': () => import('./analysis-template-crd.json'),
  'clusteranalysistemplates.argoproj.io': () => import('./cluster-analysis-template-crd.json'),
  'analysisruns.argoproj.io': () => import('./analysis-run-crd.json'),
  'experiments.argoproj.io': () => import('./experiment-crd.json'),
};

export const ARGO_ROLLOUTS_CRD_NAMES = Object.keys(loaders);

/** Creates Argo Rollouts' CRDs that are missing (a user's own, newer copy of one is left as it is). */
export async function ensureArgoRolloutsCrds(store: ObjectStore): Promise<void> {
  for (const [name, load] of Object.entries(loaders)) {
    if (store.tryGet(customResourceDefinitionType, undefined, name)) continue;
    const crd = structuredClone((await load()).default) as CustomResourceDefinition;
    crd.metadata.labels = { ...crd.metadata.labels, 'app.kubernetes.io/part-of': 'argo-rollouts' };
    await store.create(customResourceDefinitionType, crd);
  }
}
