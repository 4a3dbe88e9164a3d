import { isObj, str, type Notes } from './compose-values';

export interface ComposePort {
  target: number;
  /** The host port asked for (`8080:80` → 8080); undefined when only exposed. */
  published?: number;
  protocol: 'TCP' | 'UDP';
}

const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;
const MAX_RANGE = 100;

function range(text: string): number[] | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = m[2] ? Number(m[2]) : from;
  if (to < from || to - from >= MAX_RANGE || from < 1 || to > 65535) return undefined;
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** One `ports:` or `expose:` entry, short (`[ip:][host:]container[/proto]`) or long syntax. */
function parseOne(entry: unknown, withHost: boolean): ComposePort[] | string {
  if (isObj(entry)) {
    const target = Number(entry.target);
    if (!Number.isInteger(target) || target < 1 || target > 65535) return 'target must be a port number';
    const published = entry.published === undefined ? undefined : range(String(entry.published))?.[0];
    const protocol = String(entry.protocol ?? 'tcp').toUpperCase();
    if (protocol !== 'TCP' && protocol !== 'UDP')
      return `protocol ${protocol} is not carried (TCP and UDP are)`;
    return [{ target, published: withHost ? published : undefined, protocol }];
  }
  const text = str(entry);
  if (text === undefined) return 'write a port number or "host:container"';
  const [spec, proto = 'tcp'] = text.split('/');
  const protocol = proto.toUpperCase();
  if (protocol !== 'TCP' && protocol !== 'UDP') return `protocol ${proto} is not carried (TCP and UDP are)`;
  // An IPv6 host address is bracketed: [::1]:8080:80.
  const parts = spec!.replace(/^\[[^\]]*\]:/, '').split(':');
  const containerPart = parts.pop()!;
  const hostPart = withHost ? parts.pop() : undefined;
  const targets = range(containerPart);
  if (!targets) return `"${containerPart}" is not a port or a range of at most ${MAX_RANGE}`;
  const hosts = hostPart ? range(hostPart) : undefined;
  if (hostPart && (!hosts || (hosts.length !== targets.length && hosts.length !== 1)))
    return `host ports "${hostPart}" do not match container ports "${containerPart}"`;
  return targets.map((target, i) => ({
    target,
    published: hosts ? (hosts.length === 1 ? hosts[0]! + (targets.length > 1 ? i : 0) : hosts[i]) : undefined,
    protocol,
  }));
}

/** `ports` and `expose` of a service, one entry per target/protocol (a published port wins over an exposed one). */
export function servicePorts(ports: unknown, expose: unknown, field: string, notes: Notes): ComposePort[] {
  const found = new Map<string, ComposePort>();
  const read = (list: unknown, name: string, withHost: boolean) => {
    if (list === undefined) return;
    if (!Array.isArray(list)) return notes.dropped(`${field}.${name}`, 'must be a list; left out');
    list.forEach((entry, i) => {
      const parsed = parseOne(entry, withHost);
      if (typeof parsed === 'string') return notes.dropped(`${field}.${name}[${i}]`, `${parsed}; left out`);
      for (const port of parsed) {
        const key = `${port.target}/${port.protocol}`;
        const had = found.get(key);
        if (!had || (port.published && !had.published)) found.set(key, port);
      }
    });
  };
  read(expose, 'expose', false);
  read(ports, 'ports', true);
  return [...found.values()];
}

export const inNodePortRange = (port: number) => port >= NODE_PORT_MIN && port <= NODE_PORT_MAX;

export const NODE_PORT_RANGE = `${NODE_PORT_MIN}–${NODE_PORT_MAX}`;
