import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import {
  CallCredentials,
  ChannelCredentials,
  credentials,
  makeGenericClientConstructor,
  status as grpcStatus,
  type Client,
  type ServiceError,
} from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import type { GRPCAction } from '../shared/pod-types';
import type { ProbeOutcome } from './run-probe';
import type { PodTunnel } from './grpc-probe';

// The kubelet's gRPC probe (pkg/probe/grpc): one grpc.health.v1.Health/Check call with the probe's service name,
// over a plain-text HTTP/2 connection, within the probe's timeout, worded as the kubelet words the results.
// The client and the health protocol are gRPC's own (@grpc/grpc-js, grpc-health-check); loaded by grpc-probe.ts
// on the first gRPC probe, since the two cost more to load than the rest of Skiff's start.

/**
 * The socket as a plain Duplex. Node's HTTP/2 reads a net.Socket's handle natively, which would skip bytes the
 * handshake already read past "OK\n" and put back (a server's SETTINGS may come right behind it); a Duplex
 * makes it read through the stream, those bytes first.
 */
function readThroughJs(socket: Socket): Socket {
  const duplex = new Duplex({
    read: () => void socket.resume(),
    write: (chunk: Buffer, _encoding, done) => void socket.write(chunk, done),
    final: (done) => {
      socket.end();
      done();
    },
    destroy: (err, done) => {
      socket.destroy();
      done(err);
    },
  });
  socket.on('data', (chunk: Buffer) => {
    if (!duplex.push(chunk)) socket.pause();
  });
  socket.on('end', () => duplex.push(null));
  socket.on('close', () => duplex.destroy());
  socket.on('error', (err) => duplex.destroy(err));
  return duplex as unknown as Socket;
}

type ConnectorArgs = Parameters<ChannelCredentials['_createSecureConnector']>;

/** Plain-text credentials whose connector first asks the gateway for the pod's port on grpc-js's own socket. */
class TunnelCredentials extends ChannelCredentials {
  constructor(
    private readonly tunnel: PodTunnel,
    private readonly ip: string,
    private readonly port: number,
  ) {
    super();
  }
  override compose(): ChannelCredentials {
    throw new Error('Cannot compose insecure credentials');
  }
  _isSecure(): boolean {
    return false;
  }
  _equals(other: ChannelCredentials): boolean {
    return other === this;
  }
  _createSecureConnector(_target: ConnectorArgs[0], _options: ConnectorArgs[1], call?: ConnectorArgs[2]) {
    const callCredentials = call ?? CallCredentials.createEmpty();
    return {
      connect: async (socket: Socket) => {
        const tunnelled = await this.tunnel.handshake(socket, this.ip, this.port);
        return { socket: readThroughJs(tunnelled), secure: false };
      },
      waitForReady: () => Promise.resolve(),
      getCallCredentials: () => callCredentials,
      destroy: () => undefined,
    };
  }
}

const HealthClient = makeGenericClientConstructor(
  healthService as unknown as Parameters<typeof makeGenericClientConstructor>[0],
  'Health',
);

interface HealthResponse {
  status?: string;
}

/** Go's codes.Code.String() for a gRPC status number. */
function codeName(code: number): string {
  const name = grpcStatus[code] ?? String(code);
  if (name === 'CANCELLED') return 'Canceled';
  return name
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** Go's time.Duration String() for whole or fractional seconds: "1s", "1.5s". */
const goDuration = (ms: number) => `${ms / 1000}s`;

export async function grpcHealthCheck(
  probe: GRPCAction,
  podIP: string,
  namespace: string,
  timeoutMs: number,
  tunnel: PodTunnel | undefined,
): Promise<ProbeOutcome> {
  const addr = `${podIP.includes(':') ? `[${podIP}]` : podIP}:${probe.port}`;
  const deadline = Date.now() + timeoutMs;
  const options = {
    'grpc.primary_user_agent': 'kube-probe/1.32',
    'grpc.use_local_subchannel_pool': 1,
    'grpc.enable_retries': 0,
  };
  const client: Client = tunnel
    ? new HealthClient(
        await tunnel.address(namespace),
        new TunnelCredentials(tunnel, podIP, probe.port),
        options,
      )
    : new HealthClient(addr, credentials.createInsecure(), options);
  try {
    const connected = await new Promise<boolean>((resolve) =>
      client.waitForReady(deadline, (err) => resolve(!err)),
    );
    if (!connected)
      return {
        ok: false,
        detail: `timeout: failed to connect service "${addr}" within ${goDuration(timeoutMs)}: context deadline exceeded`,
      };
    const check = (client as unknown as Record<string, CallableFunction>).check!.bind(client);
    const result = await new Promise<{ err?: ServiceError; response?: HealthResponse }>((resolve) =>
      check(
        { service: probe.service ?? '' },
        { deadline },
        (err: ServiceError | null, response?: HealthResponse) => resolve(err ? { err } : { response }),
      ),
    );
    if (result.err) {
      const { code, details } = result.err;
      if (code === grpcStatus.UNIMPLEMENTED)
        return {
          ok: false,
          detail: `error: this server does not implement the grpc health protocol (grpc.health.v1.Health): ${details}`,
        };
      if (code === grpcStatus.DEADLINE_EXCEEDED)
        return { ok: false, detail: `timeout: health rpc did not complete within ${goDuration(timeoutMs)}` };
      return {
        ok: false,
        detail: `error: health rpc probe failed: rpc error: code = ${codeName(code)} desc = ${details}`,
      };
    }
    const served = result.response?.status ?? 'UNKNOWN';
    if (served !== 'SERVING') return { ok: false, detail: `service unhealthy (responded with "${served}")` };
    return { ok: true, detail: 'service healthy' };
  } finally {
    client.close();
  }
}
