import { describe, expect, it } from 'vitest';
import { strategicMerge } from './strategic-merge-patch';

const deployment = {
  metadata: { labels: { app: 'web' }, finalizers: ['a'] },
  spec: {
    template: {
      spec: {
        containers: [
          {
            name: 'web',
            image: 'web:v1',
            env: [{ name: 'A', value: '1' }],
            ports: [{ containerPort: 80, name: 'http' }],
          },
          { name: 'side', image: 'side:v1' },
        ],
      },
    },
  },
};

describe('strategic merge patch', () => {
  it('merges containers by name, as `kubectl set image` sends it', () => {
    const patched = strategicMerge(deployment, {
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'web' }, { name: 'side' }],
            containers: [{ image: 'web:v2', name: 'web' }],
          },
        },
      },
    } as never) as any;
    expect(patched.spec.template.spec.containers).toEqual([
      {
        name: 'web',
        image: 'web:v2',
        env: [{ name: 'A', value: '1' }],
        ports: [{ containerPort: 80, name: 'http' }],
      },
      { name: 'side', image: 'side:v1' },
    ]);
  });

  it('adds an annotation, as `kubectl rollout restart` does, leaving the rest', () => {
    const patched = strategicMerge(deployment, {
      spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': 'now' } } } },
    }) as any;
    expect(patched.spec.template.metadata.annotations).toEqual({
      'kubectl.kubernetes.io/restartedAt': 'now',
    });
    expect(patched.spec.template.spec.containers).toHaveLength(2);
  });

  it('deletes list items and map keys, and merges primitive finalizers as a set', () => {
    const patched = strategicMerge(deployment, {
      metadata: { labels: { app: null, tier: 'front' }, finalizers: ['b', 'a'] },
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'side', $patch: 'delete' },
              { name: 'web', env: [{ name: 'B', value: '2' }] },
            ],
          },
        },
      },
    }) as any;
    expect(patched.metadata).toEqual({ labels: { tier: 'front' }, finalizers: ['a', 'b'] });
    expect(patched.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['web']);
    expect(patched.spec.template.spec.containers[0].env).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
    ]);
  });

  it('replaces lists without a merge key, and honours $deleteFromPrimitiveList', () => {
    const target = { spec: { args: ['a', 'b'], finalizers: ['x', 'y'] } };
    expect(
      strategicMerge(target, { spec: { args: ['c'], '$deleteFromPrimitiveList/finalizers': ['x'] } }),
    ).toEqual({ spec: { args: ['c'], finalizers: ['y'] } });
  });
});
