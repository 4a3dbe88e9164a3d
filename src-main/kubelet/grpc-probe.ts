import type { Socket } from 'node:net';
import type { GRPCAction } from '../shared/pod-types';
import type { ProbeOutcome } from './run-probe';

/**
 * A way to pods that are not reachable from this host: grpc-js opens a TCP connection to `address` (the gateway
 * container's published port) and `handshake` turns that very socket into one to the pod's port (the gateway's
 * "ip:port\n" … "OK\n"), before HTTP/2 starts on it.
 */
export interface PodTunnel {
  address(namespace: string): Promise<string>;
  handshake(socket: Socket, ip: string, port: number): Promise<Socket>;
}

/**
 * The kubelet's gRPC probe. gRPC's client and health protocol (grpc-health-call.ts) load on the first gRPC probe,
 * not at Skiff's start, which they would slow more than anything else does.
 */
export async function grpcProbe(
  probe: GRPCAction,
  podIP: string,
  namespace: string,
  timeoutMs: number,
  tunnel: PodTunnel | undefined,
): Promise<ProbeOutcome> {
  const { grpcHealthCheck } = await import('./grpc-health-call');
  return grpcHealthCheck(probe, podIP, namespace, timeoutMs, tunnel);
}
