import { createContext, useContext } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import type { ClusterContextStatus } from '@shared/cluster-contexts';
import type { ApiClient } from '../api/api-client';

export interface ClusterScopeValue {
  /** The context the UI shows (`local` for the local Skiff). */
  id: string;
  local: boolean;
  /** What the main process found out about the context's cluster; undefined while it asks. */
  status: ClusterContextStatus | undefined;
  /** Skiff's own API, whatever context is shown: the context list, kubeconfig files, local images. */
  localClient: ApiClient;
  /** A client for any context's cluster (promote writes to a context other than the one shown). */
  clientFor(id: string): ApiClient;
  switchTo(id: string): void;
  /** The cache of what outlives a switch (the context list, each context's status). */
  shellQueries: QueryClient;
}

export const ClusterScopeContext = createContext<ClusterScopeValue | undefined>(undefined);

export function useCluster(): ClusterScopeValue {
  const value = useContext(ClusterScopeContext);
  if (!value) throw new Error('useCluster outside ClusterScope');
  return value;
}
