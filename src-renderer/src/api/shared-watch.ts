/**
 * One watch per key however many components show that list (the command palette and a view often do): the
 * first user starts it, the last one to go stops it.
 */
export class SharedWatches {
  private readonly watches = new Map<string, { users: number; stop: () => void }>();

  /** Joins the watch for `key`, starting it when nobody holds it; the returned function leaves it. */
  join(key: string, start: () => () => void): () => void {
    let entry = this.watches.get(key);
    if (!entry) {
      entry = { users: 0, stop: start() };
      this.watches.set(key, entry);
    }
    entry.users++;
    const joined = entry;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      if (--joined.users > 0) return;
      joined.stop();
      if (this.watches.get(key) === joined) this.watches.delete(key);
    };
  }

  /** Keys being watched now. */
  keys(): string[] {
    return [...this.watches.keys()];
  }
}
