import { randomInt } from 'node:crypto';
import type { Container, Pod, Volume } from '../../shared/pod-types';
import { serviceAccountType, type ServiceAccount } from '../../shared/rbac-types';
import { apiErrors } from '../api-error';
import type { StoreReader } from '../kind-strategy';

// The ServiceAccount admission plugin (plugin/pkg/admission/serviceaccount): a pod runs as a ServiceAccount
// that exists (`default` unless it names one), inherits its imagePullSecrets, and, unless the pod or the
// account turns automounting off, gets the `kube-api-access-xxxxx` projected volume (token, ca.crt,
// namespace) mounted read-only at the path client-go's in-cluster config reads in every container.

export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
export const API_ACCESS_VOLUME_PREFIX = 'kube-api-access-';
/** 3607: one hour and seven seconds, the lifetime that makes the apiserver issue a one-year token. */
const TOKEN_EXPIRATION_SECONDS = 3607;
/** utilrand.String's alphabet (no vowels, no look-alikes). */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

function randomSuffix(): string {
  return Array.from({ length: 5 }, () => ALPHANUMS[randomInt(ALPHANUMS.length)]).join('');
}

function apiAccessVolume(name: string): Volume {
  return {
    name,
    projected: {
      sources: [
        { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        {
          downwardAPI: {
            items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
          },
        },
      ],
      defaultMode: 0o644,
    },
  };
}

function mountsApiAccess(container: Container): boolean {
  return (container.volumeMounts ?? []).some((m) => m?.mountPath === SERVICE_ACCOUNT_MOUNT_PATH);
}

export function admitPodServiceAccount(pod: Pod, store: StoreReader): void {
  const spec = pod.spec as Pod['spec'] & { automountServiceAccountToken?: boolean; serviceAccount?: string };
  if (!spec || typeof spec !== 'object' || !Array.isArray(spec.containers)) return;
  spec.serviceAccountName ||= spec.serviceAccount || 'default';
  spec.serviceAccount = spec.serviceAccountName;
  const namespace = pod.metadata.namespace ?? 'default';
  const name = spec.serviceAccountName;
  const account = store
    .list(serviceAccountType)
    .find((sa) => sa.metadata.namespace === namespace && sa.metadata.name === name) as
    ServiceAccount | undefined;
  // The `default` account is made by a controller right after its namespace; Kubernetes waits for it rather
  // than refuse a pod sent along with a new namespace, so a missing `default` is taken as on its way.
  if (!account && name !== 'default') {
    const podName = pod.metadata.name ?? '';
    throw apiErrors.forbidden(
      `pods${podName ? ` "${podName}"` : ''} is forbidden: error looking up service account ${namespace}/${name}: serviceaccount "${name}" not found`,
    );
  }
  if (!spec.imagePullSecrets?.length && account?.imagePullSecrets?.length)
    spec.imagePullSecrets = account.imagePullSecrets
      .filter((s): s is { name: string } => typeof s?.name === 'string')
      .map((s) => ({ name: s.name }));
  const automount = spec.automountServiceAccountToken ?? account?.automountServiceAccountToken ?? true;
  if (!automount) return;
  const containers = [...(spec.initContainers ?? []), ...spec.containers].filter(
    (c) => c && typeof c === 'object' && !mountsApiAccess(c),
  );
  if (containers.length === 0) return;
  const volumes = (spec.volumes ??= []);
  const taken = new Set(volumes.map((v) => v?.name));
  let volumeName = `${API_ACCESS_VOLUME_PREFIX}${randomSuffix()}`;
  while (taken.has(volumeName)) volumeName = `${API_ACCESS_VOLUME_PREFIX}${randomSuffix()}`;
  volumes.push(apiAccessVolume(volumeName));
  for (const container of containers)
    (container.volumeMounts ??= []).push({
      name: volumeName,
      readOnly: true,
      mountPath: SERVICE_ACCOUNT_MOUNT_PATH,
    });
}
