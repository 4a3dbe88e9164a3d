import type { KubeObject } from '../shared/api-types';

// imagePullSecrets as the kubelet uses them: the first dockerconfigjson (or legacy dockercfg) Secret with an
// entry for the image's registry gives the credentials for the pull.

export interface RegistryAuth {
  username: string;
  password: string;
  serveraddress: string;
}

const DOCKER_HUB = 'docker.io';

/** The registry host of an image reference (Docker's rule: a first part with '.', ':' or 'localhost'). */
export function registryOf(image: string): string {
  const slash = image.indexOf('/');
  if (slash < 0) return DOCKER_HUB;
  const first = image.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : DOCKER_HUB;
}

function normalizeHost(key: string): string {
  const host = key.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  return ['index.docker.io', 'registry-1.docker.io', 'docker.io'].includes(host) ? DOCKER_HUB : host;
}

interface AuthEntry {
  username?: string;
  password?: string;
  auth?: string;
}

function entriesOf(secret: KubeObject): Record<string, AuthEntry> {
  const data = (secret as { data?: Record<string, string> }).data ?? {};
  const type = (secret as { type?: string }).type;
  const raw =
    type === 'kubernetes.io/dockerconfigjson'
      ? data['.dockerconfigjson']
      : type === 'kubernetes.io/dockercfg'
        ? data['.dockercfg']
        : undefined;
  if (!raw) return {};
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as Record<string, unknown>;
    return ((type === 'kubernetes.io/dockerconfigjson' ? parsed.auths : parsed) ?? {}) as Record<
      string,
      AuthEntry
    >;
  } catch {
    return {};
  }
}

export function credentialsFor(image: string, secrets: KubeObject[]): RegistryAuth | undefined {
  const registry = registryOf(image);
  for (const secret of secrets) {
    for (const [key, entry] of Object.entries(entriesOf(secret))) {
      if (normalizeHost(key) !== registry) continue;
      let { username, password } = entry;
      if ((!username || !password) && entry.auth) {
        const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon > 0) [username, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
      }
      if (username && password) return { username, password, serveraddress: registry };
    }
  }
  return undefined;
}
