import type { KubeList, KubeObject } from '@shared/api-types';
import { ApiRequestError, type ApiClient } from './api-client';

/** Objects per page: a large cluster's pods come in pieces the server and the renderer handle without a stall. */
export const LIST_PAGE_SIZE = 500;

function pagePath(path: string, limit: number, token: string | undefined): string {
  const query = new URLSearchParams({ limit: String(limit) });
  if (token) query.set('continue', token);
  return `${path}${path.includes('?') ? '&' : '?'}${query}`;
}

/**
 * A whole collection, fetched `limit` objects at a time with Kubernetes' `continue` tokens. Every page is served
 * from the first page's snapshot, so the result carries that resourceVersion and a watch resumes from it. An
 * expired token (410, the snapshot compacted away mid-list) starts the list over once.
 */
export async function listInPages<T extends KubeObject>(
  client: Pick<ApiClient, 'list'>,
  path: string,
  limit = LIST_PAGE_SIZE,
): Promise<KubeList<T>> {
  for (let attempt = 0; ; attempt++) {
    try {
      const first = await client.list<T>(pagePath(path, limit, undefined));
      const items = [...first.items];
      let token = first.metadata.continue;
      while (token) {
        const page = await client.list<T>(pagePath(path, limit, token));
        items.push(...page.items);
        token = page.metadata.continue;
      }
      const { continue: _done, ...metadata } = first.metadata;
      return { ...first, metadata, items };
    } catch (err) {
      if (attempt === 0 && err instanceof ApiRequestError && err.code === 410) continue;
      throw err;
    }
  }
}
