import { isHeadless, type Endpoints, type Service } from '../shared/service-types';

// The records file of the cluster DNS (resources/proxy/skiff-dns.c, network/cluster-dns.ts): the names Docker's
// embedded DNS cannot give because they are not one container's aliases. Pure. As CoreDNS's kubernetes plugin:
//   headless Service  → A records of its ready endpoints (all of them with publishNotReadyAddresses), and
//                       `<hostname>.<service>` for endpoints that carry a hostname; none when it has no endpoint
//   ExternalName      → a CNAME to spec.externalName
//   ClusterIP Service → its cluster IP (Docker's aliases answer it first; here so a CNAME to it resolves)

export const CLUSTER_DOMAIN = 'cluster.local';

export const serviceFqdn = (s: Service) => `${s.metadata.name}.${s.metadata.namespace}.svc.${CLUSTER_DOMAIN}`;

const byAddress = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });

export function clusterDnsRecords(services: Service[], endpoints: Endpoints[]): string {
  const endpointsByKey = new Map(endpoints.map((e) => [`${e.metadata.namespace}/${e.metadata.name}`, e]));
  const lines: string[] = [];
  const ordered = [...services].sort((a, b) => serviceFqdn(a).localeCompare(serviceFqdn(b)));
  for (const service of ordered) {
    if (service.metadata.deletionTimestamp) continue;
    const fqdn = serviceFqdn(service);
    if (service.spec.type === 'ExternalName') {
      const target = (service.spec.externalName ?? '').toLowerCase().replace(/\.$/, '');
      if (target) lines.push(`cname ${fqdn} ${target}`);
      continue;
    }
    if (!isHeadless(service)) {
      if (service.spec.clusterIP) lines.push(`a ${fqdn} ${service.spec.clusterIP}`);
      continue;
    }
    const subsets =
      endpointsByKey.get(`${service.metadata.namespace}/${service.metadata.name}`)?.subsets ?? [];
    const addresses = subsets.flatMap((s) => [
      ...(s.addresses ?? []),
      ...(service.spec.publishNotReadyAddresses ? (s.notReadyAddresses ?? []) : []),
    ]);
    const ips = [...new Set(addresses.map((a) => a.ip))].sort(byAddress);
    if (ips.length > 0) lines.push(`a ${fqdn} ${ips.join(' ')}`);
    const byHost = new Map<string, Set<string>>();
    for (const a of addresses)
      if (a.hostname) byHost.set(a.hostname, (byHost.get(a.hostname) ?? new Set()).add(a.ip));
    for (const [host, set] of [...byHost].sort(([a], [b]) => a.localeCompare(b)))
      lines.push(`a ${host}.${fqdn} ${[...set].sort(byAddress).join(' ')}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
