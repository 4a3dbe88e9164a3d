import { describe, expect, it } from 'vitest';
import { discoveredKinds, kindsByGroup, preferredGroupVersions } from './discovered-kinds';

const verbs = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

describe('discoveredKinds', () => {
  const kinds = discoveredKinds([
    {
      groupVersion: 'v1',
      resources: [
        { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs, shortNames: ['po'] },
        { name: 'pods/status', namespaced: true, kind: 'Pod', verbs: ['get', 'patch', 'update'] },
        { name: 'pods/log', namespaced: true, kind: 'Pod', verbs: ['get'] },
        { name: 'bindings', namespaced: true, kind: 'Binding', verbs: ['create'] },
      ],
    },
    {
      groupVersion: 'stable.example.com/v1',
      resources: [{ name: 'crontabs', singularName: '', namespaced: true, kind: 'CronTab', verbs }],
    },
    {
      groupVersion: 'networking.k8s.io/v1',
      resources: [
        {
          name: 'ingressclasses',
          singularName: 'ingressclass',
          namespaced: false,
          kind: 'IngressClass',
          verbs,
        },
      ],
    },
  ]);

  it('keeps listable kinds, not subresources or create-only kinds', () => {
    expect(kinds.map((k) => k.kind)).toEqual(['Pod', 'CronTab', 'IngressClass']);
  });

  it('splits group and version, knows a status subresource, fills a missing singular name', () => {
    expect(kinds[0]).toMatchObject({
      group: '',
      version: 'v1',
      plural: 'pods',
      hasStatus: true,
      shortNames: ['po'],
    });
    expect(kinds[1]).toMatchObject({
      group: 'stable.example.com',
      version: 'v1',
      singular: 'crontab',
      hasStatus: false,
    });
    expect(kinds[2]).toMatchObject({ namespaced: false });
  });

  it('groups core first, then groups by name', () => {
    expect(kindsByGroup(kinds).map((g) => g.group)).toEqual(['', 'networking.k8s.io', 'stable.example.com']);
  });
});

describe('preferredGroupVersions', () => {
  it('reads each group at its preferred version, else its first', () => {
    expect(
      preferredGroupVersions({
        groups: [
          {
            name: 'autoscaling',
            versions: [
              { groupVersion: 'autoscaling/v2', version: 'v2' },
              { groupVersion: 'autoscaling/v1', version: 'v1' },
            ],
            preferredVersion: { groupVersion: 'autoscaling/v2', version: 'v2' },
          },
          { name: 'x.io', versions: [{ groupVersion: 'x.io/v1beta1', version: 'v1beta1' }] },
          { name: 'empty', versions: [] },
        ],
      }),
    ).toEqual(['autoscaling/v2', 'x.io/v1beta1']);
  });
});
