import { delimiter, join } from 'node:path';

/**
 * The kubeconfig files to read, in kubectl's order: `$KUBECONFIG` (a list; empty entries skipped) or else
 * `~/.kube/config`, then the files added in the app. A file named twice counts once, at its first place.
 */
export function kubeconfigPaths(
  kubeconfigEnv: string | undefined,
  home: string,
  added: readonly string[],
): string[] {
  const fromEnv = (kubeconfigEnv ?? '').split(delimiter).filter((p) => p.length > 0);
  const defaults = fromEnv.length > 0 ? fromEnv : [join(home, '.kube', 'config')];
  return [...new Set([...defaults, ...added])];
}
