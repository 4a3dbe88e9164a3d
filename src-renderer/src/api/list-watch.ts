import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { KubeList, WatchEvent } from '@shared/api-types';
import type { ConnectionStatus } from '../state/connection-status';
import { ApiRequestError, type ApiClient } from './api-client';
import { applyWatchEvent } from './apply-watch-event';
import { listInPages } from './list-pages';

class ResourceVersionExpired extends Error {}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

export interface ListWatchOptions {
  client: ApiClient;
  path: string;
  queryClient: QueryClient;
  queryKey: QueryKey;
  status: ConnectionStatus;
  signal: AbortSignal;
}

/**
 * Keeps a cached list current (listed in pages of 500, `listInPages`): watch from the list's resourceVersion and patch the cache per event; on 410
 * relist; on a broken stream retry with backoff from the last resourceVersion seen. Runs until `signal` aborts.
 */
export async function keepListCurrent({
  client,
  path,
  queryClient,
  queryKey,
  status,
  signal,
}: ListWatchOptions): Promise<void> {
  const relist = () =>
    queryClient.fetchQuery({ queryKey, queryFn: () => listInPages(client, path), staleTime: 0 });
  while (!signal.aborted) {
    try {
      let list = queryClient.getQueryData<KubeList>(queryKey);
      if (!list) list = await relist();
      await client.watch(
        path,
        list.metadata.resourceVersion,
        {
          onOpen: () => status.reportLive(),
          onEvent: (event: WatchEvent) => {
            if (event.type === 'ERROR') {
              const code = (event.object as unknown as { code?: number }).code;
              throw code === 410 ? new ResourceVersionExpired() : new Error('watch error');
            }
            queryClient.setQueryData<KubeList>(queryKey, (old) => (old ? applyWatchEvent(old, event) : old));
          },
        },
        signal,
      );
    } catch (err) {
      if (signal.aborted) return;
      if (err instanceof ResourceVersionExpired) {
        await relist().catch(() => undefined);
        continue;
      }
      status.reportFailure(err instanceof ApiRequestError && err.code === 401);
      await sleep(status.retryDelayMs(), signal);
    }
  }
}
