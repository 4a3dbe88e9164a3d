import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import {
  activateSession,
  closeSession,
  EMPTY_DOCK,
  openSession,
  type DockSession,
  type DockState,
} from './dock-sessions';

interface Dock {
  state: DockState;
  open: (session: Omit<DockSession, 'id'>) => void;
  close: (id: number) => void;
  activate: (id: number) => void;
}

const DockContext = createContext<Dock | undefined>(undefined);

/** Holds the dock's sessions above the routes, so shells and logs live on while the user moves around. */
export function DockProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<DockState>(EMPTY_DOCK);
  const open = useCallback((s: Omit<DockSession, 'id'>) => setState((prev) => openSession(prev, s)), []);
  const close = useCallback((id: number) => setState((prev) => closeSession(prev, id)), []);
  const activate = useCallback((id: number) => setState((prev) => activateSession(prev, id)), []);
  const value = useMemo(() => ({ state, open, close, activate }), [state, open, close, activate]);
  return <DockContext.Provider value={value}>{children}</DockContext.Provider>;
}

export function useDock(): Dock {
  const dock = useContext(DockContext);
  if (!dock) throw new Error('useDock outside DockProvider');
  return dock;
}
