import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Disposable } from '../shared/disposable';
import {
  DEFAULT_INGRESS_CLASS_ANNOTATION,
  SKIFF_INGRESS_CONTROLLER,
  servedBySkiff,
  type Ingress,
  type IngressClass,
} from '../shared/ingress-types';
import { endpointsType, ingressClassType, ingressType, serviceType } from '../shared/resource-types';
import type { Endpoints, Service } from '../shared/service-types';
import { ignoreGoneOrChanged } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import { routeRequest, type Route } from './ingress-routes';
import { readyBackends } from './service-routes';

// Skiff's Ingress controller: one HTTP server on 127.0.0.1 (`--ingress-port`) that routes each request by the
// Ingress rules to a ready endpoint of the backend Service, WebSocket upgrades included. It connects to pod
// addresses from the Skiff process, so like probes and port-forward it needs the host on the containers'
// network (a Linux engine).

export class IngressProxy implements Disposable {
  private readonly server: Server;
  private readonly sockets = new Set<Socket | Duplex>();
  private readonly subscription: Disposable;
  private next = 0;
  private port = 0;

  constructor(
    private readonly store: ObjectStore,
    private readonly host: string,
    private readonly wantedPort: number,
    private readonly gateway: { dial(namespace: string, ip: string, port: number): Promise<Socket> },
  ) {
    this.server = createServer((req, res) => this.onRequest(req, res));
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.onUpgrade(req, socket, head),
    );
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.subscription = store.subscribe((event, type) => {
      if (type === ingressType && event.type !== 'DELETED') void this.publishStatus(event.object as Ingress);
      if (type === ingressClassType)
        for (const i of this.store.list(ingressType).items) void this.publishStatus(i as Ingress);
    });
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.wantedPort, this.host, () => resolve());
    });
    this.port = (this.server.address() as { port: number }).port;
    for (const ingress of this.store.list(ingressType).items) await this.publishStatus(ingress as Ingress);
    return this.port;
  }

  dispose(): void {
    this.subscription.dispose();
    for (const socket of this.sockets) socket.destroy();
    this.server.close();
  }

  /** The address users reach the Ingress at, in its status, as a cloud controller would write it. */
  private async publishStatus(ingress: Ingress): Promise<void> {
    if (!this.port || !this.serves(ingress)) return;
    const loadBalancer = { ingress: [{ ip: '127.0.0.1', ports: [{ port: this.port, protocol: 'TCP' }] }] };
    if (JSON.stringify(ingress.status?.loadBalancer) === JSON.stringify(loadBalancer)) return;
    await this.store
      .update(ingressType, { ...ingress, status: { loadBalancer } }, { subresource: 'status' })
      .catch(ignoreGoneOrChanged);
  }

  private route(req: IncomingMessage): Route | undefined {
    const path = new URL(req.url ?? '/', 'http://ingress.invalid').pathname;
    const ours = (this.store.list(ingressType).items as Ingress[]).filter((i) => this.serves(i));
    return routeRequest(ours, req.headers.host ?? '', path);
  }

  private serves(ingress: Ingress): boolean {
    return servedBySkiff(ingress, this.store.list(ingressClassType).items as IngressClass[]);
  }

  /** One ready endpoint of the route's Service, round robin; or why there is none. */
  private pick(route: Route): { namespace: string; ip: string; port: number } | string {
    const service = this.store.tryGet(serviceType, route.namespace, route.service) as Service | undefined;
    if (!service) return `service "${route.namespace}/${route.service}" not found`;
    const port = (service.spec.ports ?? []).find((p) =>
      route.port.name !== undefined ? p.name === route.port.name : p.port === route.port.number,
    );
    if (!port)
      return `service "${route.namespace}/${route.service}" has no port ${route.port.name ?? route.port.number}`;
    const endpoints = this.store.tryGet(endpointsType, route.namespace, route.service) as
      Endpoints | undefined;
    const targets = readyBackends(service, port, endpoints).map((b) => ({
      namespace: route.namespace,
      ...b,
    }));
    if (targets.length === 0)
      return `no endpoints available for service "${route.namespace}/${route.service}"`;
    return targets[this.next++ % targets.length]!;
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const route = this.route(req);
    const fail = (code: number, message: string) => {
      res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`${message}\n`);
    };
    if (!route) return fail(404, `no Ingress rule matches host "${req.headers.host ?? ''}" and this path`);
    const target = this.pick(route);
    if (typeof target === 'string') return fail(503, target);
    const upstream = request(
      {
        createConnection: (_options, done) => {
          this.gateway.dial(target.namespace, target.ip, target.port).then(
            (socket) => {
              done(null, socket);
              socket.resume(); // the backend speaks only after the request, which is not sent yet
            },
            (err: Error) => done(err, undefined as never),
          );
          return undefined;
        },
        method: req.method,
        path: req.url,
        headers: {
          ...req.headers,
          'x-forwarded-for': req.socket.remoteAddress ?? '',
          'x-forwarded-host': req.headers.host ?? '',
          'x-forwarded-proto': 'http',
        },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (err) =>
      res.headersSent ? res.destroy() : fail(502, `the backend did not answer: ${err.message}`),
    );
    req.pipe(upstream);
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    const route = this.route(req);
    const target = route ? this.pick(route) : 'no Ingress rule matches';
    if (typeof target === 'string') {
      socket.end(`HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    socket.on('error', () => socket.destroy());
    this.gateway.dial(target.namespace, target.ip, target.port).then(
      (upstream) => {
        this.sockets.add(upstream);
        const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
        for (let i = 0; i < req.rawHeaders.length; i += 2)
          lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
        upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
        if (head.length) upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
        upstream.on('close', () => {
          this.sockets.delete(upstream);
          socket.destroy();
        });
        upstream.on('error', () => socket.destroy());
        socket.on('close', () => upstream.destroy());
      },
      () => socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'),
    );
  }
}

/** Skiff's IngressClass `skiff`, marked default, made on first start (as the StorageClass `local`). */
export async function ensureSkiffIngressClass(store: ObjectStore): Promise<void> {
  if (store.tryGet(ingressClassType, undefined, SKIFF_INGRESS_CLASS)) return;
  await store.create(ingressClassType, {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: { name: SKIFF_INGRESS_CLASS, annotations: { [DEFAULT_INGRESS_CLASS_ANNOTATION]: 'true' } },
    spec: { controller: SKIFF_INGRESS_CONTROLLER },
  } as IngressClass);
}

export const SKIFF_INGRESS_CLASS = 'skiff';
