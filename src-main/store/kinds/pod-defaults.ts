import type { Container, Pod, Probe, Volume } from '../../shared/pod-types';
import { qosClassOf } from '../../shared/pod-resources';

/** Kubernetes' default rule: `:latest` or no tag pulls Always, anything else IfNotPresent. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  if (image.includes('@')) return 'IfNotPresent';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : undefined;
  return tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultProbe(probe: Probe | undefined): void {
  if (!probe) return;
  probe.timeoutSeconds ??= 1;
  probe.periodSeconds ??= 10;
  probe.successThreshold ??= 1;
  probe.failureThreshold ??= 3;
  if (probe.httpGet) {
    probe.httpGet.path ??= '/';
    probe.httpGet.scheme ??= 'HTTP';
  }
}

function defaultContainer(container: Container): void {
  if (typeof container.image === 'string') container.imagePullPolicy ??= defaultPullPolicy(container.image);
  container.terminationMessagePath ??= '/dev/termination-log';
  container.terminationMessagePolicy ??= 'File';
  container.resources ??= {};
  if (container.resources.limits && !container.resources.requests)
    container.resources.requests = { ...container.resources.limits };
  for (const port of container.ports ?? []) port.protocol ??= 'TCP';
  defaultProbe(container.livenessProbe);
  defaultProbe(container.readinessProbe);
  defaultProbe(container.startupProbe);
}

/** SetDefaults_DownwardAPIVolumeSource, _ProjectedVolumeSource, _ServiceAccountTokenProjection, ObjectFieldSelector. */
function defaultProjections(volume: Volume | undefined): void {
  const downward = volume?.downwardAPI;
  const projected = volume?.projected;
  if (downward) downward.defaultMode ??= 0o644;
  if (projected) projected.defaultMode ??= 0o644;
  const items = [
    ...(downward?.items ?? []),
    ...(projected?.sources ?? []).flatMap((s) => s?.downwardAPI?.items ?? []),
  ];
  for (const item of items) if (item?.fieldRef) item.fieldRef.apiVersion ??= 'v1';
  for (const source of projected?.sources ?? [])
    if (source?.serviceAccountToken) source.serviceAccountToken.expirationSeconds ??= 3600;
}

/** Fills the defaults the API server applies to a new Pod, and its initial status. Mutates `pod`. */
export function applyPodDefaults(pod: Pod): void {
  const spec = pod.spec;
  if (!spec || typeof spec !== 'object') return;
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.enableServiceLinks ??= true;
  spec.securityContext ??= {};
  if (Array.isArray(spec.containers)) spec.containers.forEach(defaultContainer);
  if (Array.isArray(spec.initContainers)) spec.initContainers.forEach(defaultContainer);
  for (const volume of spec.volumes ?? []) {
    if (
      volume &&
      !volume.emptyDir &&
      !volume.hostPath &&
      !volume.configMap &&
      !volume.secret &&
      !volume.persistentVolumeClaim &&
      !volume.downwardAPI &&
      !volume.projected
    )
      volume.emptyDir = {};
    defaultProjections(volume);
  }
  pod.status = {
    phase: 'Pending',
    qosClass: Array.isArray(spec.containers) ? qosClassOf(spec) : 'BestEffort',
  };
}
