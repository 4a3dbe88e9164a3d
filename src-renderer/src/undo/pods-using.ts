import type { Pod } from '@shared/pod-types';

type Referenced = {
  kind: 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim';
  name: string;
  namespace?: string;
};

/** Whether a pod reads the object: as a volume, through env or envFrom, or (a Secret) to pull its images. */
function uses(pod: Pod, target: Referenced): boolean {
  const { kind, name } = target;
  const volumes = pod.spec.volumes ?? [];
  if (kind === 'PersistentVolumeClaim')
    return volumes.some((v) => v.persistentVolumeClaim?.claimName === name);
  const containers = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
  if (kind === 'ConfigMap') {
    return (
      volumes.some((v) => v.configMap?.name === name) ||
      containers.some(
        (c) =>
          (c.env ?? []).some((e) => e.valueFrom?.configMapKeyRef?.name === name) ||
          (c.envFrom ?? []).some((e) => e.configMapRef?.name === name),
      )
    );
  }
  return (
    volumes.some((v) => v.secret?.secretName === name) ||
    (pod.spec.imagePullSecrets ?? []).some((s) => s.name === name) ||
    containers.some(
      (c) =>
        (c.env ?? []).some((e) => e.valueFrom?.secretKeyRef?.name === name) ||
        (c.envFrom ?? []).some((e) => e.secretRef?.name === name),
    )
  );
}

/** The pods in the object's namespace that use it (those terminating too: they hold on to it until gone). */
export function podsUsing(pods: readonly Pod[], target: Referenced): Pod[] {
  return pods.filter((p) => p.metadata.namespace === target.namespace && uses(p, target));
}
