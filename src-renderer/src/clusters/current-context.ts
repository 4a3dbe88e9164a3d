import { LOCAL_CLUSTER_ID } from '@shared/cluster-contexts';
import { formatRoute, parseRoute } from '../routing/app-route';

// Which cluster context the UI shows, and each context's namespace, kept in localStorage. A `?context=` query
// parameter (a link someone shared) wins over the stored one; the context never goes into the path, so every
// route means the same on every cluster.

const CONTEXT_KEY = 'skiff.context';
const NAMESPACE_KEY = 'skiff.namespace.';
const ID = /^[a-z0-9-]+$/;

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

export function initialContextId(search: string, storage: KeyValueStore): string {
  const asked = new URLSearchParams(search).get('context');
  if (asked && ID.test(asked)) return asked;
  const stored = storage.getItem(CONTEXT_KEY);
  return stored && ID.test(stored) ? stored : LOCAL_CLUSTER_ID;
}

export function rememberContext(id: string, storage: KeyValueStore): void {
  storage.setItem(CONTEXT_KEY, id);
}

/** The query string with `context=id`, or without it for the local Skiff; other parameters stay as they were. */
export function searchWithContext(search: string, id: string): string {
  const query = new URLSearchParams(search);
  if (id === LOCAL_CLUSTER_ID) query.delete('context');
  else query.set('context', id);
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** The namespace last chosen in a context ('' is all namespaces, the first visit's choice). */
export function rememberedNamespace(id: string, storage: KeyValueStore): string {
  return storage.getItem(NAMESPACE_KEY + id) ?? '';
}

export function rememberNamespace(id: string, namespace: string, storage: KeyValueStore): void {
  storage.setItem(NAMESPACE_KEY + id, namespace);
}

/**
 * Where a switch to another context lands: the same view, in the namespace last chosen there (an object or tab
 * of this cluster may not exist on the other, so the address drops them).
 */
export function pathInContext(pathname: string, namespace: string): string {
  const { view } = parseRoute(pathname);
  return formatRoute({ view, ...(namespace ? { namespace } : {}) });
}
