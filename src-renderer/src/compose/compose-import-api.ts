import type { KubeObject } from '@shared/api-types';
import type { ApiClient } from '../api/api-client';

export interface ComposeNote {
  level: 'mapped' | 'changed' | 'dropped';
  field: string;
  text: string;
}

export interface ImportResult {
  kind: string;
  name: string;
  outcome: 'valid' | 'created' | 'exists' | 'refused';
  message?: string;
}

export interface ComposeImport {
  project: string;
  objects: KubeObject[];
  notes: ComposeNote[];
  results: ImportResult[];
}

/** POST the Compose file to Skiff's import: a preview (dryRun) or the real thing. */
export function importCompose(
  client: ApiClient,
  namespace: string,
  compose: string,
  dryRun: boolean,
): Promise<ComposeImport> {
  const path = `/apis/ui.skiff.io/v1/namespaces/${encodeURIComponent(namespace)}/composeimports${dryRun ? '?dryRun=All' : ''}`;
  return client.create(path, { compose } as unknown as KubeObject) as unknown as Promise<ComposeImport>;
}
