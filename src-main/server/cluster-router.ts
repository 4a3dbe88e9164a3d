import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { CLUSTER_PROXY_PREFIX } from '../shared/cluster-contexts';
import { apiErrors } from '../store/api-error';

/**
 * Other Kubernetes clusters, served on this origin (implemented in `clusters/`, wired by the app): the
 * `ui.skiff.io` paths that list contexts and kubeconfig files, and `/clusters/{id}/…`, which forwards a request
 * to that context's API server with the context's credentials. The server has checked Host/Origin and Skiff's
 * token before calling it; the implementation must never forward that token.
 */
export interface ClusterRouter {
  /** Whether a `/apis/ui.skiff.io/…` path is one of its endpoints. */
  servesApi(path: string): boolean;
  serveApi(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void>;
  /** `rest` is the request target after `/clusters/{id}` exactly as sent (path and query, no escape undone). */
  proxy(req: IncomingMessage, res: ServerResponse, id: string, rest: string): Promise<void>;
  proxyUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, id: string, rest: string): void;
}

export interface ClusterTarget {
  id: string;
  /** Starts with `/`; the query string kept as sent. */
  rest: string;
}

/** `/clusters/{id}/api/v1/pods?watch=1` → `{ id, rest: '/api/v1/pods?watch=1' }`; undefined for other paths. */
export function clusterTarget(rawUrl: string | undefined): ClusterTarget | undefined {
  let raw = rawUrl ?? '/';
  const authority = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(raw); // absolute-form request targets
  if (authority) raw = raw.slice(authority[0].length);
  const hash = raw.indexOf('#');
  if (hash >= 0) raw = raw.slice(0, hash);
  if (!raw.startsWith(CLUSTER_PROXY_PREFIX)) return undefined;
  const afterPrefix = raw.slice(CLUSTER_PROXY_PREFIX.length);
  const end = afterPrefix.search(/[/?]/);
  const id = end < 0 ? afterPrefix : afterPrefix.slice(0, end);
  if (!/^[a-z0-9-]+$/.test(id))
    throw apiErrors.badRequest(
      `the cluster id ${JSON.stringify(id)} in the path is not valid: use an id from /apis/ui.skiff.io/v1/clustercontexts`,
    );
  let rest = end < 0 ? '/' : afterPrefix.slice(end);
  if (rest.startsWith('?')) rest = `/${rest}`;
  return { id, rest };
}
