import { useCallback, useSyncExternalStore } from 'react';

// A minimal history-API router: the app has a handful of top-level areas and needs nothing more.

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  history.pushState(null, '', path);
  for (const listener of listeners) listener();
}

export function useRoute(): [string, (path: string) => void] {
  const path = useSyncExternalStore(subscribe, () => window.location.pathname);
  return [path, useCallback(navigate, [])];
}
