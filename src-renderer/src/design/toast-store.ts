// The result of every action, said once as a toast: a small store any code can post to (no provider needed).

export interface ToastInput {
  message: string;
  tone?: 'ok' | 'danger';
  /** Offered as a button for the toast's lifetime. */
  undo?: { label?: string; run: () => void | Promise<void> };
}

export interface Toast extends ToastInput {
  id: number;
}

export const TOAST_MS = 5000;
const MAX_SHOWN = 3;

export class ToastStore {
  private toasts: Toast[] = [];
  private nextId = 1;
  private readonly listeners = new Set<(toasts: Toast[]) => void>();
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();

  constructor(private readonly lifetimeMs = TOAST_MS) {}

  show(input: ToastInput): number {
    const id = this.nextId++;
    this.toasts = [...this.toasts, { ...input, id }].slice(-MAX_SHOWN);
    this.timers.set(
      id,
      setTimeout(() => this.dismiss(id), this.lifetimeMs),
    );
    this.emit();
    return id;
  }

  dismiss(id: number): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    const before = this.toasts.length;
    this.toasts = this.toasts.filter((t) => t.id !== id);
    if (this.toasts.length !== before) this.emit();
  }

  current(): Toast[] {
    return this.toasts;
  }

  subscribe(listener: (toasts: Toast[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit() {
    for (const listener of this.listeners) listener(this.toasts);
  }
}
