import type { KubeObject } from '../shared/api-types';
import type { PrinterColumn } from '../shared/resource-types';

// Table columns of a custom resource from its CRD's additionalPrinterColumns, as apiextensions-apiserver's
// tableconvertor builds them: Name first, then each column (a CRD that lists none gets Age), each cell the
// first result of the column's JSONPath as its type says (a date as an age, a missing value as null, which
// kubectl prints as <none>).

export type Cell = string | number | boolean | null;

export interface CustomColumn {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
  cell: (obj: KubeObject, now: number) => Cell;
}

const DEFAULT_COLUMNS: PrinterColumn[] = [
  {
    name: 'Age',
    type: 'date',
    jsonPath: '.metadata.creationTimestamp',
    description:
      'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
  },
];

type Step = { key: string } | { index: number } | { all: true } | { filter: string; equals: unknown };

/** Parses the simple JSONPath CRD columns use: `.a.b`, `[0]`, `[*]`, `['a.b']`, `[?(@.type=="Ready")]`. */
export function parseJsonPath(path: string): Step[] {
  let text = path.trim();
  if (text.startsWith('{') && text.endsWith('}')) text = text.slice(1, -1);
  const steps: Step[] = [];
  const token =
    /\.([^.[\]]+)|\[\s*(\d+)\s*\]|\[\s*\*\s*\]|\[\s*'([^']*)'\s*\]|\[\s*\?\(@\.([\w.-]+)\s*==\s*("[^"]*"|'[^']*'|[^)\s]+)\s*\)\s*\]/y;
  let at = 0;
  while (at < text.length) {
    token.lastIndex = at;
    const m = token.exec(text);
    if (!m) return [];
    at = token.lastIndex;
    if (m[1] !== undefined) steps.push({ key: m[1] });
    else if (m[2] !== undefined) steps.push({ index: Number(m[2]) });
    else if (m[3] !== undefined) steps.push({ key: m[3] });
    else if (m[4] !== undefined) {
      const raw = m[5]!;
      const equals = /^["']/.test(raw)
        ? raw.slice(1, -1)
        : raw === 'true'
          ? true
          : raw === 'false'
            ? false
            : Number(raw);
      steps.push({ filter: m[4], equals });
    } else steps.push({ all: true });
  }
  return steps;
}

function dig(value: unknown, dotted: string): unknown {
  let node = value;
  for (const key of dotted.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export function evaluateJsonPath(root: unknown, steps: Step[]): unknown[] {
  let current: unknown[] = [root];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const node of current) {
      if ('key' in step) {
        if (typeof node === 'object' && node !== null && !Array.isArray(node) && step.key in node)
          next.push((node as Record<string, unknown>)[step.key]);
      } else if ('index' in step) {
        if (Array.isArray(node) && step.index < node.length) next.push(node[step.index]);
      } else if ('all' in step) {
        if (Array.isArray(node)) next.push(...node);
        else if (typeof node === 'object' && node !== null) next.push(...Object.values(node));
      } else if (Array.isArray(node)) {
        next.push(...node.filter((item) => dig(item, step.filter) === step.equals));
      }
    }
    current = next;
  }
  return current;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function cellOf(type: string, value: unknown, now: number, humanDuration: (ms: number) => string): Cell {
  if (value === undefined || value === null) return null;
  switch (type) {
    case 'string':
      return text(value);
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date': {
      if (typeof value !== 'string') return null;
      const time = Date.parse(value);
      return Number.isNaN(time) ? '<invalid>' : humanDuration(now - time);
    }
    default:
      return null;
  }
}

export function customResourceColumns(
  columns: PrinterColumn[],
  humanDuration: (ms: number) => string,
): CustomColumn[] {
  const name: CustomColumn = {
    name: 'Name',
    type: 'string',
    format: 'name',
    description:
      'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
    priority: 0,
    cell: (o) => o.metadata.name ?? '',
  };
  return [
    name,
    ...(columns.length > 0 ? columns : DEFAULT_COLUMNS).map((c) => {
      const steps = parseJsonPath(c.jsonPath);
      return {
        name: c.name,
        type: c.type,
        format: c.format ?? '',
        description: c.description ?? `Custom resource definition column (in JSONPath format): ${c.jsonPath}`,
        priority: c.priority ?? 0,
        cell: (o: KubeObject, now: number) =>
          cellOf(c.type, evaluateJsonPath(o, steps)[0], now, humanDuration),
      };
    }),
  ];
}
