import type { Pod } from './pod-types';

const finished = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/** The claims a pod mounts. */
export const claimsOf = (pod: Pod): string[] =>
  (pod.spec.volumes ?? []).flatMap((v) =>
    v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : [],
  );

/** Pods that still hold the claim (as Kubernetes' pvc-protection sees it: any pod not finished, terminating too). */
export function podsUsingClaim(pods: Pod[], namespace: string, claim: string): Pod[] {
  return pods.filter(
    (p) => p.metadata.namespace === namespace && !finished(p) && claimsOf(p).includes(claim),
  );
}
