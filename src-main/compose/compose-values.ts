import type { ComposeNote } from './compose-types';

/** Small readers of Compose's loose value shapes, shared by the converters. */

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

export const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

/** A DNS-1035 label from a Compose name (`my_db.1` → `my-db-1`); Compose allows `_`, `.` and capitals. */
export function kubeName(name: string): string {
  let n = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!/^[a-z]/.test(n)) n = `c-${n}`;
  return n.slice(0, 63).replace(/-+$/, '');
}

/** `KEY=value` lists and `{KEY: value}` maps (both Compose forms) as ordered pairs; a bare `KEY` has no value. */
export function pairs(value: unknown): Array<[string, string | undefined]> {
  if (Array.isArray(value))
    return value.map((item) => {
      const text = String(item);
      const eq = text.indexOf('=');
      return eq < 0 ? [text, undefined] : [text.slice(0, eq), text.slice(eq + 1)];
    });
  if (isObj(value)) return Object.entries(value).map(([k, v]) => [k, v === null ? undefined : str(v)]);
  return [];
}

/** Compose's `.env`/env_file format: `KEY=VALUE` lines, `#` comments, optional `export `, quoted values. */
export function parseEnvFile(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([^=\s]+)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2]!;
    const q = value[0];
    if ((q === '"' || q === "'") && value.endsWith(q) && value.length >= 2) {
      value = value.slice(1, -1);
      if (q === '"') value = value.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
    } else value = value.replace(/\s+#.*$/, '');
    out.push([m[1]!, value]);
  }
  return out;
}

/** Compose byte sizes (`512m`, `1g`, `100k`, `2048`, `1.5gb`) as a Kubernetes quantity. */
export function memoryQuantity(value: unknown): string | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([bkmg]?)b?$/i.exec(String(value ?? '').trim());
  if (!m) return undefined;
  const unit = { '': '', b: '', k: 'Ki', m: 'Mi', g: 'Gi' }[m[2]!.toLowerCase()] ?? '';
  const n = Number(m[1]);
  return Number.isInteger(n) ? `${n}${unit}` : undefined;
}

/** Compose `cpus: 0.5` as `500m`. */
export function cpuQuantity(value: unknown): string | undefined {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? `${Math.round(n * 1000)}m` : undefined;
}

/** Collects notes for one Compose path prefix. */
export class Notes {
  constructor(readonly list: ComposeNote[] = []) {}
  mapped(field: string, text: string): void {
    this.list.push({ level: 'mapped', field, text });
  }
  changed(field: string, text: string): void {
    this.list.push({ level: 'changed', field, text });
  }
  dropped(field: string, text: string): void {
    this.list.push({ level: 'dropped', field, text });
  }
}
