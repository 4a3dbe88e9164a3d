import { controllerRef, controllerRefOf } from '../shared/owner-refs';
import {
  analysisRunType,
  analysisTemplateType,
  clusterAnalysisTemplateType,
  ROLLOUT_POD_TEMPLATE_HASH,
  type AnalysisRun,
  type Rollout,
} from '../shared/rollout-types';
import type { KubeObject } from '../shared/api-types';
import { ApiError } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import type { StepAnalysis } from './rollout-steps';

// A canary step's `analysis`: one AnalysisRun per step and pod hash, made from its (Cluster)AnalysisTemplates as
// Argo does (metrics and args merged, the step's args winning), labelled like Argo's so `kubectl argo rollouts
// get` finds it. The AnalysisRun controller measures it.

const STEP_INDEX_LABEL = 'step-index';
const ROLLOUT_TYPE_LABEL = 'rollout-type';

type Arg = { name: string; value?: string; valueFrom?: unknown };

function runName(rollout: Rollout, step: number): string {
  const hash = rollout.status?.currentPodHash ?? '';
  return `${rollout.metadata.name}-${hash}-${rollout.status?.currentStepIndex ?? step}`.slice(0, 253);
}

/** The current step's AnalysisRun, if one was made for this pod hash and step. */
export function stepAnalysisOf(store: ObjectStore, rollout: Rollout): StepAnalysis | undefined {
  const step = rollout.status?.currentStepIndex;
  if (step === undefined) return undefined;
  const run = store.tryGet(analysisRunType, rollout.metadata.namespace, runName(rollout, step)) as
    AnalysisRun | undefined;
  if (!run || controllerRefOf(run)?.uid !== rollout.metadata.uid) return undefined;
  return {
    name: run.metadata.name ?? '',
    phase: run.status?.phase ?? 'Pending',
    ...(run.status?.message ? { message: run.status.message } : {}),
  };
}

/** Creates the step's AnalysisRun if missing; a template that is missing fails the run at once, with the reason. */
export async function ensureStepAnalysisRun(
  store: ObjectStore,
  rollout: Rollout,
  step: number,
): Promise<StepAnalysis | undefined> {
  const existing = stepAnalysisOf(store, rollout);
  if (existing) return existing;
  const analysis = rollout.spec.strategy?.canary?.steps?.[step]?.analysis;
  if (!analysis) return undefined;
  const namespace = rollout.metadata.namespace;
  const metrics: Array<Record<string, unknown>> = [];
  const args = new Map<string, Arg>();
  let missing: string | undefined;
  for (const ref of analysis.templates ?? []) {
    const template = (
      ref.clusterScope
        ? store.tryGet(clusterAnalysisTemplateType, undefined, ref.templateName)
        : store.tryGet(analysisTemplateType, namespace, ref.templateName)
    ) as (KubeObject & { spec: { metrics?: Array<Record<string, unknown>>; args?: Arg[] } }) | undefined;
    if (!template) {
      missing = `${ref.clusterScope ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate'} '${ref.templateName}' not found`;
      break;
    }
    metrics.push(...(template.spec.metrics ?? []));
    for (const arg of template.spec.args ?? []) args.set(arg.name, arg);
  }
  for (const arg of analysis.args ?? []) args.set(arg.name, { ...args.get(arg.name), ...arg });
  const run: AnalysisRun = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisRun',
    metadata: {
      name: runName(rollout, step),
      namespace,
      labels: {
        [ROLLOUT_POD_TEMPLATE_HASH]: rollout.status?.currentPodHash ?? '',
        [ROLLOUT_TYPE_LABEL]: 'Step',
        [STEP_INDEX_LABEL]: String(step),
      },
      ownerReferences: [controllerRef(rollout)],
    },
    spec: { metrics, ...(args.size ? { args: [...args.values()] } : {}) },
  };
  try {
    const created = await store.create(analysisRunType, run);
    if (missing) {
      await store.update(
        analysisRunType,
        { ...created, status: { phase: 'Error', message: missing } },
        { subresource: 'status' },
      );
      return { name: run.metadata.name ?? '', phase: 'Error', message: missing };
    }
  } catch (err) {
    if (!(err instanceof ApiError && err.code === 409)) throw err;
  }
  return stepAnalysisOf(store, rollout) ?? { name: run.metadata.name ?? '', phase: 'Pending' };
}
