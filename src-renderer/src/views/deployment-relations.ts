import type { KubeEvent, Pod } from '@shared/pod-types';
import type { Service } from '@shared/service-types';
import { REVISION_ANNOTATION, type Deployment, type ReplicaSet } from '@shared/workload-types';

export const revisionOf = (o: { metadata: { annotations?: Record<string, string> } }): number =>
  Number(o.metadata.annotations?.[REVISION_ANNOTATION] ?? 0);

/** The ReplicaSets a Deployment owns, newest revision first. */
export function ownedReplicaSets(deployment: Deployment, replicaSets: ReplicaSet[]): ReplicaSet[] {
  return replicaSets
    .filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === deployment.metadata.uid))
    .sort((a, b) => revisionOf(b) - revisionOf(a));
}

export interface RolloutStep {
  name: string;
  revision: number;
  images: string;
  /** the revision the Deployment's template is at now */
  isNew: boolean;
  desired: number;
  current: number;
  ready: number;
}

/**
 * What a rollout is doing: the new ReplicaSet growing and the old ones shrinking. Old ReplicaSets that neither
 * want nor have pods are history, not progress, and are left out.
 */
export function rolloutSteps(deployment: Deployment, owned: ReplicaSet[]): RolloutStep[] {
  const currentRevision = revisionOf(deployment);
  return owned
    .map((rs) => ({
      name: rs.metadata.name ?? '',
      revision: revisionOf(rs),
      images: (rs.spec.template.spec.containers ?? []).map((c) => c.image).join(', '),
      isNew: revisionOf(rs) === currentRevision,
      desired: rs.spec.replicas ?? 0,
      current: rs.status?.replicas ?? 0,
      ready: rs.status?.readyReplicas ?? 0,
    }))
    .filter((step) => step.isNew || step.desired > 0 || step.current > 0);
}

/** Pods owned by any of the Deployment's ReplicaSets, with the revision each belongs to. */
export function podsOfDeployment(owned: ReplicaSet[], pods: Pod[]): Array<{ pod: Pod; revision: number }> {
  const revisionByUid = new Map(owned.map((rs) => [rs.metadata.uid, revisionOf(rs)]));
  return pods
    .flatMap((pod) => {
      const owner = pod.metadata.ownerReferences?.find((o) => revisionByUid.has(o.uid));
      return owner ? [{ pod, revision: revisionByUid.get(owner.uid) ?? 0 }] : [];
    })
    .sort(
      (a, b) =>
        b.revision - a.revision || (a.pod.metadata.name ?? '').localeCompare(b.pod.metadata.name ?? ''),
    );
}

/** Services in the Deployment's namespace whose selector picks its pods. */
export function servicesOfDeployment(deployment: Deployment, services: Service[]): Service[] {
  const labels = deployment.spec.template.metadata?.labels ?? {};
  return services.filter((svc) => {
    const selector = Object.entries(svc.spec.selector ?? {});
    return (
      svc.metadata.namespace === deployment.metadata.namespace &&
      selector.length > 0 &&
      selector.every(([key, value]) => labels[key] === value)
    );
  });
}

/** Events about the Deployment, its ReplicaSets and their pods (present or gone), newest first. */
export function eventsOfDeployment(
  deployment: Deployment,
  owned: ReplicaSet[],
  pods: Pod[],
  events: KubeEvent[],
  limit = 20,
): KubeEvent[] {
  const uids = new Set([deployment, ...owned, ...pods].map((o) => o.metadata.uid).filter(Boolean));
  const names = new Set([
    `Deployment/${deployment.metadata.name}`,
    ...owned.map((rs) => `ReplicaSet/${rs.metadata.name}`),
    ...pods.map((p) => `Pod/${p.metadata.name}`),
  ]);
  const when = (e: KubeEvent) => e.lastTimestamp ?? e.metadata.creationTimestamp ?? '';
  return (
    events
      .filter(
        (e) =>
          e.metadata.namespace === deployment.metadata.namespace &&
          ((e.involvedObject.uid && uids.has(e.involvedObject.uid)) ||
            names.has(`${e.involvedObject.kind}/${e.involvedObject.name}`) ||
            // pods that are gone still have their events; their names start with their ReplicaSet's
            (e.involvedObject.kind === 'Pod' &&
              owned.some((rs) => (e.involvedObject.name ?? '').startsWith(`${rs.metadata.name}-`)))),
      )
      // timestamps have whole seconds; the global resourceVersion orders events within one
      .sort(
        (a, b) =>
          when(b).localeCompare(when(a)) ||
          Number(b.metadata.resourceVersion ?? 0) - Number(a.metadata.resourceVersion ?? 0),
      )
      .slice(0, limit)
  );
}
