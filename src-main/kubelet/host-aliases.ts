import type { Pod } from '../shared/pod-types';

/**
 * spec.hostAliases as Docker ExtraHosts (`hostname:ip`) for the sandbox: the engine writes them into the sandbox's
 * /etc/hosts, which every container of the pod shares (they join its network namespace), as the kubelet's
 * managed hosts file does.
 */
export function extraHosts(pod: Pod): string[] {
  return (pod.spec.hostAliases ?? []).flatMap((alias) =>
    (alias.hostnames ?? []).map((host) => `${host}:${alias.ip}`),
  );
}
