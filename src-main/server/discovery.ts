import type { KindRegistry } from '../store/kind-strategy';
import { apiVersionOf, type ResourceType } from '../shared/resource-types';
import { ApiError } from '../store/api-error';

/** What kube-apiserver answers for a group or version it does not serve. */
const notServed = () => new ApiError(404, 'NotFound', 'the server could not find the requested resource');

export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-skiff',
  gitCommit: '',
  gitTreeState: 'clean',
  buildDate: '2026-11-23T00:00:00Z',
  goVersion: 'n/a (Skiff runs on Node.js)',
  compiler: 'skiff',
  platform: `${process.platform}/${process.arch}`,
};

function strategyScalable(
  kinds: KindRegistry,
  type: { group: string; version: string; plural: string },
): boolean {
  return !!kinds.find(type.group, type.version, type.plural)?.scalable;
}

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function groupVersions(kinds: KindRegistry, readOnly: ResourceType[]): Map<string, Set<string>> {
  const groups = new Map<string, Set<string>>();
  for (const type of [...kinds.servedTypes(), ...readOnly]) {
    if (!groups.has(type.group)) groups.set(type.group, new Set());
    groups.get(type.group)!.add(type.version);
  }
  return groups;
}

function resourceList(
  kinds: KindRegistry,
  readOnly: ResourceType[],
  group: string,
  version: string,
): unknown {
  const types = [...kinds.servedTypes(), ...readOnly].filter(
    (t) => t.group === group && t.version === version,
  );
  if (types.length === 0) throw notServed();
  const resources = types.flatMap((t) => [
    {
      name: t.plural,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: readOnly.includes(t) ? ['get', 'list'] : VERBS,
      ...(t.shortNames ? { shortNames: t.shortNames } : {}),
      ...(t.categories ? { categories: t.categories } : {}),
    },
    ...(strategyScalable(kinds, t)
      ? [
          {
            name: `${t.plural}/scale`,
            singularName: '',
            namespaced: t.namespaced,
            group: 'autoscaling',
            version: 'v1',
            kind: 'Scale',
            verbs: ['get', 'patch', 'update'],
          },
        ]
      : []),
    ...(t.kind === 'Pod' && t.group === ''
      ? [
          {
            name: 'pods/eviction',
            singularName: '',
            namespaced: true,
            group: 'policy',
            version: 'v1',
            kind: 'Eviction',
            verbs: ['create'],
          },
        ]
      : []),
    ...(t.hasStatus
      ? [
          {
            name: `${t.plural}/status`,
            singularName: '',
            namespaced: t.namespaced,
            kind: t.kind,
            verbs: ['get', 'patch', 'update'],
          },
        ]
      : []),
  ]);
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf(types[0]!), resources };
}

/**
 * Kubernetes' version priority (CompareKubeAwareVersionStrings): GA before beta before alpha, higher numbers
 * first, anything else after, alphabetically. The first is a group's preferred version (a CRD whose storage
 * version is v1beta1 is still preferred at v1).
 */
export function compareKubeAwareVersions(a: string, b: string): number {
  const rank = (v: string): [number, number, number] | undefined => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return undefined;
    return [m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0, Number(m[1]), Number(m[3] ?? 0)];
  };
  const [ra, rb] = [rank(a), rank(b)];
  if (!ra || !rb) return ra ? -1 : rb ? 1 : a.localeCompare(b);
  for (let i = 0; i < 3; i++) if (ra[i] !== rb[i]) return rb[i]! - ra[i]!;
  return 0;
}

/**
 * Legacy (non-aggregated) discovery documents for /api, /apis and each group version. `readOnly` types are
 * served outside the store (metrics.k8s.io): get and list only.
 */
export function discoveryDocument(
  path: string,
  kinds: KindRegistry,
  serverAddress: string,
  readOnly: ResourceType[] = [],
): unknown {
  const segments = path.split('/').filter((s) => s.length > 0);
  const groups = groupVersions(kinds, readOnly);
  if (segments.length === 1 && segments[0] === 'api') {
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
    };
  }
  if (segments[0] === 'api') return resourceList(kinds, readOnly, '', segments[1]!);
  const namedGroups = [...groups.entries()]
    .filter(([group]) => group !== '')
    .map(([name, versions]) => {
      const list = [...versions]
        .sort(compareKubeAwareVersions)
        .map((version) => ({ groupVersion: `${name}/${version}`, version }));
      return { name, versions: list, preferredVersion: list[0] };
    });
  if (segments.length === 1) return { kind: 'APIGroupList', apiVersion: 'v1', groups: namedGroups };
  const found = namedGroups.find((g) => g.name === segments[1]);
  if (!found) throw notServed();
  if (segments.length === 2) return { kind: 'APIGroup', apiVersion: 'v1', ...found };
  return resourceList(kinds, readOnly, segments[1]!, segments[2]!);
}
