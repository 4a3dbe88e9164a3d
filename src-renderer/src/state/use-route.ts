import { useCallback, useSyncExternalStore } from 'react';

// A minimal history-API router: the pathname is the app's whole place (routing/app-route.ts reads it).

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

/** Goes to `path`: a new history entry, or in place of the current one with `replace` (no Back step). */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === window.location.pathname) return;
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  for (const listener of listeners) listener();
}

export function useRoute(): [string, (path: string, options?: { replace?: boolean }) => void] {
  const path = useSyncExternalStore(subscribe, () => window.location.pathname);
  return [path, useCallback(navigate, [])];
}
