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
  /** A serviceAccountToken projection's token (pod-token-source.ts), or why there is none yet. */
  serviceAccountToken(
    audience: string | undefined,
    expirationSeconds: number,
  ): { token: string } | { error: string };
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
      const request = source.serviceAccountToken;
      const token = sources.serviceAccountToken(request.audience, request.expirationSeconds ?? 3600);
      if ('error' in token) return token;
      // Like every projected file: the volume's defaultMode (0644 when not set, as the API defaults it).
      found = [{ path: request.path, mode: defaultMode, content: Buffer.from(token.token) }];
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
