import type { Pod } from '../shared/pod-types';
import { configSourceOf } from './project-config-volume';

/** True when the pod uses the ConfigMap or Secret `name` (env, envFrom or a volume), so a change must reach it. */
export function referencesConfig(pod: Pod, kind: 'configmap' | 'secret', name: string): boolean {
  const containers = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])];
  const inVolumes = (pod.spec.volumes ?? []).some((v) => {
    const ref = configSourceOf(v);
    if (ref?.kind === kind && ref.name === name) return true;
    return (v.projected?.sources ?? []).some(
      (s) => (kind === 'configmap' ? s.configMap : s.secret)?.name === name,
    );
  });
  if (inVolumes) return true;
  if (kind === 'secret' && (pod.spec.imagePullSecrets ?? []).some((s) => s.name === name)) return true;
  return containers.some(
    (c) =>
      (c.envFrom ?? []).some((f) => (kind === 'configmap' ? f.configMapRef : f.secretRef)?.name === name) ||
      (c.env ?? []).some(
        (e) =>
          (kind === 'configmap' ? e.valueFrom?.configMapKeyRef : e.valueFrom?.secretKeyRef)?.name === name,
      ),
  );
}
