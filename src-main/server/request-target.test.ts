import { describe, expect, it } from 'vitest';
import { ApiError } from '../store/api-error';
import {
  parseRequestTarget,
  pathSegmentNameProblems,
  pathSegments,
  requireValidPathSegment,
} from './request-target';

describe('parseRequestTarget', () => {
  it.each([
    ['/api/v1/namespaces/x/configmaps/..', '/api/v1/namespaces/x/configmaps/..'],
    ['/api/v1/namespaces/x/configmaps/%2E%2E', '/api/v1/namespaces/x/configmaps/%2E%2E'],
    ['/api/v1/namespaces/x/configmaps/.', '/api/v1/namespaces/x/configmaps/.'],
    ['/api/v1/namespaces/x/configmaps/../../y', '/api/v1/namespaces/x/configmaps/../../y'],
    ['/api/v1/namespaces/', '/api/v1/namespaces'],
    ['/', '/'],
    ['//api//v1//', '/api//v1'],
    ['https://127.0.0.1:6443/api/v1/pods?watch=1', '/api/v1/pods'],
  ])('keeps %s as sent', (raw, path) => expect(parseRequestTarget(raw).path).toBe(path));

  it('reads the query without touching the path', () => {
    const target = parseRequestTarget('/api/v1/pods/..?labelSelector=app%3Dweb&bad=%E0%A4%A#frag');
    expect(target.path).toBe('/api/v1/pods/..');
    expect(target.query.get('labelSelector')).toBe('app=web');
    expect(target.query.get('bad')).toBe('\ufffd%A'); // as URLSearchParams decodes it: no throw
  });
});

describe('pathSegments', () => {
  it('decodes each segment once', () => {
    expect(pathSegments('/api/v1/namespaces/x/configmaps/%2E%2E')).toEqual([
      'api',
      'v1',
      'namespaces',
      'x',
      'configmaps',
      '..',
    ]);
    expect(pathSegments('/a%252Fb/a%2Fb')).toEqual(['a%2Fb', 'a/b']);
  });

  it('answers a malformed escape with 400, naming the segment', () => {
    const err = (() => {
      try {
        pathSegments('/api/v1/namespaces/%E0%A4%A');
      } catch (e) {
        return e as ApiError;
      }
    })();
    expect(err).toBeInstanceOf(ApiError);
    expect(err?.code).toBe(400);
    expect(err?.message).toContain('%E0%A4%A');
  });
});

describe('path segment names (apimachinery IsValidPathSegmentName)', () => {
  it.each([
    ['.', ["may not be '.'"]],
    ['..', ["may not be '..'"]],
    ['a/b', ["may not contain '/'"]],
    ['a%b', ["may not contain '%'"]],
    ['a/%b', ["may not contain '/'", "may not contain '%'"]],
    ['...', []],
    ['.x', []],
    ['web', []],
  ])('%s', (name, problems) => expect(pathSegmentNameProblems(name)).toEqual(problems));

  it("words the refusal as Kubernetes' registry does", () => {
    expect(() => requireValidPathSegment('..', 'Name')).toThrow(
      `Name parameter invalid: "..": may not be '..'`,
    );
    expect(() => requireValidPathSegment('.', 'Namespace')).toThrow(
      `Namespace parameter invalid: ".": may not be '.'`,
    );
  });
});
