import type { Endpoints, Service, ServicePort } from '../shared/service-types';

// The routes file a Service proxy reads: one line per Service port, with the ready endpoints' addresses.
//   listen <port> <none|clientip> <ip:port> ...   (udp <port> ... for a UDP port)
// Pure: from the Service and its Endpoints (kept by the endpoints controller, or by hand for a Service without
// a selector).

/** The ready addresses behind one Service port: Endpoints ports carry the Service port's name. */
export function readyBackends(
  service: Service,
  port: ServicePort,
  endpoints: Endpoints | undefined,
): Array<{ ip: string; port: number }> {
  const singlePort = (service.spec.ports ?? []).length === 1;
  const backends: Array<{ ip: string; port: number }> = [];
  for (const subset of endpoints?.subsets ?? []) {
    const ports = subset.ports ?? [];
    const match =
      ports.find(
        (p) => (p.name ?? '') === (port.name ?? '') && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'),
      ) ?? (ports.length === 1 && singlePort ? ports[0] : undefined);
    if (!match) continue;
    for (const address of subset.addresses ?? []) backends.push({ ip: address.ip, port: match.port });
  }
  return backends;
}

/** `listen` for a TCP port, `udp` for a UDP one (skiff-proxy.c). */
const verb = (port: ServicePort) => (port.protocol === 'UDP' ? 'udp' : 'listen');

export function serviceRoutes(service: Service, endpoints: Endpoints | undefined): string {
  const affinity = service.spec.sessionAffinity === 'ClientIP' ? 'clientip' : 'none';
  const lines = (service.spec.ports ?? []).map((port) => {
    const backends = readyBackends(service, port, endpoints).map((b) => `${b.ip}:${b.port}`);
    return [verb(port), String(port.port), affinity, ...backends.sort()].join(' ');
  });
  return `${lines.join('\n')}\n`;
}

/**
 * The routes of a NodePort proxy in the host's network (service-proxies.ts): each port with a nodePort, bound to
 * 127.0.0.1 only, to the same ready endpoints.
 */
export function nodePortRoutes(service: Service, endpoints: Endpoints | undefined): string {
  const affinity = service.spec.sessionAffinity === 'ClientIP' ? 'clientip' : 'none';
  const lines = (service.spec.ports ?? [])
    .filter((port) => port.nodePort)
    .map((port) => {
      const backends = readyBackends(service, port, endpoints).map((b) => `${b.ip}:${b.port}`);
      return [verb(port), `127.0.0.1:${port.nodePort}`, affinity, ...backends.sort()].join(' ');
    });
  return `${lines.join('\n')}\n`;
}

/** Kubernetes' service environment variables for one Service (docker-link style included, as the kubelet does). */
export function serviceEnv(service: Service): Array<[string, string]> {
  const ip = service.spec.clusterIP;
  const ports = service.spec.ports ?? [];
  if (!ip || ip === 'None' || ports.length === 0) return [];
  const prefix = (service.metadata.name ?? '').toUpperCase().replace(/-/g, '_');
  const first = ports[0]!;
  const env: Array<[string, string]> = [
    [`${prefix}_SERVICE_HOST`, ip],
    [`${prefix}_SERVICE_PORT`, String(first.port)],
    [`${prefix}_PORT`, `${(first.protocol ?? 'TCP').toLowerCase()}://${ip}:${first.port}`],
  ];
  for (const p of ports) {
    const protocol = p.protocol ?? 'TCP';
    if (p.name)
      env.push([`${prefix}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`, String(p.port)]);
    const base = `${prefix}_PORT_${p.port}_${protocol}`;
    env.push(
      [base, `${protocol.toLowerCase()}://${ip}:${p.port}`],
      [`${base}_PROTO`, protocol.toLowerCase()],
      [`${base}_PORT`, String(p.port)],
      [`${base}_ADDR`, ip],
    );
  }
  return env;
}
