import type { Pod } from '../shared/pod-types';

// Names of the Docker objects that make up a pod. Namespaces are separate Docker networks.

export const podKey = (pod: Pod) => `${pod.metadata.namespace}/${pod.metadata.name}`;
/** One bridge network per namespace and Skiff instance (two Skiffs on one engine never share one). */
export const namespaceNetwork = (instance: string, namespace: string) =>
  `skiff-${instance.slice(0, 8)}-${namespace}`;
const short = (uid: string) => uid.replace(/-/g, '').slice(0, 10);
export const sandboxName = (pod: Pod) =>
  `skiff_${pod.metadata.namespace}_${pod.metadata.name}_POD_${short(pod.metadata.uid ?? '')}`;
export const containerName = (pod: Pod, container: string, attempt: number) =>
  `skiff_${pod.metadata.namespace}_${pod.metadata.name}_${container}_${short(pod.metadata.uid ?? '')}_${attempt}`;
export const podVolumeName = (pod: Pod, volume: string) => `skiff-${pod.metadata.uid}-${volume}`;
export const podHostname = (pod: Pod) => (pod.spec.hostname ?? pod.metadata.name ?? 'pod').slice(0, 63);
/** A pod with a subdomain lives at `<hostname>.<subdomain>.<namespace>.svc.cluster.local` (a StatefulSet's pods do). */
export const podDomain = (pod: Pod) =>
  pod.spec.subdomain ? `${pod.spec.subdomain}.${pod.metadata.namespace}.svc.cluster.local` : undefined;
/**
 * The names a pod answers to on its namespace network: its hostname and, with a subdomain, the forms a
 * cluster's DNS search path resolves (`web-0.nginx`, `web-0.nginx.ns`, `….svc`, `….svc.cluster.local`).
 */
export function podDnsAliases(pod: Pod): string[] {
  const hostname = podHostname(pod);
  const subdomain = pod.spec.subdomain;
  if (!subdomain) return [hostname];
  const ns = pod.metadata.namespace;
  const base = `${hostname}.${subdomain}`;
  return [hostname, base, `${base}.${ns}`, `${base}.${ns}.svc`, `${base}.${ns}.svc.cluster.local`];
}
