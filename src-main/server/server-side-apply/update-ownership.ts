// Ownership for writes that are not applies (create, update, patch), as structured-merge-diff's Updater.Update
// records it: the writer takes every field it adds or changes, from whoever owned it, and a removed field
// leaves every owner.
import { FieldSet } from './field-path';
import { compareObjects, isSame, ownedView, type Json, type OwnershipScope } from './field-set';
import {
  decodeManagedFields,
  encodeManagedFields,
  isResetManagedFields,
  sameManager,
  type Manager,
} from './managed-fields';

export interface UpdateInput {
  /** The stored object; undefined for a create. */
  live: Json | undefined;
  /** The object about to be stored. Its managedFields, when it carries some, replace the live ones. */
  next: Json;
  manager: string;
  apiVersion: string;
  /** Set for subresource writes (status, scale), which can neither set nor clear managedFields. */
  subresource?: string;
  scope: OwnershipScope;
  /** RFC 3339, for the entry's time. */
  now: string;
}

/** `next` with metadata.managedFields recording this write. */
export function recordUpdate(input: UpdateInput): Json {
  const { live, scope } = input;
  const next = structuredClone(input.next);
  const metadata = (next.metadata ??= {}) as Json;
  let managers = startingManagers(live, metadata.managedFields, input.subresource !== undefined);
  delete metadata.managedFields;
  const change = compareObjects(ownedView(live, scope), ownedView(next, scope));
  if (!isSame(change)) {
    const identity = {
      manager: input.manager,
      operation: 'Update' as const,
      apiVersion: input.apiVersion,
      ...(input.subresource ? { subresource: input.subresource } : {}),
    };
    const taken = change.added.union(change.modified);
    const previous = managers.find((m) => sameManager(m, identity));
    managers = managers
      .filter((m) => m !== previous)
      .map((m) => ({ ...m, fields: m.fields.difference(taken).difference(change.removed) }));
    const kept = previous ? previous.fields.difference(change.removed) : new FieldSet();
    managers.push({ ...identity, time: input.now, fields: kept.union(taken) });
  }
  const entries = encodeManagedFields(managers);
  if (entries.length > 0) metadata.managedFields = entries;
  return next;
}

/**
 * The managedFields this write starts from: the ones it sends, if any (a client may edit them; `[{}]` clears
 * them), else the live ones, so a client that does not know managedFields cannot drop them by accident.
 */
function startingManagers(live: Json | undefined, sent: unknown, subresource: boolean): Manager[] {
  const liveFields = (live?.metadata as Json | undefined)?.managedFields;
  if (subresource) return decodeManagedFields(liveFields);
  if (isResetManagedFields(sent)) return [];
  if (Array.isArray(sent) && sent.length > 0) return decodeManagedFields(sent);
  return decodeManagedFields(liveFields);
}
