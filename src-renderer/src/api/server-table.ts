import type { ObjectMeta } from '@shared/api-types';

/** A meta.k8s.io/v1 Table, as the server prints a kind for `kubectl get` (priority 1 columns are `-o wide`'s). */
export interface ServerTable {
  kind: 'Table';
  apiVersion: string;
  metadata: { resourceVersion?: string };
  columnDefinitions: TableColumn[];
  rows: Array<{ cells: unknown[]; object?: { metadata?: ObjectMeta } }>;
}

export interface TableColumn {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}
