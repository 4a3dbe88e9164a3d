import { isStatus, type KubeList, type KubeObject, type Status, type WatchEvent } from '@shared/api-types';
import type { Connection } from './connection';
import type { ServerTable } from './server-table';
import { writeLanded } from './write-landed';

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

/** Server-side printing, as `kubectl get` asks for it. */
const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io';

/** The renderer's only way to the server: the same REST API kubectl uses. */
/** Offered with the token so the server has a subprotocol to accept (browsers require one back). */
const WATCH_PROTOCOL = 'watch.skiff.io';
/** Kubernetes' binary stream protocol, as the API serves pod logs over a WebSocket. */
const LOG_PROTOCOL = 'binary.k8s.io';
const EXEC_PROTOCOL = 'v5.channel.k8s.io';

export class ApiClient {
  /**
   * `clusterPrefix` is `/clusters/{id}` for another cluster's context: the main process proxies everything under
   * it to that cluster with its credentials, so the renderer still holds only Skiff's token.
   */
  constructor(
    private readonly connection: Connection,
    readonly clusterPrefix = '',
  ) {}

  /** Whether this client talks to the local Skiff (what only the local engine can do is offered only then). */
  get local(): boolean {
    return this.clusterPrefix === '';
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { Authorization: `Bearer ${this.connection.token}`, Accept: 'application/json', ...extra };
  }

  private async request<T>(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
    repeatable = method !== 'POST',
    accept = 'application/json',
  ): Promise<T> {
    const send = () =>
      fetch(this.connection.apiBase + this.clusterPrefix + path, {
        method,
        headers: this.headers({
          Accept: accept,
          ...(body === undefined ? {} : { 'Content-Type': contentType }),
        }),
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    // Chromium aborts requests in flight when the machine's network changes (ERR_NETWORK_CHANGED), and Docker
    // changes it whenever a pod's network comes up. Requests that are safe to repeat are sent again a few times.
    let response: Response | undefined;
    let attempt = 0;
    for (; !response; attempt++) {
      try {
        response = await send();
      } catch (err) {
        if (!repeatable || attempt >= 4) throw err;
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
    }
    // a replace sent again meets its own first attempt's resourceVersion bump: not a conflict if that one landed
    if (response.status === 409 && method === 'PUT' && attempt > 1) {
      const current = await this.get(path.split('?')[0] ?? path).catch(() => undefined);
      if (current && writeLanded(body, current)) return current as T;
    }
    if (!response.ok) throw await failure(response);
    return (await response.json()) as T;
  }

  get<T extends KubeObject>(path: string): Promise<T> {
    return this.request('GET', path);
  }

  list<T extends KubeObject>(path: string): Promise<KubeList<T>> {
    return this.request('GET', path);
  }

  /** A document that is not an object, such as discovery's APIGroupList and APIResourceList. */
  getDocument<T>(path: string): Promise<T> {
    return this.request('GET', path);
  }

  /** A list or one object as the server prints it for `kubectl get`: a meta.k8s.io Table. */
  getTable(path: string): Promise<ServerTable> {
    return this.request('GET', path, undefined, undefined, true, TABLE_ACCEPT);
  }

  create<T extends KubeObject>(collectionPath: string, object: T): Promise<T> {
    return this.request('POST', collectionPath, object);
  }

  mergePatch<T extends KubeObject>(path: string, patch: unknown): Promise<T> {
    return this.request('PATCH', path, patch, 'application/merge-patch+json');
  }

  /** A strategic merge patch, as kubectl sends (a ControllerRevision's data is one: `rollout undo` sends it as is). */
  strategicMergePatch<T extends KubeObject>(path: string, patch: unknown): Promise<T> {
    return this.request('PATCH', path, patch, 'application/strategic-merge-patch+json');
  }

  /** Replaces an object (PUT); its metadata.resourceVersion makes a write over a newer version a 409 Conflict. */
  replace<T extends KubeObject>(path: string, object: KubeObject): Promise<T> {
    return this.request('PUT', `${path}?fieldValidation=Strict`, object);
  }

  /** Server-side apply: creates the object or merges this manifest into it, as `kubectl apply --server-side`. */
  apply<T extends KubeObject>(path: string, object: KubeObject): Promise<T> {
    return this.request(
      'PATCH',
      `${path}?fieldManager=skiff-ui&fieldValidation=Strict`,
      object,
      'application/apply-patch+yaml',
    );
  }

  /**
   * Server-side apply as a named field manager, taking over fields others own (`force`), optionally only as a
   * dry run (`dryRun=All`: admission runs, nothing is stored). What promote sends, per object.
   */
  applyAs<T extends KubeObject>(
    path: string,
    object: KubeObject,
    options: { fieldManager: string; dryRun?: boolean },
  ): Promise<T> {
    const query = new URLSearchParams({ fieldManager: options.fieldManager, force: 'true' });
    if (options.dryRun) query.set('dryRun', 'All');
    return this.request('PATCH', `${path}?${query}`, object, 'application/apply-patch+yaml');
  }

  /** A POST to an action such as a Deployment's rollback subresource; `repeatable` when doing it twice is harmless. */
  post<T>(path: string, body: unknown, options: { repeatable?: boolean } = {}): Promise<T> {
    return this.request('POST', path, body, 'application/json', options.repeatable ?? false);
  }

  delete(path: string): Promise<unknown> {
    return this.request('DELETE', path);
  }

  /**
   * Streams watch events of a collection from `resourceVersion` until the server ends the stream or `signal`
   * aborts, over a WebSocket: a browser keeps at most six HTTP/1.1 connections per server, and a UI with a watch
   * per list would otherwise queue every other request behind its watches. Resolves when the stream ends;
   * rejects when it cannot open or breaks.
   */
  /** The bearer token as Kubernetes' WebSocket subprotocol (browsers cannot set headers on a WebSocket). */
  private tokenProtocol(): string {
    const token = btoa(this.connection.token).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    return `base64url.bearer.authorization.k8s.io.${token}`;
  }

  private socketUrl(pathAndQuery: string): URL {
    const url = new URL(`${this.connection.apiBase}${this.clusterPrefix}${pathAndQuery}`);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return url;
  }

  /**
   * A pod's log (…/pods/{name}/log?follow=…) over a WebSocket, chunk by chunk as text, until it ends or `signal`
   * aborts: a followed log must not hold one of the browser's six HTTP connections.
   */
  streamLog(pathAndQuery: string, onText: (text: string) => void, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal.aborted) return resolve();
      const socket = new WebSocket(this.socketUrl(pathAndQuery), [LOG_PROTOCOL, this.tokenProtocol()]);
      socket.binaryType = 'arraybuffer';
      const decoder = new TextDecoder();
      let opened = false;
      const abort = () => socket.close(1000);
      signal.addEventListener('abort', abort, { once: true });
      socket.onopen = () => (opened = true);
      socket.onmessage = (message) => onText(decoder.decode(message.data as ArrayBuffer, { stream: true }));
      socket.onclose = (event) => {
        signal.removeEventListener('abort', abort);
        if (signal.aborted || (opened && event.code === 1000)) resolve();
        else reject(new Error(event.reason || 'the log stream could not connect'));
      };
    });
  }

