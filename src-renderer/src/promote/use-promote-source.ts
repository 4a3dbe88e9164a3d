import { useQuery } from '@tanstack/react-query';
import type { KubeObject } from '@shared/api-types';
import { collectionPath } from '@shared/resource-types';
import { listInPages } from '../api/list-pages';
import { useCluster } from '../clusters/use-cluster';
import { isPromotable, PROMOTED_TYPES } from './plan-promote';

/** The local Skiff's objects of a namespace that make up its setup (what a controller made is left out). */
export function usePromoteSource(namespace: string) {
  const { localClient, shellQueries } = useCluster();
  return useQuery(
    {
      queryKey: ['promote-source', namespace],
      enabled: namespace !== '',
      staleTime: 0,
      queryFn: async () => {
        const lists = await Promise.all(
          PROMOTED_TYPES.map(async (type) => {
            const list = await listInPages(localClient, collectionPath(type, namespace));
            // list items carry no kind/apiVersion: the manifest needs them
            return list.items.map((o): KubeObject => ({
              ...o,
              apiVersion: type.group ? `${type.group}/${type.version}` : type.version,
              kind: type.kind,
            }));
          }),
        );
        return lists.flat().filter(isPromotable);
      },
    },
    shellQueries,
  );
}
