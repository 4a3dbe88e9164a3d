import type { DockerRuntime } from '../runtime/docker-runtime';
import { LABEL } from '../runtime/labels';
import { CLUSTER_DNS_ROLE } from './cluster-dns';
import { PROXY_ROLE } from './plan-service-proxy';
import { GATEWAY_ROLE } from './pod-gateway';
import { API_TUNNEL_ROLE } from './in-cluster-api';

/**
 * A deleted namespace's network goes: every Service proxy, the gateway and the API tunnel leave it (they sit on every
 * namespace's network), and its cluster DNS; the engine refuses to remove a network that still has members.
 */
export async function removeNamespaceNetwork(
  runtime: DockerRuntime,
  network: string,
  namespace: string,
): Promise<void> {
  const attached = [
    ...(await runtime.listContainers({ [LABEL.role]: PROXY_ROLE })),
    ...(await runtime.listContainers({ [LABEL.role]: GATEWAY_ROLE })),
    ...(await runtime.listContainers({ [LABEL.role]: API_TUNNEL_ROLE })),
    ...(await runtime.listContainers({ [LABEL.role]: CLUSTER_DNS_ROLE, [LABEL.namespace]: namespace })),
  ];
  for (const c of attached) await runtime.disconnectNetwork(network, c.id);
  await runtime.removeNetwork(network);
}
