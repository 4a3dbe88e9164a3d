import type { Status } from '@shared/api-types';

/**
 * One key of a ConfigMap or Secret being edited. `value` is the text to save; for a Secret it stays undefined
 * while the user has not typed a new value, and `stored` keeps the base64 the server sent.
 */
export interface DraftEntry {
  id: number;
  key: string;
  value?: string;
  stored?: string;
}

let nextId = 1;
export const newEntry = (key = '', value = ''): DraftEntry => ({ id: nextId++, key, value });

/** A ConfigMap's data as entries in key order, each value editable. */
export function entriesOfConfigMap(data: Record<string, string> | undefined): DraftEntry[] {
  return Object.keys(data ?? {})
    .sort()
    .map((key) => newEntry(key, data![key]));
}

/** A Secret's data as entries in key order, values left as stored until replaced. */
export function entriesOfSecret(data: Record<string, string> | undefined): DraftEntry[] {
  return Object.keys(data ?? {})
    .sort()
    .map((key) => ({ id: nextId++, key, stored: data![key] }));
}

export function configMapData(entries: DraftEntry[]): Record<string, string> {
  return Object.fromEntries(entries.map((e) => [e.key, e.value ?? '']));
}

/** A Secret's data for the API: replaced and new values base64-encoded, the others as they were stored. */
export function secretData(entries: DraftEntry[]): Record<string, string> {
  return Object.fromEntries(
    entries.map((e) => [e.key, e.value !== undefined ? encodeBase64(e.value) : (e.stored ?? '')]),
  );
}

export function encodeBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** A stored value as text, or undefined when it is not UTF-8 (binary data is not edited as text). */
export function decodeBase64(value: string): string | undefined {
  const bytes = Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** What is wrong with a key, in words that say the fix; undefined when it is fine. Never mentions a value. */
export function keyProblem(key: string, otherKeys: readonly string[] = []): string | undefined {
  if (key === '') return 'Key is required';
  if (key.length > 253) return `Key is ${key.length} characters long; use at most 253`;
  if (!CONFIG_KEY.test(key) || key === '.' || key === '..')
    return `Key "${key}": use only letters, digits, '-', '_' or '.' (e.g. 'key.name')`;
  if (otherKeys.includes(key)) return `Key "${key}" is already there; use each key once`;
  return undefined;
}

/** Problems of each entry's key by entry id (empty when all are fine). */
export function draftProblems(entries: DraftEntry[]): Map<number, string> {
  const problems = new Map<number, string>();
  entries.forEach((entry, i) => {
    const before = entries.slice(0, i).map((e) => e.key);
    const problem = keyProblem(entry.key, before);
    if (problem) problems.set(entry.id, problem);
  });
  return problems;
}

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** What is wrong with a new ConfigMap's or Secret's name (a DNS-1123 subdomain), or undefined. */
export function nameProblem(name: string): string | undefined {
  if (name === '') return 'Name is required';
  if (name.length > 253) return `Name is ${name.length} characters long; use at most 253`;
  if (!SUBDOMAIN.test(name))
    return `Name "${name}": use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit (e.g. 'app-config')`;
  return undefined;
}

/** Why a save failed, where to show it, and whether the object changed on the server meanwhile. */
export interface SaveFailure {
  message: string;
  /** Messages for single keys, from causes whose field is `data[key]`. */
  byKey: Record<string, string>;
  conflict: boolean;
}

export function explainSaveFailure(code: number, status: Status | undefined, what: string): SaveFailure {
  if (code === 409 && status?.reason !== 'AlreadyExists') {
    return {
      message: `${what} changed since you opened it. Reload to see its current values, then make your change again.`,
      byKey: {},
      conflict: true,
    };
  }
  const byKey: Record<string, string> = {};
  for (const cause of status?.details?.causes ?? []) {
    const key = /^(?:data|stringData|binaryData)\[(.*)\]$/.exec(cause.field ?? '')?.[1];
    if (key !== undefined) byKey[key] = `${cause.field}: ${cause.message}`;
  }
  return { message: status?.message ?? `Saving ${what} failed (HTTP ${code})`, byKey, conflict: false };
}

/**
 * Whether `live` is a later version than `opened`. Skiff's resourceVersions are one increasing counter; an
 * unreadable one counts as newer only when it differs, which is all Kubernetes promises.
 */
export function isNewerVersion(live: string | undefined, opened: string | undefined): boolean {
  if (live === opened || live === undefined) return false;
  if (opened === undefined) return true;
  if (/^\d+$/.test(live) && /^\d+$/.test(opened)) return BigInt(live) > BigInt(opened);
  return true;
}
