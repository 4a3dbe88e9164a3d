import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import type { KubeList, KubeObject } from '@shared/api-types';
import { collectionPath, type ResourceType } from '@shared/resource-types';
import { useSkiff } from '../state/skiff-context';
import { ApiRequestError } from './api-client';
import { inNamespace } from './in-namespace';
import { listInPages } from './list-pages';
import { keepListCurrent } from './list-watch';
import { SharedWatches } from './shared-watch';

/** What a list needs to know of its kind: where its collection is. Discovered kinds have this too. */
export type ListedType = Pick<ResourceType, 'group' | 'version' | 'plural' | 'namespaced'>;

export interface KubeListResult<T extends KubeObject> {
  data: KubeList<T> | undefined;
  error: Error | null;
  isPending: boolean;
}

const watches = new SharedWatches();

/** The query key of a kind's one cached list: always the cluster-wide collection. */
export const kubeListKey = (type: ListedType) => ['kube-list', collectionPath(type as ResourceType)] as const;

/**
 * A kind's objects, in `namespace` when given: one cluster-wide list request plus one watch per kind that patches
 * the cached list in place, shared by every view whatever namespace it shows (each filters its part). No polling.
 */
export function useKubeList<T extends KubeObject>(type: ListedType, namespace?: string): KubeListResult<T> {
  const { client, status } = useSkiff();
  const queryClient = useQueryClient();
  const path = collectionPath(type as ResourceType);
  const queryKey = kubeListKey(type);
  const query = useQuery<KubeList<T>, Error>({
    queryKey,
    queryFn: () => listInPages<T>(client, path),
    staleTime: Infinity,
    retry: (_count, err) =>
      !(err instanceof ApiRequestError && (err.code === 401 || err.code === 403 || err.code === 404)),
    retryDelay: () => status.retryDelayMs(),
  });
  const ready = query.data !== undefined;
  useEffect(() => {
    if (!ready) return;
    // per cluster context: a switch closes the old context's watches (its views unmount) and opens the new one's
    return watches.join(client.clusterPrefix + path, () => {
      const controller = new AbortController();
      void keepListCurrent({
        client,
        path,
        queryClient,
        queryKey: ['kube-list', path],
        status,
        signal: controller.signal,
      });
      return () => controller.abort();
    });
  }, [ready, path, client, queryClient, status]);
  const scope = type.namespaced ? namespace || undefined : undefined;
  const data = useMemo(() => (query.data ? inNamespace(query.data, scope) : undefined), [query.data, scope]);
  return { data, error: query.error, isPending: query.isPending };
}
