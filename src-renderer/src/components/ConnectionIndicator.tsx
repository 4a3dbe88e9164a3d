import { useLinkState, type ConnectionStatus } from '../state/connection-status';

const TEXT = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  unauthorized: 'Not authorized: open the URL that `skiff serve` printed',
} as const;

export function ConnectionIndicator({ status }: { status: ConnectionStatus }) {
  const state = useLinkState(status);
  return (
    <div role="status" aria-label="Connection" className={`connection connection-${state}`}>
      <span className="dot" aria-hidden="true" />
      {TEXT[state]}
    </div>
  );
}
