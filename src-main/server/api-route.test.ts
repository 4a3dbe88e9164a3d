import { describe, expect, it } from 'vitest';
import { createKindRegistry } from '../app/kinds';
import { routeApiPath } from './api-route';

const kinds = createKindRegistry();
const route = (path: string) => {
  const r = routeApiPath(path, kinds);
  return r.kind === 'resource'
    ? { plural: r.strategy.type.plural, namespace: r.namespace, name: r.name, subresource: r.subresource }
    : r.kind;
};

describe('routeApiPath', () => {
  it.each([
    ['/api', 'discovery'],
    ['/api/v1', 'discovery'],
    ['/apis', 'discovery'],
    ['/apis/apps/v1', 'discovery'],
    [
      '/api/v1/namespaces',
      { plural: 'namespaces', namespace: undefined, name: undefined, subresource: undefined },
    ],
    [
      '/api/v1/namespaces/team',
      { plural: 'namespaces', namespace: undefined, name: 'team', subresource: undefined },
    ],
    [
      '/api/v1/namespaces/team/finalize',
      { plural: 'namespaces', namespace: undefined, name: 'team', subresource: 'finalize' },
    ],
    [
      '/api/v1/namespaces/team/configmaps',
      { plural: 'configmaps', namespace: 'team', name: undefined, subresource: undefined },
    ],
    [
      '/api/v1/namespaces/team/configmaps/app',
      { plural: 'configmaps', namespace: 'team', name: 'app', subresource: undefined },
    ],
    [
      '/api/v1/configmaps',
      { plural: 'configmaps', namespace: undefined, name: undefined, subresource: undefined },
    ],
    ['/api/v1/namespaces/team/widgets', 'not-found'],
    ['/api/v1/widgets', 'not-found'],
    ['/api/v2/namespaces', 'not-found'],
    ['/api/v1/namespaces/team/configmaps/app/status/extra', 'not-found'],
    ['/nonsense', 'not-found'],
  ])('%s', (path, expected) => expect(route(path)).toEqual(expected));
});
