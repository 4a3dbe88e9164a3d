import { KindRegistry } from '../store/kind-strategy';
import { configMapStrategy } from '../store/kinds/config-map-strategy';
import { eventStrategy } from '../store/kinds/event-strategy';
import { namespaceStrategy } from '../store/kinds/namespace-strategy';
import { nodeStrategy } from '../store/kinds/node-strategy';
import { podStrategy } from '../store/kinds/pod-strategy';
import { replicaSetStrategy } from '../store/kinds/replica-set-strategy';
import { deploymentStrategy } from '../store/kinds/deployment-strategy';
import { statefulSetStrategy } from '../store/kinds/stateful-set-strategy';
import { daemonSetStrategy } from '../store/kinds/daemon-set-strategy';
import { controllerRevisionStrategy } from '../store/kinds/controller-revision-strategy';
import { secretStrategy } from '../store/kinds/secret-strategy';
import { serviceStrategy } from '../store/kinds/service-strategy';
import { ingressStrategy } from '../store/kinds/ingress-strategy';
import { replicationControllerStrategy } from '../store/kinds/replication-controller-strategy';
import { ingressClassStrategy } from '../store/kinds/ingress-class-strategy';
import { horizontalPodAutoscalerStrategy } from '../store/kinds/horizontal-pod-autoscaler-strategy';
import { endpointSliceStrategy, endpointsStrategy } from '../store/kinds/endpoints-strategies';
import { jobStrategy } from '../store/kinds/job-strategy';
import { cronJobStrategy } from '../store/kinds/cron-job-strategy';
import {
  persistentVolumeClaimStrategy,
  persistentVolumeStrategy,
  storageClassStrategy,
} from '../store/kinds/storage-strategies';
import { serviceAccountStrategy } from '../store/kinds/service-account-strategy';
import {
  clusterRoleBindingStrategy,
  clusterRoleStrategy,
  roleBindingStrategy,
  roleStrategy,
} from '../store/kinds/rbac-strategies';

/** Every kind Skiff serves. Later kinds register their strategies here. */
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
    serviceAccountStrategy,
    roleStrategy,
    clusterRoleStrategy,
    roleBindingStrategy,
    clusterRoleBindingStrategy,
  ]);
}
