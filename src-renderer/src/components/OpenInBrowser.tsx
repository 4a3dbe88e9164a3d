import { useMutation } from '@tanstack/react-query';
import { useSkiff } from '../state/skiff-context';
import { ErrorNotice } from './ErrorNotice';
import { useCluster } from '../clusters/use-cluster';

interface Props {
  namespace: string;
  kind: 'services' | 'pods';
  name: string;
  port: number;
}

/**
 * Opens a Service or pod port in the browser: Skiff answers with a 127.0.0.1 address that reaches it (its
 * NodePort, or a forward through the gateway). In a browser tab the new tab is opened on the click itself, so
 * no popup blocker stops it, and pointed at the address once it is known.
 */
export function OpenInBrowser({ namespace, kind, name, port }: Props) {
  const { client } = useSkiff();
  const { local } = useCluster();
  const open = useMutation({
    mutationFn: async (tab: Window | null) => {
      const { url } = await client.post<{ url: string }>(
        `/apis/ui.skiff.io/v1/namespaces/${encodeURIComponent(namespace)}/${kind}/${encodeURIComponent(name)}/open`,
        { port },
        { repeatable: true }, // the same target answers the same forward
      );
      if (window.skiffDesktop) await window.skiffDesktop.openExternal(url);
      else if (tab) tab.location.href = url;
      return url;
    },
    onError: (_err, tab) => tab?.close(),
  });
  if (!local)
    return (
      <span
        className="hint"
        title="Skiff's gateway reaches the local engine's pods only: use kubectl port-forward"
      >
        open: local Skiff only
      </span>
    );
  return (
    <>
      <button
        type="button"
        className="link-button"
        aria-label={`Open port ${port} of ${name} in the browser`}
        disabled={open.isPending}
        onClick={() => open.mutate(window.skiffDesktop ? null : window.open('', '_blank'))}
      >
        open
      </button>
      <ErrorNotice error={open.error} />
    </>
  );
}
