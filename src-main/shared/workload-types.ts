import type { Condition, KubeObject, ObjectMeta } from './api-types';
import type { PodSpec } from './pod-types';

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface PodTemplateSpec {
  metadata?: ObjectMeta;
  spec: PodSpec;
}

export interface ReplicaSet extends KubeObject {
  kind: 'ReplicaSet';
  spec: { replicas?: number; minReadySeconds?: number; selector: LabelSelector; template: PodTemplateSpec };
  status?: {
    replicas: number;
    fullyLabeledReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    observedGeneration?: number;
    conditions?: Condition[];
  };
}

/** v1 ReplicationController: a ReplicaSet whose selector is an equality map (defaulted from the template). */
export interface ReplicationController extends KubeObject {
  kind: 'ReplicationController';
  spec: {
    replicas?: number;
    minReadySeconds?: number;
    selector?: Record<string, string>;
    template: PodTemplateSpec;
  };
  status?: ReplicaSet['status'];
}

/** The ReplicationController as the ReplicaSet the controller runs (Kubernetes' conversion does the same). */
export function replicaSetOf(rc: ReplicationController): ReplicaSet {
  return {
    ...rc,
    kind: 'ReplicaSet',
    spec: { ...rc.spec, selector: { matchLabels: rc.spec.selector ?? {} } },
  } as ReplicaSet;
}

export interface Scale extends KubeObject {
  kind: 'Scale';
  spec: { replicas?: number };
  status: { replicas: number; selector?: string };
}

export interface DeploymentStrategy {
  type?: 'RollingUpdate' | 'Recreate';
  rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string };
}

export interface DeploymentCondition extends Condition {
  lastUpdateTime?: string;
}

export interface Deployment extends KubeObject {
  kind: 'Deployment';
  spec: {
    replicas?: number;
    selector: LabelSelector;
    template: PodTemplateSpec;
    strategy?: DeploymentStrategy;
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
    progressDeadlineSeconds?: number;
    paused?: boolean;
  };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    unavailableReplicas?: number;
    conditions?: DeploymentCondition[];
    collisionCount?: number;
  };
}

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
export const POD_TEMPLATE_HASH = 'pod-template-hash';

/** Opt-in: roll a Deployment back by itself when a new revision fails (Skiff, beyond Kubernetes). */
export const AUTO_ROLLBACK_ANNOTATION = 'skiff.io/auto-rollback';
/** Set on a ReplicaSet whose revision once became fully available: where an auto-rollback may return. */
export const WAS_AVAILABLE_ANNOTATION = 'skiff.io/was-available';
