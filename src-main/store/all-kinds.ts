import { KindRegistry } from './kind-strategy';
import { configMapStrategy } from './kinds/config-map-strategy';
import { eventStrategy } from './kinds/event-strategy';
import { namespaceStrategy } from './kinds/namespace-strategy';
import { nodeStrategy } from './kinds/node-strategy';
import { podStrategy } from './kinds/pod-strategy';
import { replicaSetStrategy } from './kinds/replica-set-strategy';
import { deploymentStrategy } from './kinds/deployment-strategy';
import { statefulSetStrategy } from './kinds/stateful-set-strategy';
import { daemonSetStrategy } from './kinds/daemon-set-strategy';
import { controllerRevisionStrategy } from './kinds/controller-revision-strategy';
import { secretStrategy } from './kinds/secret-strategy';
import { serviceStrategy } from './kinds/service-strategy';
import { ingressStrategy } from './kinds/ingress-strategy';
import { replicationControllerStrategy } from './kinds/replication-controller-strategy';
import { ingressClassStrategy } from './kinds/ingress-class-strategy';
import { horizontalPodAutoscalerStrategy } from './kinds/horizontal-pod-autoscaler-strategy';
import { endpointSliceStrategy, endpointsStrategy } from './kinds/endpoints-strategies';
import { jobStrategy } from './kinds/job-strategy';
import { cronJobStrategy } from './kinds/cron-job-strategy';
import {
  persistentVolumeClaimStrategy,
  persistentVolumeStrategy,
  storageClassStrategy,
} from './kinds/storage-strategies';
import { POLICY_STRATEGIES } from './kinds/policy-strategies';
import { customResourceDefinitionStrategy } from './kinds/custom-resource-definition-strategy';
import { serviceAccountStrategy } from './kinds/service-account-strategy';
import {
  clusterRoleBindingStrategy,
  clusterRoleStrategy,
  roleBindingStrategy,
  roleStrategy,
} from './kinds/rbac-strategies';
import {
  mutatingWebhookConfigurationStrategy,
  validatingWebhookConfigurationStrategy,
} from './kinds/webhook-configuration-strategies';
import {
  validatingAdmissionPolicyBindingStrategy,
  validatingAdmissionPolicyStrategy,
} from './kinds/admission-policy-strategies';
import { apiServiceStrategy } from './kinds/api-service-strategy';

/**
 * Every built-in kind Skiff serves. Later kinds register their strategies here; custom resources are registered
 * at runtime once their CustomResourceDefinition is Established (controllers/custom-resource-definition-controller.ts).
 */
export function createKindRegistry(): KindRegistry {
  return new KindRegistry([
    namespaceStrategy,
    configMapStrategy,
    secretStrategy,
    podStrategy,
    nodeStrategy,
    eventStrategy,
    replicaSetStrategy,
    deploymentStrategy,
    statefulSetStrategy,
    daemonSetStrategy,
    controllerRevisionStrategy,
    persistentVolumeClaimStrategy,
    persistentVolumeStrategy,
    storageClassStrategy,
    serviceStrategy,
    endpointsStrategy,
    endpointSliceStrategy,
    ingressStrategy,
    horizontalPodAutoscalerStrategy,
    jobStrategy,
    cronJobStrategy,
    replicationControllerStrategy,
    ingressClassStrategy,
    ...POLICY_STRATEGIES,
    customResourceDefinitionStrategy,
    serviceAccountStrategy,
    roleStrategy,
    clusterRoleStrategy,
    roleBindingStrategy,
    clusterRoleBindingStrategy,
    validatingWebhookConfigurationStrategy,
    mutatingWebhookConfigurationStrategy,
    validatingAdmissionPolicyStrategy,
    validatingAdmissionPolicyBindingStrategy,
    apiServiceStrategy,
  ]);
}
