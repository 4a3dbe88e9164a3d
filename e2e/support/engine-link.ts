import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * Stands between Skiff and the real engine, so a test can make the engine "go away" for Skiff alone (the
 * containers keep running, other tests are not disturbed) and come back.
 */
export class EngineLink {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  constructor(readonly path: string) {}

  up(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect('/var/run/docker.sock');
      // Either side going (the engine restarting, the client leaving) ends the other, as one socket would.
      for (const [s, peer] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        this.sockets.add(s);
        s.on('close', () => {
          this.sockets.delete(s);
          peer.destroy();
        });
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    return new Promise((resolve) => this.server!.listen(this.path, resolve));
  }

  down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server!.close(() => resolve()));
  }
}
