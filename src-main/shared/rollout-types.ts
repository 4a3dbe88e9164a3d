import type { Condition, KubeObject } from './api-types';
import type { ResourceType } from './resource-types';
import type { LabelSelector, PodTemplateSpec } from './workload-types';

// Argo Rollouts' argoproj.io/v1alpha1 shapes (pkg/apis/rollouts/v1alpha1/types.go), the parts Skiff acts on.
// The kinds are served from Argo's own CRDs (store/argo-rollouts/), so every other field is kept as written.

const argo = (kind: string, plural: string, namespaced = true): ResourceType => ({
  group: 'argoproj.io',
  version: 'v1alpha1',
  kind,
  plural,
  singular: kind.toLowerCase(),
  namespaced,
  hasStatus: true,
});
export const rolloutType = argo('Rollout', 'rollouts');
export const analysisTemplateType = argo('AnalysisTemplate', 'analysistemplates');
export const clusterAnalysisTemplateType = argo('ClusterAnalysisTemplate', 'clusteranalysistemplates', false);
export const analysisRunType = argo('AnalysisRun', 'analysisruns');

/** The label Argo puts on a Rollout's ReplicaSets, pods and managed Services' selectors. */
export const ROLLOUT_POD_TEMPLATE_HASH = 'rollouts-pod-template-hash';
export const ROLLOUT_REVISION_ANNOTATION = 'rollout.argoproj.io/revision';
export const ROLLOUT_DESIRED_REPLICAS_ANNOTATION = 'rollout.argoproj.io/desired-replicas';
/** When an old ReplicaSet is scaled down (RFC 3339), as Argo writes it. */
export const SCALE_DOWN_DEADLINE_ANNOTATION = 'scale-down-deadline';
export const MANAGED_BY_ROLLOUTS_ANNOTATION = 'argo-rollouts.argoproj.io/managed-by-rollouts';
/** Skiff's traffic split on a stable Service: the share (0–100) of its connections that go to the canary Service. */
export const CANARY_WEIGHT_ANNOTATION = 'rollouts.skiff.io/canary-weight';
export const CANARY_SERVICE_ANNOTATION = 'rollouts.skiff.io/canary-service';

export type IntOrString = number | string;

export interface AnalysisStepTemplate {
  templateName: string;
  clusterScope?: boolean;
}
export interface RolloutAnalysis {
  templates?: AnalysisStepTemplate[];
  args?: Array<{ name: string; value?: string }>;
}

export interface CanaryStep {
  setWeight?: number;
  pause?: { duration?: IntOrString };
  setCanaryScale?: { weight?: number; replicas?: number; matchTrafficWeight?: boolean };
  analysis?: RolloutAnalysis;
  experiment?: unknown;
  setHeaderRoute?: {
    name: string;
    match?: Array<{ headerName: string; headerValue: Record<string, string> }>;
  };
  setMirrorRoute?: unknown;
  plugin?: unknown;
}

export interface CanaryStrategy {
  canaryService?: string;
  stableService?: string;
  steps?: CanaryStep[];
  maxSurge?: IntOrString;
  maxUnavailable?: IntOrString;
  trafficRouting?: Record<string, unknown>;
  analysis?: RolloutAnalysis;
  scaleDownDelaySeconds?: number;
  abortScaleDownDelaySeconds?: number;
  dynamicStableScale?: boolean;
}

export interface BlueGreenStrategy {
  activeService: string;
  previewService?: string;
  autoPromotionEnabled?: boolean;
  autoPromotionSeconds?: number;
  scaleDownDelaySeconds?: number;
  previewReplicaCount?: number;
  abortScaleDownDelaySeconds?: number;
}

export interface RolloutSpec {
  replicas?: number;
  selector?: LabelSelector;
  template?: PodTemplateSpec;
  workloadRef?: { apiVersion?: string; kind?: string; name?: string; scaleDown?: string };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  paused?: boolean;
  progressDeadlineSeconds?: number;
  progressDeadlineAbort?: boolean;
  strategy?: { canary?: CanaryStrategy; blueGreen?: BlueGreenStrategy };
}

export interface PauseCondition {
  reason: 'CanaryPauseStep' | 'BlueGreenPause' | 'InconclusiveAnalysis' | 'InconclusiveExperiment';
  startTime: string;
}

export interface TrafficWeight {
  weight: number;
  serviceName?: string;
  podTemplateHash?: string;
}

export interface RolloutAnalysisRunStatus {
  name: string;
  status: string;
  message?: string;
}

export interface RolloutStatus {
  abort?: boolean;
  abortedAt?: string;
  promoteFull?: boolean;
  pauseConditions?: PauseCondition[] | null;
  controllerPause?: boolean;
  currentStepIndex?: number;
  currentStepHash?: string;
  currentPodHash?: string;
  stableRS?: string;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  HPAReplicas?: number;
  collisionCount?: number;
  observedGeneration?: string;
  conditions?: Condition[];
  phase?: 'Healthy' | 'Progressing' | 'Paused' | 'Degraded';
  message?: string;
  selector?: string;
  restartedAt?: string;
  workloadObservedGeneration?: string;
  canary?: {
    currentStepAnalysisRunStatus?: RolloutAnalysisRunStatus;
    currentBackgroundAnalysisRunStatus?: RolloutAnalysisRunStatus;
    weights?: { canary: TrafficWeight; stable: TrafficWeight };
  };
  blueGreen?: {
    previewSelector?: string;
    activeSelector?: string;
    scaleUpPreviewCheckPoint?: boolean;
  };
}

export interface Rollout extends KubeObject {
  spec: RolloutSpec;
  status?: RolloutStatus;
}

export interface AnalysisRun extends KubeObject {
  spec: { metrics: Array<Record<string, unknown>>; args?: unknown[]; terminate?: boolean };
  status?: {
    phase?: 'Pending' | 'Running' | 'Successful' | 'Failed' | 'Error' | 'Inconclusive';
    message?: string;
    startedAt?: string;
    metricResults?: Array<Record<string, unknown>>;
  };
}
