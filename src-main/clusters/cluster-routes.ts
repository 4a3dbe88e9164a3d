import type { IncomingMessage, ServerResponse } from 'node:http';
import { homedir } from 'node:os';
import type { Duplex } from 'node:stream';
import {
  CLUSTER_CONTEXTS_PATH,
  KUBECONFIG_FILES_PATH,
  LOCAL_CLUSTER_ID,
  type ClusterContext,
  type ClusterContextList,
} from '../shared/cluster-contexts';
import { ApiError, apiErrors } from '../store/api-error';
import { AddedKubeconfigFiles } from './added-kubeconfig-files';
import { ClusterCatalog } from './cluster-catalog';
import { clusterStatus } from './cluster-status';
import { checkedKubeconfigPath } from './kubeconfig-file-check';
import { proxyHttp } from './proxy-http';
import { proxyUpgrade } from './proxy-upgrade';
import { readJsonBody, refuseUpgrade, sendJson } from './send';

export interface ClusterRoutesOptions {
  dataDir: string;
  /** This Skiff's API URL (https://127.0.0.1:port): kubeconfig entries pointing here are the local cluster. */
  localServer: () => string;
  /** `$KUBECONFIG` and the home directory (default: this process's). */
  kubeconfigEnv?: string;
  home?: string;
  connectTimeoutMs?: number;
}

const STATUS_PATH = new RegExp(`^${CLUSTER_CONTEXTS_PATH}/([a-z0-9-]+)/status$`);

function notFound(id: string): ApiError {
  return new ApiError(
    404,
    'NotFound',
    `no cluster context with id "${id}": list them at ${CLUSTER_CONTEXTS_PATH}`,
    {
      name: id,
      kind: 'clustercontexts',
      group: 'ui.skiff.io',
    },
  );
}

/**
 * Other clusters on Skiff's origin (the server's `ClusterRouter`, see server/cluster-router.ts): the contexts of
 * the user's kubeconfig files, the files added in the app, each context's capabilities, and `/clusters/{id}/…`.
 */
export class ClusterRoutes {
  private readonly added: AddedKubeconfigFiles;
  private readonly catalog: ClusterCatalog;
  private readonly tunnels = new Set<() => void>();

  constructor(private readonly options: ClusterRoutesOptions) {
    this.added = new AddedKubeconfigFiles(options.dataDir);
    this.catalog = new ClusterCatalog({
      kubeconfigEnv: 'kubeconfigEnv' in options ? options.kubeconfigEnv : process.env.KUBECONFIG,
      home: options.home ?? homedir(),
      added: () => this.added.list(),
      localServer: options.localServer,
    });
  }

  servesApi(path: string): boolean {
    return (
      path === CLUSTER_CONTEXTS_PATH ||
      path.startsWith(`${CLUSTER_CONTEXTS_PATH}/`) ||
      path === KUBECONFIG_FILES_PATH
    );
  }

  async serveApi(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: URLSearchParams,
  ): Promise<void> {
    const method = req.method ?? 'GET';
    if (path === CLUSTER_CONTEXTS_PATH) {
      if (method !== 'GET') throw apiErrors.methodNotAllowed(`${method} is not supported on ${path}`);
      const { contexts, problems } = await this.catalog.list();
      const list: ClusterContextList = {
        items: [this.local(), ...contexts],
        ...(problems.length ? { problems } : {}),
      };
      return sendJson(res, 200, list);
    }
    const status = STATUS_PATH.exec(path);
    if (status) {
      if (method !== 'GET') throw apiErrors.methodNotAllowed(`${method} is not supported on ${path}`);
      const id = status[1]!;
      if (id === LOCAL_CLUSTER_ID) return sendJson(res, 200, { id, reachable: true, metrics: true });
      const remote = await this.catalog.remote(id);
      if (!remote) throw notFound(id);
      return sendJson(res, 200, await clusterStatus(remote, this.options.connectTimeoutMs));
    }
    if (path === KUBECONFIG_FILES_PATH) return this.serveFiles(req, res, method, query);
    throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  }

  private async serveFiles(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    query: URLSearchParams,
  ): Promise<void> {
    const listing = async () => ({ items: (await this.added.list()).map((path) => ({ path })) });
    if (method === 'GET') return sendJson(res, 200, await listing());
    if (method === 'POST') {
      const path = await checkedKubeconfigPath(await readJsonBody(req));
      await this.added.add(path);
      return sendJson(res, 201, await listing());
    }
    if (method === 'DELETE') {
      const path = query.get('path');
      if (!path)
        throw new ApiError(
          400,
          'BadRequest',
          'path: Required value: DELETE …/kubeconfigfiles?path=<the added file>',
          {
            causes: [{ field: 'path', message: 'Required value', type: 'FieldValueRequired' }],
          },
        );
      if (!(await this.added.remove(path)))
        throw new ApiError(
          404,
          'NotFound',
          `path: ${JSON.stringify(path)} was not added (only files added in the app can be removed)`,
        );
      return sendJson(res, 200, await listing());
    }
    throw apiErrors.methodNotAllowed(`${method} is not supported on ${KUBECONFIG_FILES_PATH}`);
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

  async proxy(req: IncomingMessage, res: ServerResponse, id: string, rest: string): Promise<void> {
    const remote = await this.catalog.remote(id);
    if (!remote) throw notFound(id);
    await proxyHttp(req, res, remote, rest, this.options.connectTimeoutMs);
  }

  proxyUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, id: string, rest: string): void {
    this.catalog.remote(id).then(
      (remote) => {
        if (!remote) return refuseUpgrade(socket, notFound(id));
        proxyUpgrade(
          req,
          socket,
          head,
          remote,
          rest,
          (end, client) => this.track(end, client),
          this.options.connectTimeoutMs,
        );
      },
      (err: unknown) =>
        refuseUpgrade(
          socket,
          err instanceof ApiError ? err : new ApiError(500, 'InternalError', String(err)),
        ),
    );
  }

  /** Open tunnels (exec, port-forward…) and kept-alive connections end with Skiff. */
  dispose(): void {
    for (const end of [...this.tunnels]) end();
    this.catalog.dispose();
  }

  private track(end: () => void, client: Duplex): void {
    this.tunnels.add(end);
    client.once('close', () => this.tunnels.delete(end));
  }
}
