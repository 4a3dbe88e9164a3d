import { isStatus, type KubeList, type KubeObject, type Status, type WatchEvent } from '@shared/api-types';
import type { Connection } from './connection';

/** A failed API call, carrying the server's Status so the UI can show its message as it is. */
export class ApiRequestError extends Error {
  constructor(
    readonly code: number,
    readonly status?: Status,
  ) {
    super(status?.message || `request failed with HTTP ${code}`);
  }
}

async function failure(response: Response): Promise<ApiRequestError> {
  const body: unknown = await response.json().catch(() => undefined);
  return new ApiRequestError(response.status, isStatus(body) ? body : undefined);
}

/** The renderer's only way to the server: the same REST API kubectl uses. */
export class ApiClient {
  constructor(private readonly connection: Connection) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { Authorization: `Bearer ${this.connection.token}`, Accept: 'application/json', ...extra };
  }

  private async request<T>(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<T> {
    const response = await fetch(this.connection.apiBase + path, {
      method,
      headers: this.headers(body === undefined ? {} : { 'Content-Type': contentType }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw await failure(response);
    return (await response.json()) as T;
  }

  get<T extends KubeObject>(path: string): Promise<T> {
    return this.request('GET', path);
  }

  list<T extends KubeObject>(path: string): Promise<KubeList<T>> {
    return this.request('GET', path);
  }

  create<T extends KubeObject>(collectionPath: string, object: T): Promise<T> {
    return this.request('POST', collectionPath, object);
  }

  mergePatch<T extends KubeObject>(path: string, patch: unknown): Promise<T> {
    return this.request('PATCH', path, patch, 'application/merge-patch+json');
  }

  delete(path: string): Promise<unknown> {
    return this.request('DELETE', path);
  }

  /**
   * Streams watch events of a collection from `resourceVersion` until the server ends the stream or `signal`
   * aborts. Resolves when the stream ends; rejects on HTTP or network failure.
   */
  async watch(
    path: string,
    resourceVersion: string | undefined,
    handlers: { onOpen?: () => void; onEvent: (event: WatchEvent) => void },
    signal: AbortSignal,
  ): Promise<void> {
    const query = new URLSearchParams({ watch: 'true', allowWatchBookmarks: 'true' });
    if (resourceVersion) query.set('resourceVersion', resourceVersion);
    const separator = path.includes('?') ? '&' : '?';
    const response = await fetch(`${this.connection.apiBase}${path}${separator}${query}`, {
      headers: this.headers(),
      signal,
    });
    if (!response.ok || !response.body) throw await failure(response);
    handlers.onOpen?.();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, newline).trim();
          buffer = buffer.slice(newline + 1);
          if (line) handlers.onEvent(JSON.parse(line) as WatchEvent);
        }
      }
    } finally {
      reader.releaseLock();
    }
  }
}
