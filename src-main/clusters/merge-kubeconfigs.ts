import type { Cluster, Context, User } from '@kubernetes/client-node';
import type { ClusterContext } from '../shared/cluster-contexts';
import { contextId } from './context-ids';
import { isSameServer } from './same-server';

/** One kubeconfig file as read (paths in it already made absolute against its directory). */
export interface KubeconfigFile {
  path: string;
  clusters: Cluster[];
  users: User[];
  contexts: Context[];
}

/** Every file's entries merged as kubectl merges them: by name, the first file that names one wins. */
export interface MergedKubeconfig {
  clusters: Cluster[];
  users: User[];
  contexts: Array<{ context: Context; source: string }>;
}

export function mergeKubeconfigs(files: readonly KubeconfigFile[]): MergedKubeconfig {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, { context: Context; source: string }>();
  for (const file of files) {
    for (const cluster of file.clusters) if (!clusters.has(cluster.name)) clusters.set(cluster.name, cluster);
    for (const user of file.users) if (!users.has(user.name)) users.set(user.name, user);
    for (const context of file.contexts)
      if (!contexts.has(context.name)) contexts.set(context.name, { context, source: file.path });
  }
  return { clusters: [...clusters.values()], users: [...users.values()], contexts: [...contexts.values()] };
}

export const INSECURE_WARNING =
  "insecure-skip-tls-verify: the server's certificate is not checked, so anyone on the way can read and change this traffic";

/** What the user should know about a context before trusting it. */
export function contextWarnings(
  cluster: Cluster | undefined,
  user: User | undefined,
  context: Context,
): string[] {
  const warnings: string[] = [];
  if (!cluster) warnings.push(`cluster "${context.cluster}" is not defined in any kubeconfig file`);
  if (!user && context.user) warnings.push(`user "${context.user}" is not defined in any kubeconfig file`);
  if (cluster?.skipTLSVerify) warnings.push(INSECURE_WARNING);
  if (cluster?.server.startsWith('http:'))
    warnings.push('the server is plain HTTP: credentials and data travel unencrypted');
  return warnings;
}

/**
 * The contexts as the app lists them: each with its id and warnings, except those whose server is this Skiff
 * (Skiff's own kubeconfig entries are the local cluster, listed once by the caller).
 */
export function describeContexts(merged: MergedKubeconfig, localServer: string): ClusterContext[] {
  const clusters = new Map(merged.clusters.map((c) => [c.name, c]));
  const users = new Map(merged.users.map((u) => [u.name, u]));
  return merged.contexts.flatMap(({ context, source }): ClusterContext[] => {
    const cluster = clusters.get(context.cluster);
    if (cluster && isSameServer(cluster.server, localServer)) return [];
    return [
      {
        id: contextId(context.name),
        name: context.name,
        cluster: context.cluster,
        server: cluster?.server ?? '',
        user: context.user,
        ...(context.namespace ? { namespace: context.namespace } : {}),
        source,
        local: false,
        warnings: contextWarnings(cluster, users.get(context.user), context),
      },
    ];
  });
}
