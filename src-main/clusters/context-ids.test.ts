import { describe, expect, it } from 'vitest';
import { CLUSTER_ID_PATTERN } from '../shared/cluster-contexts';
import { contextId } from './context-ids';

describe('contextId', () => {
  it.each([
    ['kind-dev', 'kind-dev'],
    ['prod', 'prod'],
    ['a1', 'a1'],
  ])('keeps a name that already is an id: %s', (name, id) => expect(contextId(name)).toBe(id));

  it.each([
    [
      'arn:aws:eks:us-east-1:123456789012:cluster/prod',
      /^arn-aws-eks-us-east-1-123456789012-cluster-prod-[0-9a-f]{6}$/,
    ],
    ['gke_my-project_europe-west1_main', /^gke-my-project-europe-west1-main-[0-9a-f]{6}$/],
    ['Docker-Desktop', /^docker-desktop-[0-9a-f]{6}$/],
    ['local', /^local-[0-9a-f]{6}$/],
    ['-x-', /^x-[0-9a-f]{6}$/],
    ['☃', /^context-[0-9a-f]{6}$/],
    ['x'.repeat(80), /^x{48}-[0-9a-f]{6}$/],
  ])('slugs %s with a hash of the name', (name, pattern) => {
    const id = contextId(name);
    expect(id).toMatch(pattern);
    expect(id).toMatch(CLUSTER_ID_PATTERN);
    expect(contextId(name)).toBe(id);
  });

  it('gives names that slug alike different ids', () => {
    expect(contextId('a_b')).not.toBe(contextId('a.b'));
    expect(contextId('A-b')).not.toBe('a-b');
  });
});
