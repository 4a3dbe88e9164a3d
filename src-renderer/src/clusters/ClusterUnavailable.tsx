import { ContextSwitcher } from './ContextSwitcher';

interface Props {
  id: string;
  message: string;
  retrying: boolean;
  onRetry: () => void;
  onBack: () => void;
}

/**
 * A context whose cluster cannot be reached, in the credential's or the network's own words (an expired token,
 * an exec plugin's message, a refused connection), with a retry: never a blank screen.
 */
export function ClusterUnavailable({ id, message, retrying, onRetry, onBack }: Props) {
  return (
    <div className="frame cluster-unavailable">
      <header className="topbar">
        <ContextSwitcher />
      </header>
      <main className="content">
        <section role="alert" aria-label="Cluster unavailable" className="error-notice">
          <h1>Cannot reach the cluster of context {id}</h1>
          <p className="cluster-error-message">{message}</p>
          <p className="hint">
            Fix the credential (log in again, renew the token) or the network, then retry. Skiff holds the
            credentials; this window never sees them.
          </p>
          <button type="button" onClick={onRetry} disabled={retrying}>
            {retrying ? 'Retrying…' : 'Retry'}
          </button>{' '}
          <button type="button" onClick={onBack}>
            Back to local Skiff
          </button>
        </section>
      </main>
    </div>
  );
}