  /**
   * An exec session (…/pods/{name}/exec?command=…&tty=true) over Kubernetes' channel protocol: each binary
   * message starts with its channel (0 stdin, 1 stdout, 2 stderr, 3 status, 4 resize).
   */
  openExec(pathAndQuery: string): WebSocket {
    const socket = new WebSocket(this.socketUrl(pathAndQuery), [EXEC_PROTOCOL, this.tokenProtocol()]);
    socket.binaryType = 'arraybuffer';
    return socket;
  }

  watch(
    path: string,
    resourceVersion: string | undefined,
    handlers: { onOpen?: () => void; onEvent: (event: WatchEvent) => void },
    signal: AbortSignal,
  ): Promise<void> {
    const query = new URLSearchParams({ watch: 'true', allowWatchBookmarks: 'true' });
    if (resourceVersion) query.set('resourceVersion', resourceVersion);
    const separator = path.includes('?') ? '&' : '?';
    const url = this.socketUrl(`${path}${separator}${query}`);
    return new Promise<void>((resolve, reject) => {
      if (signal.aborted) return resolve();
      const socket = new WebSocket(url, [WATCH_PROTOCOL, this.tokenProtocol()]);
      let opened = false;
      let failure: unknown;
      const abort = () => socket.close(1000);
      signal.addEventListener('abort', abort, { once: true });
      socket.onopen = () => {
        opened = true;
        handlers.onOpen?.();
      };
      socket.onmessage = (message) => {
        if (failure) return;
        try {
          handlers.onEvent(JSON.parse(String(message.data)) as WatchEvent);
        } catch (err) {
          failure = err;
          socket.close(1000);
        }
      };
      socket.onclose = () => {
        signal.removeEventListener('abort', abort);
        if (failure) reject(failure);
        else if (signal.aborted || opened) resolve();
        else reject(new Error('the watch could not connect'));
      };
    });
  }
}
