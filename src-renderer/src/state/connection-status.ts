import { useSyncExternalStore } from 'react';

export type LinkState = 'connecting' | 'live' | 'reconnecting' | 'unauthorized';

/** How the renderer's watches are doing, for the status indicator. Watches report in; the frame reads. */
export class ConnectionStatus {
  private state: LinkState = 'connecting';
  private readonly listeners = new Set<() => void>();
  private failing = 0;

  get current(): LinkState {
    return this.state;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  reportLive(): void {
    this.failing = 0;
    this.set('live');
  }

  reportFailure(unauthorized: boolean): void {
    this.failing++;
    this.set(unauthorized ? 'unauthorized' : 'reconnecting');
  }

  /** Delay before the next attempt: exponential, capped at 5 s, so a restarted server is found quickly. */
  retryDelayMs(): number {
    return Math.min(5000, 250 * 2 ** Math.min(this.failing, 5));
  }

  private set(state: LinkState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

export function useLinkState(status: ConnectionStatus): LinkState {
  return useSyncExternalStore(status.subscribe, () => status.current);
}
