import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createTlsServer, type Server as HttpsServer } from 'node:https';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createWebSocketStream, WebSocketServer, type WebSocket } from 'ws';
import type { Disposable } from '../shared/disposable';
import { apiErrors, ApiError } from '../store/api-error';
import type { KindRegistry } from '../store/kind-strategy';
import type { ObjectStore } from '../store/object-store';
import { routeApiPath } from './api-route';
import { discoveryDocument, SERVER_VERSION } from './discovery';
import { handleOpenApi, isOpenApiPath } from './openapi';
import { OpenApiDocuments } from './openapi/openapi-documents';
import { KUBECONFIG_PATH, sendKubeconfig } from './kubeconfig-endpoint';
import { LOCAL_IMAGES_PATH, sendLocalImages, type RepoDigestsOf } from './local-images-endpoint';
import { handleComposeImport, isComposeImportPath } from './compose-import-endpoint';
import { BUILDS_PATH, handleBuild, type BuildRunner } from './build-endpoint';
import { DIAGNOSTICS_PATH, diagnostics } from './diagnostics';
import { handleOpen, isOpenPath } from './open-in-browser';
import type { MetricsWindow } from '../shared/metrics-window';
import { handleMetrics, METRICS_HISTORY_PREFIX, METRICS_PREFIX } from './metrics-api';
import { DualProtocolListener, type TlsMaterial } from './dual-protocol-listener';
import { sendError, sendJson } from './http-io';
import { allowedHostsFor, checkHostAndOrigin, isAuthorized } from './request-guard';
import type { RequestAccess } from './request-access';
import { OWNER, type RequestUser } from '../auth/user-info';
import { handleSelfSubjectAccessReview, isSelfSubjectAccessReviewPath } from './self-subject-access-review';
import { handleTokenRequest, isTokenRequest, type TokenIssuer } from './token-request';
import { guardRbacWrite } from './rbac-write-guard';
import {
  handleResource,
  isWatch,
  selectorOptions,
  versionedEvents,
  watchTimeout,
  type ResourceRequest,
} from './resource-handler';
import { serveStatic } from './static-files';
import { handleUiSession, UI_SESSION_PATH, UiSessions } from './ui-session';
import { parseRequestTarget, type RequestTarget } from './request-target';
import { clusterTarget, type ClusterRouter } from './cluster-router';
import { LOCAL_CLUSTER_ID } from '../shared/cluster-contexts';
import { watchOverWebSocket } from './watch-stream';
import type { Pod } from '../shared/pod-types';
import { nodeMetricsType, podMetricsType, podType } from '../shared/resource-types';
import type { PodStreams } from '../kubelet/pod-streams';
import { EXEC_PROTOCOLS, runExec } from './pod-exec-handler';
import { handlePodLog, LOG_WS_PROTOCOL, streamPodLogOverWebSocket } from './pod-log-handler';
import {
  PORT_FORWARD_PROTOCOL,
  PORT_FORWARD_WS_PROTOCOL,
  servePortForward,
} from './pod-port-forward-handler';

export interface ApiServerOptions {
  host: string;
  port: number;
  token: string;
  tls: TlsMaterial;
  store: ObjectStore;
  kinds: KindRegistry;
  /** The built renderer (out/renderer); absent in tests that only need the API. */
  rendererDir?: string;
  /** Pod logs and exec, through the kubelet. */
  podStreams?: PodStreams;
  /** Connects to a pod's port for port-forward (through the gateway: the host need not be on its network). */
  dialPod?: (namespace: string, ip: string, port: number) => Promise<Socket>;
  /** Container usage for metrics.k8s.io (kubectl top, the HPA) and the UI's charts. */
  metrics?: MetricsWindow;
  /** /openapi/v2 and /v3 (built from `kinds` when not given; custom resources register their schemas on it). */
  openApi?: OpenApiDocuments;
  /** Where the kubeconfig for kubectl is, once written (the UI's "Use with kubectl"). */
  kubeconfigPath?: () => string | undefined;
  /** The local engine's registry digests of an image (promote's local-only image check). */
  imageRepoDigests?: RepoDigestsOf;
  /** A local port reaching an address in a namespace network ("open in browser"). */
  openLocally?: (namespace: string, ip: string, port: number) => Promise<number>;
  /** Authentication (Skiff's token, ServiceAccount tokens) and RBAC; without it only `token` is accepted. */
  access?: RequestAccess;
  /** TokenRequest (`kubectl create token`). */
  tokens?: TokenIssuer;
  /** Other clusters' contexts and the `/clusters/{id}/…` proxy to them. */
  clusters?: ClusterRouter;
  /** Image builds from a folder (and roll-outs of linked Deployments), through the engine. */
  builds?: BuildRunner;
}

