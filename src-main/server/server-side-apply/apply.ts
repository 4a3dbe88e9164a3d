// Server-side apply as structured-merge-diff's Updater.Apply does it: merge the applied configuration into the
// live object, drop what this manager applied before and no one owns now, and refuse (or, forced, take over)
// changes to fields another manager owns.
import { FieldSet, pathString, type FieldPath } from './field-path';
import { compareObjects, fieldSetOf, isSame, ownedView, type Json, type OwnershipScope } from './field-set';
import {
  decodeManagedFields,
  describeManager,
  encodeManagedFields,
  sameManager,
  type Manager,
} from './managed-fields';
import { mergeApplied, removeFields } from './merge-applied';

export interface ApplyInput {
  /** The stored object, or undefined when the apply creates it. */
  live: Json | undefined;
  /** The applied configuration, without managedFields. */
  config: Json;
  manager: string;
  /** The apiVersion the configuration was written in. */
  apiVersion: string;
  force: boolean;
  /** RFC 3339, for the entry's time. */
  now: string;
  scope: OwnershipScope;
}

export interface FieldConflict {
  manager: Omit<Manager, 'fields'>;
  path: FieldPath;
}

export type ApplyResult =
  { object: Json; conflicts?: undefined } | { object?: undefined; conflicts: FieldConflict[] };

/** Kubernetes gives an object that has no managedFields yet to this manager before its first apply. */
export const BEFORE_FIRST_APPLY = 'before-first-apply';

export function applyConfiguration(input: ApplyInput): ApplyResult {
  const { live, config, scope } = input;
  const identity = { manager: input.manager, operation: 'Apply' as const, apiVersion: input.apiVersion };
  let managers = live ? decodeManagedFields(metadataOf(live).managedFields) : [];
  if (live && managers.length === 0) managers = [beforeFirstApply(live, scope, input.apiVersion)];
  const previous = managers.find((m) => sameManager(m, identity));
  const others = managers.filter((m) => m !== previous);
  const applied = fieldSetOf(ownedView(config, scope));

  const ownedByOthers = others.reduce((all, m) => all.union(m.fields), new FieldSet());
  const dropped = previous ? previous.fields.difference(applied).difference(ownedByOthers) : new FieldSet();
  const merged = removeFields(mergeApplied(withoutManagedFields(live ?? {}), config), dropped);

  const change = compareObjects(ownedView(live, scope), ownedView(merged, scope));
  const changed = change.modified.union(change.added);
  const conflicts = others.flatMap((m) =>
    m.fields
      .intersection(changed)
      .sorted()
      .map((path) => ({ manager: withoutFields(m), path })),
  );
  if (conflicts.length > 0 && !input.force) return { conflicts };

  const unchanged = isSame(change) && previous !== undefined && previous.fields.equals(applied);
  const next: Manager[] = [
    { ...identity, time: unchanged ? previous.time : input.now, fields: applied },
    ...others.map((m) => ({ ...m, fields: m.fields.difference(changed).difference(change.removed) })),
  ];
  metadataOf(merged).managedFields = encodeManagedFields(next);
  return { object: merged };
}

function beforeFirstApply(live: Json, scope: OwnershipScope, apiVersion: string): Manager {
  const all = compareObjects({}, ownedView(live, scope));
  return {
    manager: BEFORE_FIRST_APPLY,
    operation: 'Update',
    apiVersion,
    fields: all.added.union(all.modified),
  };
}

const withoutFields = ({ fields: _fields, ...rest }: Manager): Omit<Manager, 'fields'> => rest;

function metadataOf(object: Json): Json {
  return (object.metadata ??= {}) as Json;
}

function withoutManagedFields(object: Json): Json {
  const copy = structuredClone(object);
  delete metadataOf(copy).managedFields;
  return copy;
}

/** Kubernetes' message for a refused apply: one line per field, grouped by manager when there are several. */
export function conflictMessage(conflicts: readonly FieldConflict[]): string {
  if (conflicts.length === 1)
    return `Apply failed with 1 conflict: conflict with ${describeManager(conflicts[0]!.manager)}: ${pathOf(conflicts[0]!)}`;
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) {
    const name = describeManager(c.manager);
    byManager.set(name, [...(byManager.get(name) ?? []), pathOf(c)]);
  }
  const lines = [...byManager.keys()]
    .sort()
    .flatMap((name) => [`conflicts with ${name}:`, ...byManager.get(name)!.map((p) => `- ${p}`)]);
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

const pathOf = (c: FieldConflict) => pathString(c.path);
