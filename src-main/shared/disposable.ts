export interface Disposable {
  dispose(): void;
}

/** Collects disposables and disposes them in reverse order of addition. */
export class DisposableStack implements Disposable {
  private readonly items: Disposable[] = [];

  add<T extends Disposable>(item: T): T {
    this.items.push(item);
    return item;
  }

  dispose(): void {
    while (this.items.length > 0) {
      try {
        this.items.pop()!.dispose();
      } catch (err) {
        console.error('dispose failed:', err);
      }
    }
  }
}
