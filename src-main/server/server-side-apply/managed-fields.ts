// metadata.managedFields: who owns which fields of an object, read from and written to the object in
// Kubernetes' shape (manager, operation, apiVersion, time, fieldsType FieldsV1, fieldsV1, subresource).
import { apiErrors } from '../../store/api-error';
import { FieldSet, fromFieldsV1, toFieldsV1, type FieldsV1 } from './field-path';
import { isPlainObject } from './list-types';

export type Operation = 'Apply' | 'Update';

export interface ManagedFieldsEntry {
  manager: string;
  operation: Operation;
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: FieldsV1;
  subresource?: string;
}

/** One owner of a set of fields. */
export interface Manager {
  manager: string;
  operation: Operation;
  apiVersion: string;
  time?: string;
  subresource?: string;
  fields: FieldSet;
}

/**
 * Whether two entries are the same owner. Kubernetes identifies an entry by manager, operation and subresource,
 * and an Update entry by its apiVersion too (an applier keeps one entry whatever version it applies with).
 */
export function sameManager(a: Omit<Manager, 'fields'>, b: Omit<Manager, 'fields'>): boolean {
  return (
    a.manager === b.manager &&
    a.operation === b.operation &&
    (a.subresource ?? '') === (b.subresource ?? '') &&
    (a.operation === 'Apply' || a.apiVersion === b.apiVersion)
  );
}

/** How Kubernetes names a manager in a conflict: `"kubectl" with subresource "scale" using apps/v1`. */
export function describeManager(m: Omit<Manager, 'fields'>): string {
  const name =
    JSON.stringify(m.manager) + (m.subresource ? ` with subresource ${JSON.stringify(m.subresource)}` : '');
  return m.operation === 'Update' ? `${name} using ${m.apiVersion}` : name;
}

/** Reads metadata.managedFields; a malformed entry is a 400 naming it. */
export function decodeManagedFields(raw: unknown): Manager[] {
  if (raw === undefined || raw === null) return [];
  const where = 'metadata.managedFields';
  if (!Array.isArray(raw)) throw apiErrors.badRequest(`${where}: must be a list of entries`);
  return raw.map((entry, i) => {
    const at = `${where}[${i}]`;
    if (!isPlainObject(entry)) throw apiErrors.badRequest(`${at}: must be an object`);
    const { manager, operation, apiVersion, time, fieldsType, fieldsV1, subresource } = entry;
    if (operation !== 'Apply' && operation !== 'Update')
      throw apiErrors.badRequest(
        `${at}.operation: must be "Apply" or "Update", got ${JSON.stringify(operation)}`,
      );
    if (fieldsType !== undefined && fieldsType !== 'FieldsV1')
      throw apiErrors.badRequest(`${at}.fieldsType: must be "FieldsV1", got ${JSON.stringify(fieldsType)}`);
    let fields: FieldSet;
    try {
      fields = fromFieldsV1(fieldsV1 ?? {}, `${at}.fieldsV1`);
    } catch (err) {
      throw apiErrors.badRequest((err as Error).message);
    }
    return {
      manager: typeof manager === 'string' ? manager : '',
      operation,
      apiVersion: typeof apiVersion === 'string' ? apiVersion : '',
      ...(typeof time === 'string' ? { time } : {}),
      ...(typeof subresource === 'string' && subresource !== '' ? { subresource } : {}),
      fields,
    };
  });
}

/** Entries in Kubernetes' order: Apply before Update, then by time, manager, apiVersion and subresource. */
export function encodeManagedFields(managers: readonly Manager[]): ManagedFieldsEntry[] {
  const seconds = (t?: string) => (t ? Math.floor(Date.parse(t) / 1000) : 0);
  const order = (a: Manager, b: Manager) =>
    compare(a.operation, b.operation) ||
    seconds(a.time) - seconds(b.time) ||
    compare(a.manager, b.manager) ||
    compare(a.apiVersion, b.apiVersion) ||
    compare(a.subresource ?? '', b.subresource ?? '');
  return managers
    .filter((m) => !m.fields.isEmpty())
    .sort(order)
    .map((m) => ({
      manager: m.manager,
      operation: m.operation,
      apiVersion: m.apiVersion,
      ...(m.time ? { time: m.time } : {}),
      fieldsType: 'FieldsV1',
      fieldsV1: toFieldsV1(m.fields),
      ...(m.subresource ? { subresource: m.subresource } : {}),
    }));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The `[{}]` a client sends to clear managedFields. */
export function isResetManagedFields(raw: unknown): boolean {
  return Array.isArray(raw) && raw.length === 1 && isPlainObject(raw[0]) && Object.keys(raw[0]).length === 0;
}

const FIELD_MANAGER_MAX_LENGTH = 128;

/**
 * The manager a write is recorded under: the fieldManager query parameter, else what the User-Agent says
 * before its first `/` (`kubectl/v1.32.0 (linux/amd64)` → `kubectl`), as the apiserver does.
 */
export function fieldManagerOf(query: URLSearchParams, userAgent: string | undefined): string {
  const explicit = query.get('fieldManager');
  if (explicit !== null && explicit !== '') {
    if (explicit.length > FIELD_MANAGER_MAX_LENGTH)
      throw apiErrors.badRequest(
        `fieldManager: must be at most ${FIELD_MANAGER_MAX_LENGTH} characters, got ${explicit.length}`,
      );
    if (!/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]*$/u.test(explicit))
      throw apiErrors.badRequest('fieldManager: must contain only printable characters');
    return explicit;
  }
  const prefix = (userAgent ?? '').split('/')[0]!;
  return [...prefix]
    .filter((c) => /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(c))
    .join('')
    .slice(0, FIELD_MANAGER_MAX_LENGTH);
}
