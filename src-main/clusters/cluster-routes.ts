import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  CLUSTER_CONTEXTS_PATH,
  KUBECONFIG_FILES_PATH,
  LOCAL_CLUSTER_ID,
  type ClusterContext,
} from '../shared/cluster-contexts';
import { ApiError } from '../store/api-error';
import { sendJson } from './send';

export interface ClusterRoutesOptions {
  dataDir: string;
  /** This Skiff's API URL (https://127.0.0.1:port): kubeconfig entries pointing here are the local cluster. */
  localServer: () => string;
}

/** The `ClusterRouter` the API server calls (structurally; see server/cluster-router.ts). */
export class ClusterRoutes {
  constructor(private readonly options: ClusterRoutesOptions) {}

  servesApi(path: string): boolean {
    return (
      path === CLUSTER_CONTEXTS_PATH ||
      path.startsWith(`${CLUSTER_CONTEXTS_PATH}/`) ||
      path === KUBECONFIG_FILES_PATH
    );
  }

  async serveApi(
    _req: IncomingMessage,
    res: ServerResponse,
    path: string,
    _query: URLSearchParams,
  ): Promise<void> {
    if (path === CLUSTER_CONTEXTS_PATH) return sendJson(res, 200, { items: [this.local()] });
    throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  }

  private local(): ClusterContext {
    return {
      id: LOCAL_CLUSTER_ID,
      name: 'skiff',
      cluster: 'skiff',
      server: this.options.localServer(),
      user: 'skiff',
      namespace: 'default',
      source: 'skiff',
      local: true,
      warnings: [],
    };
  }

  async proxy(_req: IncomingMessage, _res: ServerResponse, id: string, _rest: string): Promise<void> {
    throw new ApiError(404, 'NotFound', `no cluster with id "${id}"`);
  }

  proxyUpgrade(_req: IncomingMessage, socket: Duplex, _head: Buffer, id: string, _rest: string): void {
    socket.end(`HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    void id;
  }
}
