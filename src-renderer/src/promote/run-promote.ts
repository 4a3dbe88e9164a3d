import type { KubeObject } from '@shared/api-types';
import { namespaceType, objectPath } from '@shared/resource-types';
import { ApiRequestError, type ApiClient } from '../api/api-client';
import { planItem, promotePath, type PromoteItem } from './plan-promote';

/** The field manager promote applies as, so a later promote (or `kubectl apply --server-side`) sees its fields. */
export const PROMOTE_FIELD_MANAGER = 'skiff';

export interface ReviewedItem extends PromoteItem {
  manifest: KubeObject;
  /** The target's refusal of the dry run (a validation error, a missing CRD), in its own words. */
  error?: string;
}

async function getOrNothing(client: ApiClient, path: string): Promise<KubeObject | undefined> {
  try {
    return await client.get(path);
  } catch (err) {
    if (err instanceof ApiRequestError && err.code === 404) return undefined;
    throw err;
  }
}

const namespaceManifest = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name },
});

/**
 * Asks the target what applying each manifest would do: a server-side dry-run apply (`dryRun=All`) next to a
 * read of what is there. A namespace the target lacks is planned first; the objects in it are then shown as
 * they were sent, since the target cannot dry-run into a namespace it does not have yet.
 */
export async function reviewPromote(
  target: ApiClient,
  namespace: string,
  manifests: KubeObject[],
): Promise<ReviewedItem[]> {
  const items: ReviewedItem[] = [];
  const namespacePath = objectPath(namespaceType, namespace);
  const hasNamespace = (await getOrNothing(target, namespacePath)) !== undefined;
  const all = hasNamespace ? manifests : [namespaceManifest(namespace), ...manifests];
  for (const manifest of all) {
    const path = promotePath(manifest, namespace);
    const inMissingNamespace = !hasNamespace && manifest.kind !== 'Namespace';
    try {
      const existing = inMissingNamespace ? undefined : await getOrNothing(target, path);
      const dryRun = inMissingNamespace
        ? manifest
        : await target.applyAs<KubeObject>(path, manifest, {
            fieldManager: PROMOTE_FIELD_MANAGER,
            dryRun: true,
          });
      items.push({ ...planItem(manifest, existing, dryRun), manifest });
    } catch (err) {
      items.push({
        kind: manifest.kind,
        name: manifest.metadata.name ?? '',
        action: 'create',
        fields: [],
        diff: [],
        manifest,
        error: (err as Error).message,
      });
    }
  }
  return items;
}

export interface AppliedItem {
  kind: string;
  name: string;
  error?: string;
}

/** Applies the reviewed manifests in order under the `skiff` field manager; one refusal does not stop the rest. */
export async function applyPromote(
  target: ApiClient,
  namespace: string,
  items: ReviewedItem[],
): Promise<AppliedItem[]> {
  const results: AppliedItem[] = [];
  for (const item of items) {
    if (item.action === 'unchanged') {
      results.push({ kind: item.kind, name: item.name });
      continue;
    }
    try {
      await target.applyAs(promotePath(item.manifest, namespace), item.manifest, {
        fieldManager: PROMOTE_FIELD_MANAGER,
      });
      results.push({ kind: item.kind, name: item.name });
    } catch (err) {
      results.push({ kind: item.kind, name: item.name, error: (err as Error).message });
    }
  }
  return results;
}
