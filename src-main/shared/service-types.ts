import type { KubeObject, ObjectMeta } from './api-types';

// Services (v1), Endpoints (v1) and EndpointSlices (discovery.k8s.io/v1).

export const NODE_PORT_RANGE = { min: 30000, max: 32767 } as const;

/**
 * On a Namespace: the CIDR its network keeps for Service addresses (shared/network-ranges.ts), written once the
 * network exists, so a Service asking for a clusterIP can be checked against it at admission.
 */
export const SERVICE_RANGE_ANNOTATION = 'skiff.io/service-cidr';

export interface ServicePort {
  name?: string;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  port: number;
  targetPort?: number | string;
  nodePort?: number;
}

export interface Service extends KubeObject {
  spec: {
    type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
    selector?: Record<string, string>;
    ports?: ServicePort[];
    clusterIP?: string;
    clusterIPs?: string[];
    sessionAffinity?: 'None' | 'ClientIP';
    sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } };
    externalTrafficPolicy?: string;
    internalTrafficPolicy?: string;
    ipFamilies?: string[];
    ipFamilyPolicy?: string;
    externalName?: string;
    publishNotReadyAddresses?: boolean;
  };
  status?: { loadBalancer?: { ingress?: Array<{ ip?: string; hostname?: string }> } };
}

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind: string; namespace?: string; name?: string; uid?: string };
}

export interface EndpointPort {
  name?: string;
  port: number;
  protocol?: string;
}

export interface Endpoints extends KubeObject {
  subsets?: Array<{
    addresses?: EndpointAddress[];
    notReadyAddresses?: EndpointAddress[];
    ports?: EndpointPort[];
  }>;
}

export interface EndpointSlice extends KubeObject {
  metadata: ObjectMeta;
  addressType: 'IPv4' | 'IPv6' | 'FQDN';
  endpoints: Array<{
    addresses: string[];
    conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
    targetRef?: EndpointAddress['targetRef'];
    nodeName?: string;
  }>;
  ports?: EndpointPort[];
}

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const SLICE_MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const SLICE_MANAGER = 'endpointslice-controller.k8s.io';

/** NodePort and LoadBalancer Services are reachable on the node (127.0.0.1) at their nodePorts. */
export const usesNodePorts = (s: Service) => s.spec.type === 'NodePort' || s.spec.type === 'LoadBalancer';

/** A headless Service (`clusterIP: None`): no proxy; its name resolves to its endpoints' addresses. */
export const isHeadless = (s: Service) => s.spec.clusterIP === 'None';

/** Whether Skiff runs a proxy for the Service: not for headless or ExternalName ones. */
/** `default/kubernetes`: the API's own Service, whose data plane is the API tunnel (network/in-cluster-api.ts). */
export const isKubernetesApiService = (s: { metadata: { namespace?: string; name?: string } }) =>
  s.metadata.namespace === 'default' && s.metadata.name === 'kubernetes';
export const hasProxy = (s: Service) =>
  s.spec.type !== 'ExternalName' && !isHeadless(s) && !isKubernetesApiService(s);
