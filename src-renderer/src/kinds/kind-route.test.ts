import { describe, expect, it } from 'vitest';
import { isKindsRoute, kindPath, objectRoutePath, parseKindRoute } from './kind-route';

describe('kind routes', () => {
  const crd = { group: 'stable.example.com', version: 'v1', plural: 'crontabs' };
  const core = { group: '', version: 'v1', plural: 'serviceaccounts' };

  it('round-trips a kind and an object, core as "core", cluster-scoped as "-"', () => {
    expect(kindPath(core)).toBe('/kinds/core/v1/serviceaccounts');
    expect(parseKindRoute(kindPath(crd))).toEqual({ kind: crd });
    const path = objectRoutePath(crd, { namespace: 'team a', name: 'nightly' });
    expect(path).toBe('/kinds/stable.example.com/v1/crontabs/team%20a/nightly');
    expect(parseKindRoute(path)).toEqual({ kind: crd, object: { namespace: 'team a', name: 'nightly' } });
    const cluster = { group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'clusterroles' };
    expect(parseKindRoute(objectRoutePath(cluster, { name: 'system:view' }))).toEqual({
      kind: cluster,
      object: { name: 'system:view' },
    });
  });

  it('the section root, partial and foreign paths have no kind', () => {
    expect(parseKindRoute('/kinds')).toEqual({});
    expect(parseKindRoute('/kinds/apps')).toEqual({});
    expect(parseKindRoute('/kinds/core/v1/pods/%E0%A4%A')).toEqual({});
    expect(parseKindRoute('/pods')).toEqual({});
    expect(isKindsRoute('/kinds/core/v1/pods')).toBe(true);
    expect(isKindsRoute('/kindsx')).toBe(false);
  });
});
