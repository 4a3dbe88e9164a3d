import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorNotice } from './ErrorNotice';
import { useCluster } from '../clusters/use-cluster';

interface Kubeconfig {
  path: string;
  content: string;
}

/** "Use with kubectl": the kubeconfig's path and contents, for kubectl, k9s and Lens, one click to copy. */
export function KubectlAccess() {
  // always the local Skiff's kubeconfig, whatever cluster the UI shows
  const { localClient: client } = useCluster();
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState<string | undefined>();
  const kubeconfig = useQuery({
    queryKey: ['kubeconfig'],
    queryFn: () => client.get('/apis/ui.skiff.io/v1/kubeconfig') as unknown as Promise<Kubeconfig>,
    enabled: open,
    staleTime: Infinity,
  });
  const copy = async (what: string, text: string) => {
    await navigator.clipboard.writeText(text);
    setCopied(what);
  };
  const path = kubeconfig.data?.path ?? '…';
  const command = `export KUBECONFIG=${path}`;
  return (
    <div className="kubectl-access">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        Use with kubectl
      </button>
      {open && (
        <div className="kubectl-panel" role="dialog" aria-label="Use with kubectl">
          <p>
            kubectl, k9s and Lens talk to Skiff through this kubeconfig (it holds Skiff's token: keep it
            private).
          </p>
          <pre aria-label="kubectl command">
            {command}
            {'\n'}kubectl get pods -A
          </pre>
          <div className="actions">
            <button type="button" disabled={!kubeconfig.data} onClick={() => void copy('command', command)}>
              Copy command
            </button>
            <button
              type="button"
              disabled={!kubeconfig.data}
              onClick={() => void copy('kubeconfig', kubeconfig.data!.content)}
            >
              Copy kubeconfig
            </button>
            {copied && <span role="status">Copied the {copied}.</span>}
          </div>
          <p className="hint">
            k9s: <code>k9s --kubeconfig {path}</code>. Lens: add a cluster from this kubeconfig (File → Add
            Cluster).
          </p>
          <ErrorNotice error={kubeconfig.error} />
        </div>
      )}
    </div>
  );
}
