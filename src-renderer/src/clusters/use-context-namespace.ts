import { useCallback, useState } from 'react';
import { rememberedNamespace, rememberNamespace } from './current-context';
import { useCluster } from './use-cluster';

/** The namespace picker's state, remembered per cluster context (the UI remounts on a switch and reads it back). */
export function useContextNamespace(): [string, (namespace: string) => void] {
  const { id } = useCluster();
  const [namespace, setNamespace] = useState(() => rememberedNamespace(id, localStorage));
  const choose = useCallback(
    (next: string) => {
      rememberNamespace(id, next, localStorage);
      setNamespace(next);
    },
    [id],
  );
  return [namespace, choose];
}
