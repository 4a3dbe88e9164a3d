import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { load as loadYaml } from 'js-yaml';
import type { KubeconfigFile } from './merge-kubeconfigs';

interface RawUser {
  token?: string;
  'token-file'?: string;
  exec?: { command?: unknown };
}

/**
 * One kubeconfig file read with client-node (its own validation of every entry). Relative paths are made
 * absolute against the file's directory as kubectl does: client-node does it for certificates and keys, this
 * for `token-file` and an exec command with a slash. A token file is read here and trimmed (kubectl trims; a
 * trailing newline is not a valid header value); `tokenFiles` are watched for changes like the file itself.
 */
export async function readKubeconfigFile(path: string): Promise<KubeconfigFile & { tokenFiles: string[] }> {
  const text = await readFile(path, 'utf8');
  const raw = loadYaml(text) as { users?: Array<{ user?: RawUser }> } | null;
  if (!raw || typeof raw !== 'object')
    throw new Error('the file is not a kubeconfig (no YAML mapping in it)');
  const dir = dirname(path);
  const absolute = (p: string) => (isAbsolute(p) ? p : join(dir, p));
  const tokenFiles: string[] = [];
  for (const entry of Array.isArray(raw.users) ? raw.users : []) {
    const user = entry?.user;
    if (!user || typeof user !== 'object') continue;
    const tokenFile = user['token-file'];
    if (typeof tokenFile === 'string' && !user.token) {
      const file = absolute(tokenFile);
      tokenFiles.push(file);
      try {
        user.token = readFileSync(file, 'utf8').trim();
      } catch {
        // left without a token: the server's 401 says so
      }
      delete user['token-file'];
    }
    const command = user.exec?.command;
    if (typeof command === 'string' && command.includes('/')) user.exec!.command = absolute(command);
  }
  const config = new KubeConfig();
  config.loadFromString(JSON.stringify(raw));
  config.makePathsAbsolute(dir);
  return { path, clusters: config.clusters, users: config.users, contexts: config.contexts, tokenFiles };
}

/** What tells that a file changed since it was read ('-' when it is absent). */
export async function fileStamp(path: string): Promise<string> {
  try {
    const s = await stat(path);
    return `${s.mtimeMs}:${s.size}:${s.ino}`;
  } catch {
    return '-';
  }
}
