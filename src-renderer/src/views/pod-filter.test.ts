import { describe, expect, it } from 'vitest';
import type { Pod } from '@shared/pod-types';
import { filterPods, readSelector, type PodFilter } from './pod-filter';

const pod = (name: string, labels: Record<string, string>, phase = 'Running'): Pod =>
  ({ metadata: { name, labels }, spec: { containers: [] }, status: { phase } }) as unknown as Pod;

const pods = [
  pod('web-1', { app: 'web', tier: 'front', env: 'a' }),
  pod('web-2', { app: 'web', tier: 'db', env: 'b' }, 'Pending'),
  pod('db-1', { app: 'db', env: 'c', canary: 'true' }),
  pod('bare', {}),
];
const all: PodFilter = { search: '', state: 'All', selector: '' };
const names = (filter: Partial<PodFilter>) =>
  filterPods(pods, { ...all, ...filter }).pods.map((p) => p.metadata.name);

describe('filterPods', () => {
  it('keeps every pod with no filter', () => {
    expect(names({})).toEqual(['web-1', 'web-2', 'db-1', 'bare']);
  });

  it.each([
    ['app=web,tier!=db', ['web-1']],
    ['env in (a,b)', ['web-1', 'web-2']],
    ['env notin (a, b)', ['db-1', 'bare']],
    ['!canary', ['web-1', 'web-2', 'bare']],
    ['canary', ['db-1']],
    ['  app = web ', ['web-1', 'web-2']],
  ])('label selector %s keeps %j', (selector, expected) => {
    expect(names({ selector })).toEqual(expected);
  });

  it('combines the selector with the name search and the state', () => {
    expect(names({ selector: 'app=web', state: 'Pending' })).toEqual(['web-2']);
    expect(names({ selector: 'env', search: 'WEB-1' })).toEqual(['web-1']);
  });

  it('a bad selector filters nothing and says what is wrong and how to write it', () => {
    const result = filterPods(pods, { ...all, selector: 'tier=a/b', state: 'Running' });
    expect(result.pods.map((p) => p.metadata.name)).toEqual(['web-1', 'db-1', 'bare']);
    expect(result.selectorProblem).toMatch(/^Label selector: invalid label value "a\/b"; write key=value/);
  });
});

describe('readSelector', () => {
  it.each([
    ['env in (a,b', /parentheses do not pair up/],
    ['env in a,b)', /parentheses do not pair up/],
    ['-bad=1', /invalid label key "-bad"/],
    ['app=x=y', /invalid label value "x=y"/],
  ])('%s → %s', (selector, problem) => {
    const read = readSelector(selector);
    expect('problem' in read && read.problem).toMatch(problem);
  });

  it('an empty selector is no requirement at all', () => {
    expect(readSelector(' ')).toEqual({ requirements: [] });
  });
});
