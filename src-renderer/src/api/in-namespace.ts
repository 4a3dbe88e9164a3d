import type { KubeList, KubeObject } from '@shared/api-types';

/**
 * The part of a kind's cluster-wide list in one namespace (all of it for '' or undefined). Views share one
 * cached list and one watch per kind, and each shows its namespace's part of it.
 */
export function inNamespace<T extends KubeObject>(
  list: KubeList<T>,
  namespace: string | undefined,
): KubeList<T> {
  if (!namespace) return list;
  return { ...list, items: list.items.filter((item) => item.metadata.namespace === namespace) };
}
