// A namespace network's subnet is split in two halves: Docker hands out addresses from the first (pods, the
// gateway), and Skiff picks Service addresses from the second, so a Service's cluster IP can be asked for again
// when its proxy is re-created. Docker allows a chosen address only on a network whose subnet was configured.

export interface NetworkRanges {
  subnet: string;
  /** where Docker allocates containers' addresses */
  dynamic: string;
  /** where Service proxies get the address Skiff chooses */
  services: string;
}

function parseIPv4(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255))
    throw new Error(`not an IPv4 address: ${ip}`);
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

const formatIPv4 = (n: number) => [24, 16, 8, 0].map((shift) => (n >>> shift) & 255).join('.');

function parseCidr(cidr: string): { base: number; bits: number } {
  const [ip, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  if (!ip || !Number.isInteger(bits) || bits < 0 || bits > 32) throw new Error(`not an IPv4 CIDR: ${cidr}`);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { base: (parseIPv4(ip) & mask) >>> 0, bits };
}

/** The two halves of a subnet; undefined when it is too small to split usefully (smaller than a /28). */
export function splitSubnet(subnet: string): NetworkRanges | undefined {
  const { base, bits } = parseCidr(subnet);
  if (bits > 28) return undefined;
  const half = bits + 1;
  const size = 2 ** (32 - half);
  return {
    subnet: `${formatIPv4(base)}/${bits}`,
    dynamic: `${formatIPv4(base)}/${half}`,
    services: `${formatIPv4(base + size)}/${half}`,
  };
}

export function containsIP(cidr: string, ip: string): boolean {
  const { base, bits } = parseCidr(cidr);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  try {
    return (parseIPv4(ip) & mask) >>> 0 === base;
  } catch {
    return false;
  }
}

/**
 * The address of a namespace's cluster DNS (network/cluster-dns.ts) in its services range: the last but one (the
 * last is the subnet's broadcast), so it is known before the DNS container exists and pods can be given it.
 */
export function clusterDNSAddress(servicesRange: string): string {
  const { base, bits } = parseCidr(servicesRange);
  const size = 2 ** (32 - bits);
  let offset = size - 2;
  while (offset > 0 && /\.(0|255)$/.test(formatIPv4(base + offset))) offset--;
  return formatIPv4(base + offset);
}

/** Whether a Service may be given `ip` in this range: inside it, and neither the broadcast nor the DNS address. */
export function isAssignableServiceIP(servicesRange: string, ip: string): boolean {
  if (!containsIP(servicesRange, ip) || /\.(0|255)$/.test(ip)) return false;
  const { base, bits } = parseCidr(servicesRange);
  const last = formatIPv4(base + 2 ** (32 - bits) - 1);
  return ip !== last && ip !== clusterDNSAddress(servicesRange);
}

/**
 * A Service's address in the services range: the one it already has when that is in range and not held by
 * another, else the lowest free one (never the range's last address, the subnet's broadcast, nor one ending in
 * .0 or .255).
 */
export function chooseServiceIP(
  servicesRange: string,
  taken: Set<string>,
  current?: string,
): string | undefined {
  if (current && isAssignableServiceIP(servicesRange, current) && !taken.has(current)) return current;
  const { base, bits } = parseCidr(servicesRange);
  const size = 2 ** (32 - bits);
  for (let offset = 0; offset < size - 1; offset++) {
    const ip = formatIPv4(base + offset);
    // x.x.x.0 and x.x.x.255 are valid inside a larger subnet, but read as network or broadcast addresses
    if (!taken.has(ip) && isAssignableServiceIP(servicesRange, ip)) return ip;
  }
  return undefined;
}
