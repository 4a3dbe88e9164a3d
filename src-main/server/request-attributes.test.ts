import { describe, expect, it } from 'vitest';
import { pathSegments } from './request-target';
import { requestAttributes } from './request-attributes';

// The cases of apiserver/pkg/endpoints/request/requestinfo_test.go TestGetAPIRequestInfo.
describe('requestAttributes', () => {
  const info = (method: string, url: string) => {
    const [p, q = ''] = url.split('?') as [string, string?];
    return requestAttributes(method, p, pathSegments(p), new URLSearchParams(q));
  };
  it.each([
    ['GET', '/api/v1/namespaces', 'list', '', '', 'namespaces', '', ''],
    ['GET', '/api/v1/namespaces/other', 'get', '', 'other', 'namespaces', '', 'other'],
    ['GET', '/api/v1/namespaces/other/pods', 'list', '', 'other', 'pods', '', ''],
    ['GET', '/api/v1/namespaces/other/pods/foo', 'get', '', 'other', 'pods', '', 'foo'],
    ['HEAD', '/api/v1/namespaces/other/pods/foo', 'get', '', 'other', 'pods', '', 'foo'],
    ['GET', '/api/v1/pods', 'list', '', '', 'pods', '', ''],
    ['GET', '/api/v1/namespaces/other/pods?watch=true', 'watch', '', 'other', 'pods', '', ''],
    [
      'GET',
      '/api/v1/namespaces/other/pods?watch=1&fieldSelector=metadata.name%3Dfoo',
      'watch',
      '',
      'other',
      'pods',
      '',
      'foo',
    ],
    ['POST', '/api/v1/namespaces/other/pods', 'create', '', 'other', 'pods', '', ''],
    ['PUT', '/api/v1/namespaces/other/pods/foo', 'update', '', 'other', 'pods', '', 'foo'],
    ['PATCH', '/api/v1/namespaces/other/pods/foo', 'patch', '', 'other', 'pods', '', 'foo'],
    ['DELETE', '/api/v1/namespaces/other/pods/foo', 'delete', '', 'other', 'pods', '', 'foo'],
    ['DELETE', '/api/v1/namespaces/other/pods', 'deletecollection', '', 'other', 'pods', '', ''],
    ['GET', '/api/v1/namespaces/other/pods/foo/log', 'get', '', 'other', 'pods', 'log', 'foo'],
    ['POST', '/api/v1/namespaces/other/pods/foo/exec', 'create', '', 'other', 'pods', 'exec', 'foo'],
    ['PUT', '/api/v1/namespaces/other/finalize', 'update', '', 'other', 'namespaces', 'finalize', 'other'],
    [
      'GET',
      '/apis/apps/v1/namespaces/other/deployments/web/scale',
      'get',
      'apps',
      'other',
      'deployments',
      'scale',
      'web',
    ],
    [
      'GET',
      '/apis/rbac.authorization.k8s.io/v1/clusterroles',
      'list',
      'rbac.authorization.k8s.io',
      '',
      'clusterroles',
      '',
      '',
    ],
  ])('%s %s', (method, url, verb, apiGroup, namespace, resource, subresource, name) => {
    expect(info(method, url)).toMatchObject({
      resourceRequest: true,
      verb,
      apiGroup,
      namespace,
      resource,
      subresource,
      name,
    });
  });

  it.each([
    ['GET', '/api', 'get'],
    ['GET', '/apis/apps/v1', 'get'],
    ['GET', '/api/v1', 'get'],
    ['GET', '/version', 'get'],
    ['POST', '/debug/skiff/resources', 'post'],
  ])('%s %s is a non-resource request', (method, url, verb) => {
    expect(info(method, url)).toEqual({ resourceRequest: false, verb, path: url });
  });
});
