import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ToastStore } from './toast-store';

describe('ToastStore', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows a toast for its lifetime, then drops it', () => {
    const store = new ToastStore(1000);
    const seen: string[][] = [];
    store.subscribe((ts) => seen.push(ts.map((t) => t.message)));
    store.show({ message: 'Saved configmap settings' });
    expect(store.current().map((t) => t.message)).toEqual(['Saved configmap settings']);
    vi.advanceTimersByTime(999);
    expect(store.current()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(store.current()).toEqual([]);
    expect(seen).toEqual([['Saved configmap settings'], []]);
  });

  it('keeps the newest three and dismisses on request', () => {
    const store = new ToastStore(1000);
    const ids = ['a', 'b', 'c', 'd'].map((message) => store.show({ message }));
    expect(store.current().map((t) => t.message)).toEqual(['b', 'c', 'd']);
    store.dismiss(ids[2]!);
    expect(store.current().map((t) => t.message)).toEqual(['b', 'd']);
  });
});
