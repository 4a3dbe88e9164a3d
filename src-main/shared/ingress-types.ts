import type { KubeObject } from './api-types';

export interface IngressBackend {
  service?: { name: string; port: { number?: number; name?: string } };
}

export interface IngressPath {
  path?: string;
  pathType: 'Exact' | 'Prefix' | 'ImplementationSpecific';
  backend: IngressBackend;
}

export interface Ingress extends KubeObject {
  spec: {
    ingressClassName?: string;
    defaultBackend?: IngressBackend;
    rules?: Array<{ host?: string; http?: { paths: IngressPath[] } }>;
    tls?: unknown[];
  };
  status?: {
    loadBalancer?: { ingress?: Array<{ ip?: string; ports?: Array<{ port: number; protocol: string }> }> };
  };
}
