import type { Endpoints, Service, ServicePort } from '../shared/service-types';
import { CANARY_SERVICE_ANNOTATION, CANARY_WEIGHT_ANNOTATION } from '../shared/rollout-types';

// The routes file a Service proxy reads: one line per Service port, with the ready endpoints' addresses.
//   listen <port> <none|clientip> <ip:port>[/weight] ...   (udp <port> ... for a UDP port)
// A stable Service under a canary split (a Rollout's rollouts.skiff.io/canary-weight annotation) lists its own
// endpoints and the canary Service's, weighted so that the canary's share of connections is the weight.
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

/** The canary side of a stable Service's split: the canary Service, its Endpoints and its share (0–100). */
export interface CanarySplit {
  service: Service;
  endpoints: Endpoints | undefined;
  weight: number;
}

/** The split a Service's annotations ask for, if its canary Service exists. */
export function canarySplitOf(
  service: Service,
  lookup: (name: string) => { service: Service | undefined; endpoints: Endpoints | undefined },
): CanarySplit | undefined {
  const name = service.metadata.annotations?.[CANARY_SERVICE_ANNOTATION];
  const weight = Number(service.metadata.annotations?.[CANARY_WEIGHT_ANNOTATION]);
  if (!name || !Number.isFinite(weight) || weight <= 0 || name === service.metadata.name) return undefined;
  const found = lookup(name);
  return found.service
    ? { service: found.service, endpoints: found.endpoints, weight: Math.min(100, weight) }
    : undefined;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * Route tokens for a split: each stable backend weighted (100 - w) × canaries, each canary w × stables, so the
 * canary's share of picks is w % whatever the pod counts. A side with no ready backend gets no traffic.
 */
export function weightedBackends(stable: string[], canary: string[], weight: number): string[] {
  const canaryOnly = [...new Set(canary)].filter((c) => !stable.includes(c));
  if (weight <= 0 || canaryOnly.length === 0) return [...stable].sort();
  if (weight >= 100 || stable.length === 0) return [...canaryOnly].sort();
  let ws = (100 - weight) * canaryOnly.length;
  let wc = weight * stable.length;
  const d = gcd(ws, wc);
  [ws, wc] = [ws / d, wc / d];
  return [...stable.map((b) => `${b}/${ws}`).sort(), ...canaryOnly.map((b) => `${b}/${wc}`).sort()];
}

function canaryPort(split: CanarySplit, port: ServicePort): ServicePort | undefined {
  const ports = split.service.spec.ports ?? [];
  return (
    ports.find((p) => (p.name ?? '') === (port.name ?? '') && p.port === port.port) ??
    ports.find((p) => (p.name ?? '') === (port.name ?? '')) ??
    (ports.length === 1 ? ports[0] : undefined)
  );
}

function portBackends(
  service: Service,
  port: ServicePort,
  endpoints: Endpoints | undefined,
  split?: CanarySplit,
): string[] {
  const stable = readyBackends(service, port, endpoints).map((b) => `${b.ip}:${b.port}`);
  const other = split && canaryPort(split, port);
  if (!split || !other) return stable.sort();
  const canary = readyBackends(split.service, other, split.endpoints).map((b) => `${b.ip}:${b.port}`);
  return weightedBackends(stable, canary, split.weight);
}

/** `listen` for a TCP port, `udp` for a UDP one (skiff-proxy.c). */
const verb = (port: ServicePort) => (port.protocol === 'UDP' ? 'udp' : 'listen');

export function serviceRoutes(
  service: Service,
  endpoints: Endpoints | undefined,
  split?: CanarySplit,
): string {
  const affinity = service.spec.sessionAffinity === 'ClientIP' ? 'clientip' : 'none';
  const lines = (service.spec.ports ?? []).map((port) =>
    [verb(port), String(port.port), affinity, ...portBackends(service, port, endpoints, split)].join(' '),
  );
  return `${lines.join('\n')}\n`;
}

/**
 * The routes of a NodePort proxy in the host's network (service-proxies.ts): each port with a nodePort, bound to
 * 127.0.0.1 only, to the same ready endpoints.
 */
export function nodePortRoutes(
  service: Service,
  endpoints: Endpoints | undefined,
  split?: CanarySplit,
): string {
  const affinity = service.spec.sessionAffinity === 'ClientIP' ? 'clientip' : 'none';
  const lines = (service.spec.ports ?? [])
    .filter((port) => port.nodePort)
    .map((port) =>
      [
        verb(port),
        `127.0.0.1:${port.nodePort}`,
        affinity,
        ...portBackends(service, port, endpoints, split),
      ].join(' '),
    );
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
