import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  CLUSTER_CONTEXTS_PATH,
  KUBECONFIG_FILES_PATH,
  LOCAL_CLUSTER_ID,
  type ClusterContext,
} from '@shared/cluster-contexts';
import { ErrorNotice } from '../components/ErrorNotice';
import { useCluster } from './use-cluster';

export const CONTEXTS_QUERY_KEY = ['cluster-contexts'];

const label = (c: ClusterContext) => (c.local ? 'Local Skiff' : c.name);

/**
 * The top bar's cluster picker: the local Skiff and every kubeconfig context; choosing one switches the whole
 * UI. A kubeconfig file can be added by its path (Skiff reads it in the main process; credentials stay there).
 */
export function ContextSwitcher() {
  const { id, localClient, switchTo, shellQueries } = useCluster();
  const [adding, setAdding] = useState(false);
  const [path, setPath] = useState('');
  const contexts = useQuery(
    {
      queryKey: CONTEXTS_QUERY_KEY,
      queryFn: async () =>
        (await localClient.getDocument<{ items: ClusterContext[] }>(CLUSTER_CONTEXTS_PATH)).items,
      staleTime: 10_000,
    },
    shellQueries,
  );
  const add = useMutation(
    {
      mutationFn: (file: string) => localClient.post(KUBECONFIG_FILES_PATH, { path: file }),
      onSuccess: () => {
        setPath('');
        setAdding(false);
        void shellQueries.invalidateQueries({ queryKey: CONTEXTS_QUERY_KEY });
      },
    },
    shellQueries,
  );
  const items = contexts.data ?? [];
  const current = items.find((c) => c.id === id);
  const known = items.some((c) => c.id === id);
  return (
    <div className="context-switcher">
      <label>
        Cluster
        <select aria-label="Cluster context" value={id} onChange={(e) => switchTo(e.target.value)}>
          {!known && <option value={id}>{id === LOCAL_CLUSTER_ID ? 'Local Skiff' : id}</option>}
          {items.map((c) => (
            <option key={c.id} value={c.id} title={`${c.server} · ${c.user} · ${c.source}`}>
              {label(c)}
            </option>
          ))}
        </select>
      </label>
      {current?.warnings.map((warning) => (
        <span
          key={warning}
          role="note"
          aria-label="Context warning"
          className="pod-status-warn"
          title={warning}
        >
          ⚠ {warning}
        </span>
      ))}
      <button
        type="button"
        className="link-button"
        onClick={() => setAdding((a) => !a)}
        aria-expanded={adding}
      >
        Add kubeconfig
      </button>
      {adding && (
        <form
          className="add-kubeconfig"
          aria-label="Add kubeconfig file"
          onSubmit={(e) => {
            e.preventDefault();
            if (path.trim()) add.mutate(path.trim());
          }}
        >
          <input
            aria-label="Kubeconfig file path"
            placeholder="/home/me/.kube/staging.yaml"
            value={path}
            onChange={(e) => setPath(e.target.value)}
          />
          <button type="submit" disabled={add.isPending || !path.trim()}>
            Add
          </button>
          <ErrorNotice error={add.error} />
        </form>
      )}
      <ErrorNotice error={contexts.error} />
    </div>
  );
}
