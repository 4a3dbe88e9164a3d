import { useCallback, useRef } from 'react';
import type { KubeObject } from '@shared/api-types';
import { objectRoute } from '../routing/app-route';
import { useNavigation } from '../routing/route-context';

/**
 * Which row's object a list view shows, kept in the address (`/ns/<ns>/<view>/<name>[/logs]`) so that Back,
 * reload and a copied link all return to it. `openLogs` opens the object's Logs tab (…/<name>/logs).
 */
export function useRowSelection(view: string, items: KubeObject[]) {
  const { route, go } = useNavigation();
  const latest = useRef(items);
  latest.current = items;
  const chosen =
    route.view === view && route.name !== undefined
      ? items.find(
          (o) =>
            o.metadata.name === route.name &&
            (route.namespace === undefined || o.metadata.namespace === route.namespace),
        )
      : undefined;
  // stable, so table columns that call them need not be rebuilt
  const openAt = useCallback(
    (uid: string | undefined, tab?: string) => {
      const o = latest.current.find((i) => i.metadata.uid === uid);
      if (!o) go({ view, ...(route.namespace ? { namespace: route.namespace } : {}) });
      else go(objectRoute(view, o.metadata.name ?? '', o.metadata.namespace, tab));
    },
    [go, view, route.namespace],
  );
  const open = useCallback((uid: string | undefined) => openAt(uid), [openAt]);
  const openLogs = useCallback((uid: string | undefined) => openAt(uid, 'logs'), [openAt]);
  return { selected: chosen?.metadata.uid, open, openLogs };
}
