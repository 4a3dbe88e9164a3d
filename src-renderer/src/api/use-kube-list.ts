import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { KubeList, KubeObject } from '@shared/api-types';
import { useSkiff } from '../state/skiff-context';
import { ApiRequestError } from './api-client';
import { keepListCurrent } from './list-watch';

/** One list request plus one watch that patches the cached list in place. No polling. */
export function useKubeList<T extends KubeObject>(path: string): UseQueryResult<KubeList<T>, Error> {
  const { client, status } = useSkiff();
  const queryClient = useQueryClient();
  const query = useQuery<KubeList<T>, Error>({
    queryKey: ['kube-list', path],
    queryFn: () => client.list<T>(path),
    staleTime: Infinity,
    retry: (_count, err) =>
      !(err instanceof ApiRequestError && (err.code === 401 || err.code === 403 || err.code === 404)),
    retryDelay: () => status.retryDelayMs(),
  });
  const ready = query.data !== undefined;
  useEffect(() => {
    if (!ready) return;
    return shareWatch(path, () => {
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
  return query;
}

/**
 * One watch per path however many components show that list (the command palette and a view often do): the
 * first user starts it, the last one to go stops it.
 */
const watches = new Map<string, { users: number; stop: () => void }>();

function shareWatch(path: string, start: () => () => void): () => void {
  let entry = watches.get(path);
  if (!entry) {
    entry = { users: 0, stop: start() };
    watches.set(path, entry);
  }
  entry.users++;
  const shared = entry;
  return () => {
    if (--shared.users > 0) return;
    shared.stop();
    watches.delete(path);
  };
}
