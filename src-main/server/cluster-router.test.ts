import { describe, expect, it } from 'vitest';
import { clusterTarget } from './cluster-router';

describe('clusterTarget', () => {
  it.each([
    ['/api/v1/pods', undefined],
    ['/clustersx/a/api', undefined],
    ['/clusters/kind-dev/api/v1/pods', { id: 'kind-dev', rest: '/api/v1/pods' }],
    [
      '/clusters/kind-dev/api/v1/pods?watch=1&labelSelector=a%3Db',
      { id: 'kind-dev', rest: '/api/v1/pods?watch=1&labelSelector=a%3Db' },
    ],
    ['/clusters/kind-dev', { id: 'kind-dev', rest: '/' }],
    ['/clusters/kind-dev?x=1', { id: 'kind-dev', rest: '/?x=1' }],
    [
      '/clusters/c/api/v1/namespaces/default/configmaps/..',
      { id: 'c', rest: '/api/v1/namespaces/default/configmaps/..' },
    ],
    ['/clusters/c/api/v1/namespaces/%2E%2E/pods', { id: 'c', rest: '/api/v1/namespaces/%2E%2E/pods' }],
    ['https://127.0.0.1:1/clusters/c/version', { id: 'c', rest: '/version' }],
  ])('%s → %j', (raw, target) => {
    expect(clusterTarget(raw)).toEqual(target);
  });

  it.each(['/clusters/Kind/api', '/clusters/%2E%2E/api', '/clusters//api', '/clusters/a_b'])(
    'refuses the id in %s (400)',
    (raw) => {
      expect(() => clusterTarget(raw)).toThrow(/cluster id/);
    },
  );
});
