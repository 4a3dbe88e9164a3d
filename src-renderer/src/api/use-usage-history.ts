import { useQuery } from '@tanstack/react-query';
import type { PodUsageHistory } from '@shared/metrics-types';
import { useSkiff } from '../state/skiff-context';

/** How often the charts ask for new samples (metrics have no watch; the collector's own interval is longer). */
const REFRESH_MS = 5_000;

/** The recent usage samples of the pods a label selector picks, from Skiff's metrics history extension. */
export function useUsageHistory(namespace: string, labelSelector: string) {
  const { client } = useSkiff();
  // Skiff's own metrics history: another cluster has no such API
  const path = `/apis/metrics.skiff.io/v1alpha1/namespaces/${encodeURIComponent(namespace)}/pods?labelSelector=${encodeURIComponent(labelSelector)}`;
  return useQuery({
    queryKey: ['usage-history', path],
    queryFn: async () => (await client.list(path)).items as unknown as PodUsageHistory[],
    refetchInterval: REFRESH_MS,
    enabled: client.local,
  });
}
