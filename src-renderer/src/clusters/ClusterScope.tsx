import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  clusterApiBase,
  clusterStatusPath,
  LOCAL_CLUSTER_ID,
  type ClusterContextStatus,
} from '@shared/cluster-contexts';
import { ApiClient } from '../api/api-client';
import type { Connection } from '../api/connection';
import { ConnectionStatus } from '../state/connection-status';
import { SkiffProvider } from '../state/skiff-context';
import { ClusterUnavailable } from './ClusterUnavailable';
import {
  initialContextId,
  pathInContext,
  rememberContext,
  rememberedNamespace,
  searchWithContext,
} from './current-context';
import { ClusterScopeContext, type ClusterScopeValue } from './use-cluster';

const newQueryClient = () =>
  new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } });

/**
 * Everything below talks to one cluster context. A switch gives the UI a new API client (prefixed with
 * `/clusters/{id}` for a context other than the local Skiff), a new react-query cache and a remount, so the
 * old context's lists, watches and streams close and nothing of one cluster shows on another.
 */
export function ClusterScope({ connection, children }: { connection: Connection; children: ReactNode }) {
  const [id, setId] = useState(() => initialContextId(window.location.search, localStorage));
  const [attempt, setAttempt] = useState(0);
  const localClient = useMemo(() => new ApiClient(connection), [connection]);
  // the context list and status live in a cache that outlives switches: switching back shows them at once
  const [shellQueries] = useState(newQueryClient);
  const scope = useMemo(
    () => ({
      client: id === LOCAL_CLUSTER_ID ? localClient : new ApiClient(connection, clusterApiBase(id)),
      status: new ConnectionStatus(),
      queryClient: newQueryClient(),
      // a retry starts the context afresh: new cache, new watches
      attempt,
    }),
    [id, attempt, connection, localClient],
  );
  useEffect(() => () => scope.queryClient.clear(), [scope]);
  const switchTo = useCallback((next: string) => {
    rememberContext(next, localStorage);
    const { pathname, search, hash } = window.location;
    const path = pathInContext(pathname, rememberedNamespace(next, localStorage));
    history.replaceState(history.state, '', path + searchWithContext(search, next) + hash);
    setId(next);
  }, []);
  const clientFor = useCallback(
    (other: string) =>
      other === LOCAL_CLUSTER_ID ? localClient : new ApiClient(connection, clusterApiBase(other)),
    [connection, localClient],
  );
  return (
    <QueryClientProvider client={shellQueries}>
      <ScopedCluster
        id={id}
        attempt={attempt}
        localClient={localClient}
        clientFor={clientFor}
        switchTo={switchTo}
        onRetry={() => setAttempt((n) => n + 1)}
        scope={scope}
        shellQueries={shellQueries}
      >
        {children}
      </ScopedCluster>
    </QueryClientProvider>
  );
}

interface ScopedProps {
  id: string;
  attempt: number;
  localClient: ApiClient;
  clientFor: (id: string) => ApiClient;
  switchTo: (id: string) => void;
  onRetry: () => void;
  scope: { client: ApiClient; status: ConnectionStatus; queryClient: QueryClient; attempt: number };
  shellQueries: QueryClient;
  children: ReactNode;
}

function ScopedCluster(props: ScopedProps) {
  const { id, attempt, localClient, clientFor, switchTo, onRetry, scope, shellQueries, children } = props;
  const local = id === LOCAL_CLUSTER_ID;
  // asked beside the first lists, not before them: a reachable cluster's pods are not held up by the check
  const health = useQuery({
    queryKey: ['cluster-status', id],
    queryFn: () => localClient.getDocument<ClusterContextStatus>(clusterStatusPath(id)),
    enabled: !local,
    retry: false,
    staleTime: 30_000,
  });
  const value: ClusterScopeValue = useMemo(() => {
    const status: ClusterContextStatus | undefined = local
      ? { id, reachable: true, metrics: true }
      : health.data;
    return { id, local, status, localClient, clientFor, switchTo, shellQueries };
  }, [id, local, health.data, localClient, clientFor, switchTo, shellQueries]);
  const unreachable = !local && (health.error || (health.data && !health.data.reachable));
  return (
    <ClusterScopeContext.Provider value={value}>
      {unreachable ? (
        <ClusterUnavailable
          id={id}
          message={
            health.data?.error ?? (health.error as Error | null)?.message ?? 'the cluster does not answer'
          }
          retrying={health.isFetching}
          onRetry={() =>
            void health.refetch().then((result) => {
              if (result.data?.reachable) onRetry();
            })
          }
          onBack={() => switchTo(LOCAL_CLUSTER_ID)}
        />
      ) : (
        <QueryClientProvider client={scope.queryClient}>
          <SkiffProvider value={{ client: scope.client, status: scope.status }}>
            <ScopedChildren key={`${id}#${attempt}`}>{children}</ScopedChildren>
          </SkiffProvider>
        </QueryClientProvider>
      )}
    </ClusterScopeContext.Provider>
  );
}

function ScopedChildren({ children }: { children: ReactNode }) {
  return <>{children}</>;
}
