import { useQuery } from '@tanstack/react-query';
import { useSkiff } from '../state/skiff-context';
import {
  discoveredKinds,
  preferredGroupVersions,
  type ApiGroupList,
  type ApiResourceList,
  type DiscoveredKind,
} from './discovered-kinds';

/**
 * Every listable kind the API serves, from its discovery documents (/api/v1, /apis, /apis/{group}/{version}).
 * Read when the kinds section opens and again when it reopens, so kinds registered since (a new CRD) show up.
 */
export function useDiscovery() {
  const { client } = useSkiff();
  return useQuery<DiscoveredKind[], Error>({
    queryKey: ['discovery'],
    staleTime: 0,
    queryFn: async () => {
      const [core, groups] = await Promise.all([
        client.getDocument<ApiResourceList>('/api/v1'),
        client.getDocument<ApiGroupList>('/apis'),
      ]);
      const lists = await Promise.all(
        preferredGroupVersions(groups).map((gv) =>
          // a group that went away meanwhile (a CRD deleted) is left out rather than failing the rest
          client.getDocument<ApiResourceList>(`/apis/${gv}`).catch(() => undefined),
        ),
      );
      return discoveredKinds([core, ...lists.filter((l): l is ApiResourceList => l !== undefined)]);
    },
  });
}
