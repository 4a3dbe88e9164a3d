import type { KubeObject } from './api-types';

export interface IngressBackend {
  service?: { name: string; port: { number?: number; name?: string } };
  resource?: { apiGroup?: string; kind?: string; name?: string };
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

/** networking.k8s.io/v1 IngressClass (cluster-scoped). */
export interface IngressClass extends KubeObject {
  spec?: {
    controller?: string;
    parameters?: { apiGroup?: string; kind?: string; name?: string; scope?: string; namespace?: string };
  };
}

/** The controller name of Skiff's own Ingress controller (network/ingress-proxy.ts). */
export const SKIFF_INGRESS_CONTROLLER = 'skiff.io/ingress';
export const DEFAULT_INGRESS_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

/** The annotation that named an Ingress's class before spec.ingressClassName. */
export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/**
 * Whether Skiff's controller serves the Ingress: its class (spec.ingressClassName, else the old annotation) is
 * an IngressClass whose controller is Skiff's. One naming another controller's class, or a class that does not
 * exist, is left alone as Kubernetes' controllers do; one with no class at all (made before a default class
 * existed) is served, as it always was.
 */
export function servedBySkiff(ingress: Ingress, classes: IngressClass[]): boolean {
  const name = ingress.spec?.ingressClassName ?? ingress.metadata.annotations?.[INGRESS_CLASS_ANNOTATION];
  if (!name) return true;
  return classes.some((c) => c.metadata.name === name && c.spec?.controller === SKIFF_INGRESS_CONTROLLER);
}

/** The default IngressClass (the DefaultIngressClass admission plugin): the newest of those marked default. */
export function defaultIngressClass(classes: IngressClass[]): IngressClass | undefined {
  return classes
    .filter((c) => c.metadata.annotations?.[DEFAULT_INGRESS_CLASS_ANNOTATION] === 'true')
    .sort(
      (a, b) =>
        (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') ||
        (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
    )[0];
}
