import { describe, expect, it } from 'vitest';
import { createKindRegistry } from '../store/all-kinds';
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

  it.each([
    ['/api/v1/namespaces/team/configmaps/..', `Name parameter invalid: "..": may not be '..'`],
    ['/api/v1/namespaces/team/configmaps/%2E%2E', `Name parameter invalid: "..": may not be '..'`],
    ['/api/v1/namespaces/team/configmaps/.', `Name parameter invalid: ".": may not be '.'`],
    ['/api/v1/namespaces/team/configmaps/%2e', `Name parameter invalid: ".": may not be '.'`],
    ['/api/v1/namespaces/team/configmaps/a%2Fb', `Name parameter invalid: "a/b": may not contain '/'`],
    ['/api/v1/namespaces/team/configmaps/a%25b', `Name parameter invalid: "a%b": may not contain '%'`],
    ['/api/v1/namespaces/..', `Name parameter invalid: "..": may not be '..'`],
    ['/api/v1/namespaces/../configmaps/app', `Namespace parameter invalid: "..": may not be '..'`],
    ['/apis/apps/v1/namespaces/team/deployments/../scale', `Name parameter invalid: "..": may not be '..'`],
    ['/api/v1/namespaces/team/pods/./exec', `Name parameter invalid: ".": may not be '.'`],
  ])('refuses %s with 400, resolving nothing', (path, message) => {
    expect(() => routeApiPath(path, kinds)).toThrow(message);
  });
});
