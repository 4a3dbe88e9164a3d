import { createServer, type Server, type Socket } from 'node:net';
import type { Disposable } from '../shared/disposable';
import { realTimers, type Timers } from '../machinery/clock';

type Dial = (namespace: string, ip: string, port: number) => Promise<Socket>;

interface Forward {
  server: Server;
  port: number;
  connections: Set<Socket>;
  idleTimer?: unknown;
}

/**
 * "Open in browser": a listener on 127.0.0.1 (an ephemeral port) per target a user opens, each connection piped
 * through the gateway to a pod or Service address in its namespace network. A forward nobody has used for
 * `idleMs` closes by itself; all close when Skiff stops.
 */
export class LocalForwards implements Disposable {
  private readonly forwards = new Map<string, Promise<Forward>>();

  constructor(
    private readonly dial: Dial,
    private readonly idleMs = 10 * 60_000,
    private readonly timers: Timers = realTimers,
  ) {}

  private now(): number {
    return (this.timers.now ?? Date.now)();
  }

  /**
   * The local port that reaches `ip:port` in the namespace's network (the same one while it is open), once the
   * target accepts a connection or `waitMs` has passed: a Service created a moment ago may not listen yet, and a
   * browser shows an error page rather than retrying.
   */
  async open(namespace: string, ip: string, port: number, waitMs = 5_000): Promise<number> {
    await this.reachable(namespace, ip, port, this.now() + waitMs);
    const key = `${namespace}/${ip}:${port}`;
    let forward = this.forwards.get(key);
    if (!forward) {
      forward = this.listen(key, namespace, ip, port);
      this.forwards.set(key, forward);
      forward.catch(() => this.forwards.delete(key));
    }
    const opened = await forward;
    this.touch(key, opened);
    return opened.port;
  }

  private async reachable(namespace: string, ip: string, port: number, deadline: number): Promise<void> {
    for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
      try {
        (await this.dial(namespace, ip, port)).destroy();
        return;
      } catch {
        if (this.now() + delay > deadline) return;
        await new Promise<void>((r) => this.timers.setTimeout(r, delay));
      }
    }
  }

  private listen(key: string, namespace: string, ip: string, port: number): Promise<Forward> {
    const connections = new Set<Socket>();
    // half-open, so a client that ends its side (a request sent) still gets the whole answer back
    const server = createServer({ allowHalfOpen: true }, (client) => {
      connections.add(client);
      client.pause();
      client.on('close', () => connections.delete(client));
      client.on('error', () => client.destroy());
      this.dial(namespace, ip, port).then(
        (upstream) => {
          upstream.on('error', () => client.destroy());
          upstream.on('close', () => client.destroy());
          client.on('close', () => upstream.destroy());
          client.pipe(upstream).pipe(client);
          client.resume();
        },
        () => client.destroy(),
      );
      void this.forwards.get(key)?.then((f) => this.touch(key, f));
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        resolve({ server, connections, port: typeof address === 'object' && address ? address.port : 0 });
      });
    });
  }

  private touch(key: string, forward: Forward): void {
    this.timers.clearTimeout(forward.idleTimer);
    forward.idleTimer = this.timers.setTimeout(() => {
      if (forward.connections.size > 0) return this.touch(key, forward);
      this.close(key, forward);
    }, this.idleMs);
    (forward.idleTimer as { unref?: () => void }).unref?.();
  }

  private close(key: string, forward: Forward): void {
    this.timers.clearTimeout(forward.idleTimer);
    for (const c of forward.connections) c.destroy();
    forward.server.close();
    this.forwards.delete(key);
  }

  dispose(): void {
    for (const [key, pending] of [...this.forwards])
      void pending.then(
        (f) => this.close(key, f),
        () => {},
      );
  }
}
