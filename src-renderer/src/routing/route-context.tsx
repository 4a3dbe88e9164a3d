import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useRoute } from '../state/use-route';
import { formatRoute, parseRoute, type AppRoute } from './app-route';

export interface Navigation {
  route: AppRoute;
  path: string;
  /** Goes to a route; `replace` for moves that should not be a Back step (a tab that corrects itself). */
  go: (route: AppRoute, options?: { replace?: boolean }) => void;
  navigate: (path: string, options?: { replace?: boolean }) => void;
}

const RouteContext = createContext<Navigation | undefined>(undefined);

export function RouteProvider({ children }: { children: ReactNode }) {
  const [path, navigate] = useRoute();
  const value = useMemo(
    (): Navigation => ({
      route: parseRoute(path),
      path,
      go: (route, options) => navigate(formatRoute(route), options),
      navigate,
    }),
    [path, navigate],
  );
  return <RouteContext.Provider value={value}>{children}</RouteContext.Provider>;
}

export function useNavigation(): Navigation {
  const value = useContext(RouteContext);
  if (!value) throw new Error('useNavigation outside RouteProvider');
  return value;
}

/** A link that navigates in the app (and still opens in a new tab with a modifier or a middle click). */
export function RouteLink({
  to,
  children,
  className,
  label,
}: {
  to: AppRoute;
  children: ReactNode;
  className?: string;
  label?: string;
}) {
  const { go } = useNavigation();
  return (
    <a
      href={formatRoute(to)}
      className={className}
      aria-label={label}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        go(to);
      }}
    >
      {children}
    </a>
  );
}
