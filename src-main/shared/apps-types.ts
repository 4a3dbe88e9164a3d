import type { Condition, KubeObject } from './api-types';
import type { PersistentVolumeClaim } from './storage-types';
import type { LabelSelector, PodTemplateSpec } from './workload-types';

// apps/v1 StatefulSet, DaemonSet and ControllerRevision (the history both keep), as Kubernetes 1.32 has them.

export type RetentionPolicyType = 'Retain' | 'Delete';

export interface StatefulSetSpec {
  replicas?: number;
  selector: LabelSelector;
  template: PodTemplateSpec;
  volumeClaimTemplates?: PersistentVolumeClaim[];
  serviceName?: string;
  podManagementPolicy?: 'OrderedReady' | 'Parallel';
  updateStrategy?: {
    type?: 'RollingUpdate' | 'OnDelete';
    rollingUpdate?: { partition?: number; maxUnavailable?: number | string };
  };
  revisionHistoryLimit?: number;
  minReadySeconds?: number;
  persistentVolumeClaimRetentionPolicy?: {
    whenDeleted?: RetentionPolicyType;
    whenScaled?: RetentionPolicyType;
  };
  ordinals?: { start?: number };
}

export interface StatefulSetStatus {
  observedGeneration?: number;
  replicas: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  availableReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  collisionCount?: number;
  conditions?: Condition[];
}

export interface StatefulSet extends KubeObject {
  kind: 'StatefulSet';
  spec: StatefulSetSpec;
  status?: StatefulSetStatus;
}

export interface DaemonSetSpec {
  selector: LabelSelector;
  template: PodTemplateSpec;
  updateStrategy?: {
    type?: 'RollingUpdate' | 'OnDelete';
    rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string };
  };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
}

export interface DaemonSetStatus {
  currentNumberScheduled: number;
  numberMisscheduled: number;
  desiredNumberScheduled: number;
  numberReady: number;
  observedGeneration?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  numberUnavailable?: number;
  collisionCount?: number;
  conditions?: Condition[];
}

export interface DaemonSet extends KubeObject {
  kind: 'DaemonSet';
  spec: DaemonSetSpec;
  status?: DaemonSetStatus;
}

export interface ControllerRevision extends KubeObject {
  kind: 'ControllerRevision';
  data?: unknown;
  revision: number;
}

/** The revision a pod of a StatefulSet or DaemonSet was made from (a revision name, or a DaemonSet's hash). */
export const CONTROLLER_REVISION_HASH = 'controller-revision-hash';
/** The hash label ControllerRevisions carry (Kubernetes' history.ControllerRevisionHashLabel). */
export const REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';
export const STATEFUL_SET_POD_NAME = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const POD_TEMPLATE_GENERATION = 'pod-template-generation';
/** The DaemonSet's template generation, kept by the API server (Kubernetes' deprecated.daemonset.template.generation). */
export const DAEMONSET_TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';
