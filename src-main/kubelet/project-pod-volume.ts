import type { KubeObject } from '../shared/api-types';
import type { Pod, Volume } from '../shared/pod-types';
import { DownwardError, projectDownwardFiles, type DownwardFacts } from './downward-values';
import { projectConfigVolume, type ProjectedFile, type Projection } from './project-config-volume';

// What each volume the kubelet writes holds: configMap, secret, downwardAPI and projected (pkg/volume/projected:
// its sources' files merged into one directory, each with its item mode, else the volume's defaultMode). Pure.

const DEFAULT_MODE = 0o644;

export interface VolumeSources {
  configMap(name: string): KubeObject | undefined;
  secret(name: string): KubeObject | undefined;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A stand-in for a bound ServiceAccount token: Skiff has no ServiceAccounts or TokenRequest yet, so this is
 * JWT-shaped (the claims a real one carries) but unsigned (`alg: none`) and says so in its issuer. Nothing in
 * Skiff accepts it. Its times come from the pod, so it stays the same for the pod's life.
 */
export function placeholderToken(pod: Pod, audience: string | undefined, expirationSeconds: number): string {
  const issuedAt = Math.floor(Date.parse(pod.metadata.creationTimestamp ?? '') / 1000) || 0;
  const account = pod.spec.serviceAccountName ?? 'default';
  const namespace = pod.metadata.namespace ?? 'default';
  const claims = {
    iss: 'skiff-placeholder-not-a-real-token',
    aud: [audience ?? 'https://kubernetes.default.svc'],
    sub: `system:serviceaccount:${namespace}:${account}`,
    iat: issuedAt,
    nbf: issuedAt,
    exp: issuedAt + expirationSeconds,
    'kubernetes.io': {
      namespace,
      pod: { name: pod.metadata.name, uid: pod.metadata.uid },
      serviceaccount: { name: account },
    },
  };
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
}

function projected(
  volume: NonNullable<Volume['projected']>,
  pod: Pod,
  sources: VolumeSources,
  facts: DownwardFacts,
): Projection {
  const defaultMode = volume.defaultMode ?? DEFAULT_MODE;
  const files = new Map<string, ProjectedFile>();
  for (const source of volume.sources ?? []) {
    let found: ProjectedFile[] = [];
    if (source.configMap || source.secret) {
      const ref = source.configMap ?? source.secret!;
      const asVolume: Volume = source.configMap
        ? { name: '', configMap: { ...ref, defaultMode } }
        : {
            name: '',
            secret: { secretName: ref.name, items: ref.items, optional: ref.optional, defaultMode },
          };
      const result = projectConfigVolume(
        asVolume,
        source.configMap ? sources.configMap(ref.name) : sources.secret(ref.name),
      );
      if ('error' in result) return result;
      found = result.files;
    } else if (source.downwardAPI) {
      found = projectDownwardFiles(pod, source.downwardAPI.items, defaultMode, facts);
    } else if (source.serviceAccountToken) {
      const token = source.serviceAccountToken;
      const content = placeholderToken(pod, token.audience, token.expirationSeconds ?? 3600);
      // Like every projected file: the volume's defaultMode (0644 when not set, as the API defaults it).
      found = [{ path: token.path, mode: defaultMode, content: Buffer.from(content) }];
    }
    for (const file of found) files.set(file.path, file);
  }
  return { files: [...files.values()] };
}

/** The files of a volume the kubelet writes; `{ files: [] }` for other kinds. */
export function projectPodVolume(
  volume: Volume,
  pod: Pod,
  sources: VolumeSources,
  facts: DownwardFacts,
): Projection {
  try {
    if (volume.configMap) return projectConfigVolume(volume, sources.configMap(volume.configMap.name));
    if (volume.secret) return projectConfigVolume(volume, sources.secret(volume.secret.secretName));
    if (volume.downwardAPI)
      return {
        files: projectDownwardFiles(
          pod,
          volume.downwardAPI.items,
          volume.downwardAPI.defaultMode ?? DEFAULT_MODE,
          facts,
        ),
      };
    if (volume.projected) return projected(volume.projected, pod, sources, facts);
  } catch (err) {
    if (err instanceof DownwardError) return { error: err.message };
    throw err;
  }
  return { files: [] };
}
