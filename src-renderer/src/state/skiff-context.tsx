import { createContext, useContext, type ReactNode } from 'react';
import type { ApiClient } from '../api/api-client';
import type { ConnectionStatus } from './connection-status';

export interface SkiffContextValue {
  client: ApiClient;
  status: ConnectionStatus;
}

const SkiffContext = createContext<SkiffContextValue | undefined>(undefined);

export function SkiffProvider({ value, children }: { value: SkiffContextValue; children: ReactNode }) {
  return <SkiffContext.Provider value={value}>{children}</SkiffContext.Provider>;
}

export function useSkiff(): SkiffContextValue {
  const value = useContext(SkiffContext);
  if (!value) throw new Error('useSkiff outside SkiffProvider');
  return value;
}
