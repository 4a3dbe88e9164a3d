import { describe, expect, it } from 'vitest';
import {
  initialContextId,
  pathInContext,
  rememberContext,
  rememberedNamespace,
  rememberNamespace,
  searchWithContext,
} from './current-context';

function memoryStorage(entries: Record<string, string> = {}) {
  const map = new Map(Object.entries(entries));
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
  };
}

describe('initialContextId', () => {
  it.each([
    { search: '', stored: undefined, expected: 'local' },
    { search: '', stored: 'staging', expected: 'staging' },
    { search: '?context=prod', stored: 'staging', expected: 'prod' },
    { search: '?context=Not%20An%20Id', stored: 'staging', expected: 'staging' },
    { search: '', stored: '../x', expected: 'local' },
  ])('search $search with $stored stored → $expected', ({ search, stored, expected }) => {
    const storage = memoryStorage(stored ? { 'skiff.context': stored } : {});
    expect(initialContextId(search, storage)).toBe(expected);
  });

  it('remembers the last context', () => {
    const storage = memoryStorage();
    rememberContext('kind-dev', storage);
    expect(initialContextId('', storage)).toBe('kind-dev');
  });
});

describe('searchWithContext', () => {
  it.each([
    { search: '', id: 'prod', expected: '?context=prod' },
    { search: '?context=prod', id: 'local', expected: '' },
    { search: '?tab=logs&context=a', id: 'b', expected: '?tab=logs&context=b' },
    { search: '?tab=logs&context=a', id: 'local', expected: '?tab=logs' },
  ])('$search to $id → $expected', ({ search, id, expected }) => {
    expect(searchWithContext(search, id)).toBe(expected);
  });
});

describe('namespace per context', () => {
  it('each context keeps its own, all namespaces at first', () => {
    const storage = memoryStorage();
    expect(rememberedNamespace('local', storage)).toBe('');
    rememberNamespace('local', 'shop', storage);
    rememberNamespace('prod', 'payments', storage);
    expect(rememberedNamespace('local', storage)).toBe('shop');
    expect(rememberedNamespace('prod', storage)).toBe('payments');
  });
});

describe('pathInContext', () => {
  it.each([
    ['/ns/shop/pods', 'dev', '/ns/dev/pods'],
    ['/ns/shop/deployments/web/history', '', '/deployments'],
    ['/pods', 'team-a', '/ns/team-a/pods'],
    ['/nodes/skiff', '', '/nodes'],
    ['/', 'dev', '/ns/dev'],
  ])('%s in namespace %j lands on %s', (path, namespace, expected) => {
    expect(pathInContext(path, namespace)).toBe(expected);
  });
});
