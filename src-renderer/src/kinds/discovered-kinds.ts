import type { ResourceType } from '@shared/resource-types';

// What the API's discovery documents say is served, as the kinds a generic list can show. Pure.

export interface ApiResource {
  name: string;
  singularName?: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
}

export interface ApiResourceList {
  groupVersion: string;
  resources: ApiResource[];
}

export interface ApiGroupList {
  groups: Array<{
    name: string;
    versions: Array<{ groupVersion: string; version: string }>;
    preferredVersion?: { groupVersion: string; version: string };
  }>;
}

/** A served kind that can be listed: everything a generic list, detail and Edit YAML need. */
export type DiscoveredKind = ResourceType & { verbs: string[] };

/** The version of each group to read: the preferred one, else the first. */
export function preferredGroupVersions(groups: ApiGroupList): string[] {
  return groups.groups.flatMap((g) => {
    const version = g.preferredVersion ?? g.versions[0];
    return version ? [version.groupVersion] : [];
  });
}

function splitGroupVersion(groupVersion: string): { group: string; version: string } {
  const slash = groupVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: groupVersion }
    : { group: groupVersion.slice(0, slash), version: groupVersion.slice(slash + 1) };
}

/** The kinds of resource lists that can be listed (subresources and create-only kinds such as reviews left out). */
export function discoveredKinds(lists: ApiResourceList[]): DiscoveredKind[] {
  const kinds: DiscoveredKind[] = [];
  for (const list of lists) {
    const { group, version } = splitGroupVersion(list.groupVersion);
    const names = new Set(list.resources.map((r) => r.name));
    for (const r of list.resources) {
      if (r.name.includes('/') || !r.verbs.includes('list')) continue;
      kinds.push({
        group,
        version,
        kind: r.kind,
        plural: r.name,
        singular: r.singularName || r.kind.toLowerCase(),
        namespaced: r.namespaced,
        hasStatus: names.has(`${r.name}/status`),
        verbs: r.verbs,
        ...(r.shortNames?.length ? { shortNames: r.shortNames } : {}),
        ...(r.categories?.length ? { categories: r.categories } : {}),
      });
    }
  }
  return kinds;
}

/** The title of an API group in navigation ('core' for the legacy group). */
export const groupTitle = (group: string): string => group || 'core';

/** Kinds by API group: core first, then groups by name; kinds by name within each. */
export function kindsByGroup(kinds: DiscoveredKind[]): Array<{ group: string; kinds: DiscoveredKind[] }> {
  const groups = new Map<string, DiscoveredKind[]>();
  for (const kind of kinds) groups.set(kind.group, [...(groups.get(kind.group) ?? []), kind]);
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)))
    .map(([group, members]) => ({ group, kinds: members.sort((a, b) => a.kind.localeCompare(b.kind)) }));
}