/** WebSocket upgrades of these pod subresources also need `create` (1.32's AuthorizePodWebsocketUpgradeCreatePermission). */
const CREATE_ON_UPGRADE = new Set(['exec', 'attach', 'portforward']);

const API_PREFIXES = ['/api', '/apis', '/version', '/healthz', '/livez', '/readyz', '/openapi', '/debug'];
const WS_TOKEN_PREFIX = 'base64url.bearer.authorization.k8s.io.';

function isApiPath(pathname: string): boolean {
  return API_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

/** The one API every client uses: Kubernetes REST paths over HTTPS (and HTTP on loopback), plus the UI. */
export class ApiServer {
  private readonly listener: DualProtocolListener;
  private readonly webSockets: WebSocketServer;
  private readonly execSockets: WebSocketServer;
  private readonly logSockets: WebSocketServer;
  private readonly portForwardSockets: WebSocketServer;
  private readonly uiSessions = new UiSessions();
  private readonly streams = new Set<Disposable>();
  /** Connections from pods (the `kubernetes` Service): TLS only, any Host (kubernetes.default.svc, its IP). */
  private readonly inCluster: HttpsServer;
  private readonly inClusterSockets = new WeakSet<object>();
  private allowedHosts = new Set<string>();
  private boundPort = 0;
  private readonly openApi: OpenApiDocuments;

  constructor(private readonly options: ApiServerOptions) {
    this.openApi = options.openApi ?? new OpenApiDocuments(options.kinds);
    this.listener = new DualProtocolListener(
      options.tls,
      (req, res) => void this.onRequest(req, res),
      (req, socket, head) => this.onUpgrade(req, socket, head),
    );
    this.inCluster = createTlsServer(
      { key: options.tls.key, cert: options.tls.cert },
      (req, res) => void this.onRequest(req, res),
    );
    this.inCluster.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.onUpgrade(req, socket, head),
    );
    this.inCluster.on('secureConnection', (socket) => this.inClusterSockets.add(socket));
    this.inCluster.on('tlsClientError', () => {});
    this.inCluster.keepAliveTimeout = 30_000;
    this.inCluster.requestTimeout = 0;
    this.webSockets = new WebSocketServer({
      noServer: true,
      handleProtocols: (protocols) => [...protocols].find((p) => !p.startsWith(WS_TOKEN_PREFIX)) ?? false,
    });
    this.execSockets = new WebSocketServer({
      noServer: true,
      handleProtocols: (protocols) => EXEC_PROTOCOLS.find((p) => protocols.has(p)) ?? false,
    });
    this.logSockets = new WebSocketServer({
      noServer: true,
      handleProtocols: (protocols) => (protocols.has(LOG_WS_PROTOCOL) ? LOG_WS_PROTOCOL : false),
    });
    this.portForwardSockets = new WebSocketServer({
      noServer: true,
      handleProtocols: (protocols) =>
        protocols.has(PORT_FORWARD_WS_PROTOCOL) ? PORT_FORWARD_WS_PROTOCOL : false,
    });
  }

  async start(): Promise<number> {
    this.boundPort = await this.listener.listen(this.options.port, this.options.host);
    this.allowedHosts = allowedHostsFor(this.options.host, this.boundPort);
    return this.boundPort;
  }

  get port(): number {
    return this.boundPort;
  }

  async close(): Promise<void> {
    for (const stream of [...this.streams]) stream.dispose();
    for (const server of [this.webSockets, this.execSockets, this.logSockets, this.portForwardSockets]) {
      for (const client of server.clients) client.terminate();
      server.close();
    }
    this.inCluster.closeAllConnections();
    await this.listener.close();
  }

  /** A connection a pod opened to the `kubernetes` Service, carried here by the in-cluster tunnel. */
  acceptInCluster(socket: Duplex): void {
    socket.on('error', () => socket.destroy());
    this.inCluster.emit('connection', socket);
  }

  private guard(req: IncomingMessage): ApiError | undefined {
    if (this.inClusterSockets.has(req.socket)) return undefined;
    return checkHostAndOrigin(req.headers, this.allowedHosts);
  }

  /** Who is asking, once they may do what they ask (401/403 otherwise). */
  private checkAccess(req: IncomingMessage, url: RequestTarget, upgrade = false): RequestUser {
    const access = this.options.access;
    if (!access) {
      if (!isAuthorized(req.headers, this.options.token)) throw apiErrors.unauthorized();
      return OWNER;
    }
    const method = req.method ?? 'GET';
    const user = access.check(method, url.path, url.query, req.headers);
    const subresource = url.path.split('/')[7];
    if (upgrade && user.kind === 'subject' && subresource && CREATE_ON_UPGRADE.has(subresource))
      access.check('POST', url.path, url.query, req.headers);
    return user;
  }

  /**
   * A `/clusters/{id}/…` request: `local` is this server itself (the path after the prefix, served as usual);
   * any other id goes to the cluster router. Only Skiff's own token reaches another cluster's credentials.
   */
  private clusterRequest(req: IncomingMessage): { id: string; rest: string } | undefined {
    const target = clusterTarget(req.url);
    if (!target) return undefined;
    if (target.id === LOCAL_CLUSTER_ID) {
      req.url = target.rest;
      return undefined;
    }
    const user = this.checkAccess(req, parseRequestTarget(target.rest));
    if (user.kind !== 'owner')
      throw new ApiError(403, 'Forbidden', "forbidden: only Skiff's own token may reach other clusters");
    if (!this.options.clusters) throw new ApiError(404, 'NotFound', `no cluster with id "${target.id}"`);
    return target;
  }

  /**
   * Keeps a stream for close() until it ends. Streams that end on their own (an exec whose process exits, a
   * port-forward whose client leaves) do not go through `dispose`, so the connection's close also lets go.
   */
  private track(stream: Disposable, connection?: WebSocket | Duplex): void {
    const closed =
      connection &&
      ('readyState' in connection ? connection.readyState === connection.CLOSED : connection.destroyed);
    if (closed) return; // it ended before it was handed over: nothing to keep
    this.streams.add(stream);
    connection?.once('close', () => this.streams.delete(stream));
    const dispose = stream.dispose.bind(stream);
    stream.dispose = () => {
      this.streams.delete(stream);
      dispose();
    };
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const guard = this.guard(req);
      if (guard) throw guard;
      const cluster = this.clusterRequest(req);
      if (cluster) return await this.options.clusters!.proxy(req, res, cluster.id, cluster.rest);
      const url = parseRequestTarget(req.url);
      if (url.path === UI_SESSION_PATH && this.options.rendererDir)
        return handleUiSession(req, res, this.uiSessions, this.options.token);
      if (!isApiPath(url.path)) {
        if (!this.options.rendererDir)
          throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
        await serveStatic(req, res, this.options.rendererDir, url.path);
        return;
      }
      const user = this.checkAccess(req, url);
      await this.routeApi(req, res, url, user);
    } catch (err) {
      sendError(res, err);
    }
  }

  private async routeApi(
    req: IncomingMessage,
    res: ServerResponse,
    url: RequestTarget,
    user: RequestUser,
  ): Promise<void> {
    const path = url.path;
    if (this.options.access && isSelfSubjectAccessReviewPath(path))
      return handleSelfSubjectAccessReview(req, res, user, this.options.access);
    if (path === '/version') return sendJson(res, 200, SERVER_VERSION);
    if (isOpenApiPath(path)) return handleOpenApi(req, res, url, this.openApi);
    if (path === '/healthz' || path === '/livez' || path === '/readyz') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
      return;
    }
    if (path === KUBECONFIG_PATH) return sendKubeconfig(res, this.options.kubeconfigPath?.());
    if (path === LOCAL_IMAGES_PATH)
      return sendLocalImages(req, res, url.query, this.options.imageRepoDigests);
    if (this.options.clusters?.servesApi(path)) {
      if (user.kind !== 'owner')
        throw new ApiError(403, 'Forbidden', "forbidden: only Skiff's own token may read cluster contexts");
      return this.options.clusters.serveApi(req, res, path, url.query);
    }
    if (isComposeImportPath(path)) {
      // It writes several kinds at once outside RBAC's per-resource checks: Skiff's own user only.
      if (user.kind !== 'owner') throw apiErrors.forbidden("Compose import is for Skiff's own user");
      return handleComposeImport(req, res, path, url.query, this.options.store);
    }
    if (path === BUILDS_PATH && this.options.builds) {
      if (user.kind !== 'owner') throw apiErrors.forbidden("builds are for Skiff's own user");
      return handleBuild(req, res, this.options.builds);
    }
    if (path === DIAGNOSTICS_PATH)
      return sendJson(
        res,
        200,
        diagnostics(
          { apiStreams: this.streams.size, storeWatchers: this.options.store.listenerCount },
          url.query.get('gc') === 'true',
        ),
      );
    if (this.options.openLocally && isOpenPath(path))
      return handleOpen(req, res, path, this.options.store, this.options.openLocally);
    const metrics = this.options.metrics;
    if (metrics && (path.startsWith(METRICS_PREFIX) || path.startsWith(METRICS_HISTORY_PREFIX)))
      return handleMetrics(req, res, url, this.options.store, metrics);
    const route = routeApiPath(path, this.options.kinds);
    if (route.kind === 'discovery') {
      if (req.method !== 'GET') throw apiErrors.methodNotAllowed(`${req.method} is not supported on ${path}`);
      const readOnly = metrics ? [podMetricsType, nodeMetricsType] : [];
      return sendJson(
        res,
        200,
        discoveryDocument(path, this.options.kinds, `127.0.0.1:${this.boundPort}`, readOnly),
      );
    }
    if (route.kind === 'not-found')
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    if (this.options.tokens && isTokenRequest(route))
      return handleTokenRequest(req, res, route, this.options.store, this.options.tokens);
    if (
      route.strategy.type === podType &&
      route.subresource === 'log' &&
      route.name &&
      this.options.podStreams
    ) {
      return handlePodLog(
        req,
        res,
        this.options.store,
        this.options.podStreams,
        route.namespace ?? 'default',
        route.name,
        url.query,
      );
    }
    const request = this.options.access
      ? await guardRbacWrite(req, route, user, this.options.access, this.options.store)
      : req;
    await handleResource(request, res, { ...route, query: url.query }, this.options.store, (s) =>
      this.track(s),
    );
  }

  private dialPod(pod: Pod): (ip: string, port: number) => Promise<Socket> {
    const dial = this.options.dialPod;
    const namespace = pod.metadata.namespace ?? 'default';
    return dial
      ? (ip, port) => dial(namespace, ip, port)
      : (ip, port) =>
          new Promise((resolve, reject) => {
            const socket = connect({ host: ip, port }, () => resolve(socket));
            socket.once('error', reject);
          });
  }

  /**
   * kubectl port-forward: SPDY tunnelled in a WebSocket (kubectl 1.31+ tries this first), or a plain SPDY/3.1
   * upgrade (older clients, and kubectl's fallback).
   */
  private upgradePortForward(req: IncomingMessage, socket: Duplex, head: Buffer, pod: Pod): void {
    if ((req.headers.upgrade ?? '').toLowerCase() === 'websocket') {
      this.portForwardSockets.handleUpgrade(req, socket, head, (ws: WebSocket) => {
        this.track(servePortForward(createWebSocketStream(ws), pod, this.dialPod(pod)), ws);
      });
      return;
    }
    if (!/^SPDY\/3\.1$/i.test(req.headers.upgrade ?? '')) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${PORT_FORWARD_PROTOCOL}\r\n\r\n`,
    );
    if (head.length > 0) socket.unshift(head);
    this.track(servePortForward(socket, pod, this.dialPod(pod)), socket);
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const refuse = (err: ApiError) => {
      const body = JSON.stringify(err.toStatus());
      socket.end(
        `HTTP/1.1 ${err.code} ${err.reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    };
    try {
      const guard = this.guard(req);
      if (guard) return refuse(guard);
      const cluster = this.clusterRequest(req);
      if (cluster) return this.options.clusters!.proxyUpgrade(req, socket, head, cluster.id, cluster.rest);
      const url = parseRequestTarget(req.url);
      this.checkAccess(req, url, true);
      const route = routeApiPath(url.path, this.options.kinds);
      if (
        route.kind === 'resource' &&
        route.strategy.type === podType &&
        route.subresource === 'exec' &&
        route.name &&
        this.options.podStreams
      ) {
        const pod = this.options.store.get(podType, route.namespace, route.name) as Pod;
        const streams = this.options.podStreams;
        this.execSockets.handleUpgrade(req, socket, head, (ws: WebSocket) => {
          void runExec(ws, streams, pod, url.query).then((session) => this.track(session, ws));
        });
        return;
      }
      if (
        route.kind === 'resource' &&
        route.strategy.type === podType &&
        route.subresource === 'log' &&
        route.name &&
        this.options.podStreams
      ) {
        const { store, podStreams } = this.options;
        const [namespace, name] = [route.namespace ?? 'default', route.name];
        this.logSockets.handleUpgrade(req, socket, head, (ws: WebSocket) => {
          streamPodLogOverWebSocket(ws, store, podStreams, namespace, name, url.query).then(
            (stream) => this.track(stream, ws),
            (err: unknown) =>
              ws.close(1011, err instanceof ApiError ? err.message.slice(0, 120) : 'internal error'),
          );
        });
        return;
      }
      if (
        route.kind === 'resource' &&
        route.strategy.type === podType &&
        route.subresource === 'portforward' &&
        route.name
      ) {
        const pod = this.options.store.get(podType, route.namespace, route.name) as Pod;
        return this.upgradePortForward(req, socket, head, pod);
      }
      if (route.kind !== 'resource' || route.name !== undefined || !isWatch(url.query)) {
        return refuse(new ApiError(404, 'NotFound', 'no WebSocket endpoint at this path'));
      }
      const request: ResourceRequest = { ...route, query: url.query };
      const options = {
        ...selectorOptions(request),
        resourceVersion: url.query.get('resourceVersion') ?? undefined,
      };
      const timeout = watchTimeout(url.query);
      this.webSockets.handleUpgrade(req, socket, head, (ws: WebSocket) => {
        try {
          this.track(
            watchOverWebSocket(
              ws,
              this.options.store,
              route.strategy.type,
              options,
              timeout,
              versionedEvents(route.served),
            ),
          );
        } catch (err) {
          ws.close(1011, err instanceof ApiError ? err.message.slice(0, 120) : 'internal error');
        }
      });
    } catch (err) {
      refuse(err instanceof ApiError ? err : new ApiError(500, 'InternalError', 'internal error'));
    }
  }
}
