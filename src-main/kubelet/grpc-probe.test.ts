import { connect, createServer, type Server as NetServer, type Socket } from 'node:net';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grpcProbe, type PodTunnel } from './grpc-probe';
import { gatewayHandshake } from '../network/pod-gateway';

// A real gRPC health server on loopback, and a stand-in for the gateway that speaks its protocol
// ("ip:port\n", then "OK\n" and the bytes both ways), so both paths run the real client end to end.

let server: Server;
let port = 0;
let gateway: NetServer;
let gatewayPort = 0;
const seenByGateway: string[] = [];

beforeAll(async () => {
  server = new Server();
  new HealthImplementation({ '': 'SERVING', web: 'SERVING', db: 'NOT_SERVING' }).addToServer(server);
  port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  gateway = createServer((client) => {
    client.once('data', (line) => {
      const [ip, target] = line.toString().trim().split(':');
      seenByGateway.push(`${ip}:${target}`);
      const upstream = connect({ host: ip, port: Number(target) }, () => {
        client.write('OK\n');
        client.pipe(upstream).pipe(client);
      });
      upstream.on('error', () => client.destroy());
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  gatewayPort = (gateway.address() as { port: number }).port;
});

afterAll(() => {
  server.forceShutdown();
  gateway.close();
});

const tunnel: PodTunnel = {
  address: () => Promise.resolve(`127.0.0.1:${gatewayPort}`),
  handshake: (socket: Socket, ip: string, p: number) => gatewayHandshake(socket, ip, p),
};

describe('grpcProbe', () => {
  it('passes for a SERVING service, directly and through the gateway', async () => {
    expect(await grpcProbe({ port }, '127.0.0.1', 'default', 1000, undefined)).toEqual({
      ok: true,
      detail: 'service healthy',
    });
    expect(await grpcProbe({ port, service: 'web' }, '127.0.0.1', 'default', 1000, tunnel)).toEqual({
      ok: true,
      detail: 'service healthy',
    });
    expect(seenByGateway).toContain(`127.0.0.1:${port}`);
  });

  it('fails as the kubelet words it for NOT_SERVING and an unknown service', async () => {
    expect(await grpcProbe({ port, service: 'db' }, '127.0.0.1', 'default', 1000, undefined)).toEqual({
      ok: false,
      detail: 'service unhealthy (responded with "NOT_SERVING")',
    });
    const unknown = await grpcProbe({ port, service: 'nope' }, '127.0.0.1', 'default', 1000, tunnel);
    expect(unknown.ok).toBe(false);
    expect(unknown.detail).toMatch(/^error: health rpc probe failed: rpc error: code = NotFound desc = /);
  });

  it('times out on a port nobody serves, directly and through the gateway', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const free = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    for (const via of [undefined, tunnel]) {
      const started = Date.now();
      const outcome = await grpcProbe({ port: free }, '127.0.0.1', 'default', 500, via);
      expect(outcome).toEqual({
        ok: false,
        detail: `timeout: failed to connect service "127.0.0.1:${free}" within 0.5s: context deadline exceeded`,
      });
      expect(Date.now() - started).toBeLessThan(1500);
    }
  });
});
