import { describe, expect, it } from 'vitest';
import type { KubeList, KubeObject } from '@shared/api-types';
import { ApiRequestError } from './api-client';
import { listInPages } from './list-pages';

const pod = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name } });

/** A fake server holding `count` pods at resourceVersion 42, paging them as Kubernetes does. */
function server(count: number, options: { expireFirstToken?: boolean } = {}) {
  const asked: string[] = [];
  let expire = options.expireFirstToken ?? false;
  const list = <T extends KubeObject>(path: string): Promise<KubeList<T>> => {
    asked.push(path);
    const query = new URLSearchParams(path.split('?')[1]);
    const limit = Number(query.get('limit'));
    const from = Number(query.get('continue') ?? 0);
    if (query.get('continue') && expire) {
      expire = false;
      return Promise.reject(new ApiRequestError(410));
    }
    const items = Array.from({ length: Math.min(limit, count - from) }, (_, i) => pod(`p${from + i}`));
    const next = from + items.length < count ? String(from + items.length) : undefined;
    return Promise.resolve({
      apiVersion: 'v1',
      kind: 'PodList',
      metadata: { resourceVersion: '42', ...(next ? { continue: next } : {}) },
      items: items as T[],
    });
  };
  return { list, asked };
}

describe('listInPages', () => {
  it.each([
    { count: 0, limit: 500, requests: 1 },
    { count: 499, limit: 500, requests: 1 },
    { count: 500, limit: 500, requests: 1 },
    { count: 501, limit: 500, requests: 2 },
    { count: 5000, limit: 500, requests: 10 },
    { count: 7, limit: 3, requests: 3 },
  ])('$count objects in pages of $limit take $requests requests', async ({ count, limit, requests }) => {
    const fake = server(count);
    const list = await listInPages(fake, '/api/v1/pods', limit);
    expect(list.items.map((p) => p.metadata.name)).toEqual(Array.from({ length: count }, (_, i) => `p${i}`));
    expect(fake.asked).toHaveLength(requests);
    // the watch resumes from the snapshot every page came from; no continue token is left on the result
    expect(list.metadata).toEqual({ resourceVersion: '42' });
  });

  it('asks with limit, then limit and the continue token', async () => {
    const fake = server(3);
    await listInPages(fake, '/api/v1/pods', 2);
    expect(fake.asked).toEqual(['/api/v1/pods?limit=2', '/api/v1/pods?limit=2&continue=2']);
  });

  it('keeps a query the path already has', async () => {
    const fake = server(1);
    await listInPages(fake, '/api/v1/pods?labelSelector=app%3Dweb', 2);
    expect(fake.asked).toEqual(['/api/v1/pods?labelSelector=app%3Dweb&limit=2']);
  });

  it('starts over once when a continue token has expired (410)', async () => {
    const fake = server(5, { expireFirstToken: true });
    const list = await listInPages(fake, '/api/v1/pods', 2);
    expect(list.items).toHaveLength(5);
    expect(fake.asked[2]).toBe('/api/v1/pods?limit=2');
  });

  it('passes on any other failure', async () => {
    const list = () => Promise.reject(new ApiRequestError(403));
    await expect(listInPages({ list }, '/api/v1/pods')).rejects.toMatchObject({ code: 403 });
  });
});
