import {
  createServer as createPlainServer,
  type RequestListener,
  type Server as HttpServer,
} from 'node:http';
import { createServer as createTlsServer, type Server as HttpsServer } from 'node:https';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export interface TlsMaterial {
  key: string;
  cert: string;
}

export type UpgradeListener = (
  req: import('node:http').IncomingMessage,
  socket: Duplex,
  head: Buffer,
) => void;

/**
 * One port that speaks both HTTPS and plain HTTP: the first byte of a connection tells a TLS handshake (0x16)
 * from an HTTP request line. kubectl and other clients use HTTPS (they send bearer tokens only over TLS); the
 * browser loads the UI over http://127.0.0.1, which needs no certificate warning and never leaves the machine.
 */
export class DualProtocolListener {
  readonly plain: HttpServer;
  readonly secure: HttpsServer;
  private readonly front: NetServer;
  private readonly sockets = new Set<Socket>();

  constructor(tls: TlsMaterial, onRequest: RequestListener, onUpgrade: UpgradeListener) {
    this.plain = createPlainServer(onRequest);
    this.secure = createTlsServer({ key: tls.key, cert: tls.cert }, onRequest);
    for (const server of [this.plain, this.secure]) {
      server.on('upgrade', onUpgrade);
      server.keepAliveTimeout = 30_000;
      server.headersTimeout = 20_000;
      server.requestTimeout = 0; // watches and streams are long-lived by design
    }
    this.secure.on('tlsClientError', () => {});
    this.front = createNetServer((socket) => this.dispatch(socket));
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.front.once('error', reject);
      this.front.listen(port, host, () => {
        this.front.off('error', reject);
        const address = this.front.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.front.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
      this.plain.closeAllConnections();
      this.secure.closeAllConnections();
    });
  }

  private dispatch(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setTimeout(30_000, () => socket.destroy()); // a connection that never sends its first byte
    socket.once('readable', () => {
      socket.setTimeout(0);
      const first = socket.read(1) as Buffer | null;
      if (!first) {
        socket.destroy();
        return;
      }
      socket.unshift(first);
      (first[0] === 0x16 ? this.secure : this.plain).emit('connection', socket);
    });
  }
}
