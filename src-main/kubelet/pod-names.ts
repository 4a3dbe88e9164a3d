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
