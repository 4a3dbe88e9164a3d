import type { IncomingMessage } from 'node:http';
import type { KubeObject, WatchEvent } from '../shared/api-types';
import type { ResourceType } from '../shared/resource-types';
import { columnsFor } from './table-columns';
import { POLICY_COLUMNS } from './policy-columns';
import { ADMISSION_COLUMNS } from './admission-columns';

// Server-side printing, as the apiserver serves it for `kubectl get`: a meta.k8s.io Table with the kind's own
// columns (priority 1 columns are what `-o wide` adds), each row carrying the object, its metadata or nothing.

export interface Table {
  kind: 'Table';
  apiVersion: string;
  metadata: { resourceVersion?: string; continue?: string };
  columnDefinitions: Array<{
    name: string;
    type: string;
    format: string;
    description: string;
    priority: number;
  }>;
  rows: Array<{ cells: unknown[]; object?: unknown }>;
}

/** The Table version the client asked for in Accept (kubectl asks for v1, then v1beta1, then plain JSON). */
export function requestedTableVersion(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.accept ?? '').split(',')) {
    const params = new Map(
      part
        .split(';')
        .slice(1)
        .map((p) => p.trim().split('=') as [string, string]),
    );
    if (params.get('as') === 'Table' && params.get('g') === 'meta.k8s.io') {
      const version = params.get('v');
      if (version === 'v1' || version === 'v1beta1') return version;
    }
  }
  return undefined;
}

type IncludeObject = 'None' | 'Metadata' | 'Object';

function rowObject(obj: KubeObject, include: IncludeObject, tableVersion: string): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${tableVersion}`, metadata: obj.metadata };
}

export function includeObjectOf(query: URLSearchParams): IncludeObject {
  const value = query.get('includeObject');
  return value === 'None' || value === 'Object' ? value : 'Metadata';
}

export function toTable(
  type: ResourceType,
  objects: KubeObject[],
  options: { tableVersion: string; include: IncludeObject; now: number; resourceVersion?: string },
): Table {
  const columns =
    ADMISSION_COLUMNS[`${type.group}/${type.kind}`] ?? POLICY_COLUMNS[type.kind] ?? columnsFor(type);
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${options.tableVersion}`,
    metadata: options.resourceVersion ? { resourceVersion: options.resourceVersion } : {},
    columnDefinitions: columns.map((c) => ({
      name: c.name,
      type: c.type ?? 'string',
      format: c.format ?? (c.name === 'Name' ? 'name' : ''),
      description: c.description ?? '',
      priority: c.priority ?? 0,
    })),
    rows: objects.map((obj) => {
      const object = rowObject(obj, options.include, options.tableVersion);
      return { cells: columns.map((c) => c.cell(obj, options.now)), ...(object ? { object } : {}) };
    }),
  };
}

/** A watch event whose object is a one-row Table, as the apiserver sends to a watch that asked for Tables. */
export function tableEvent(
  type: ResourceType,
  event: WatchEvent,
  options: { tableVersion: string; include: IncludeObject },
): WatchEvent {
  if (event.type === 'ERROR' || event.type === 'BOOKMARK') return event;
  return {
    type: event.type,
    object: toTable(type, [event.object as KubeObject], { ...options, now: Date.now() }) as never,
  };
}
