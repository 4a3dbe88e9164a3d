import { describe, expect, it } from 'vitest';
import type { KubeList, KubeObject } from '@shared/api-types';
import { inNamespace } from './in-namespace';

const obj = (namespace: string, name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { namespace, name },
});
const list: KubeList = {
  apiVersion: 'v1',
  kind: 'PodList',
  metadata: { resourceVersion: '7' },
  items: [obj('a', 'one'), obj('b', 'two'), obj('a', 'three')],
};

describe('inNamespace', () => {
  it('keeps the namespace given, and the list metadata', () => {
    const part = inNamespace(list, 'a');
    expect(part.items.map((i) => i.metadata.name)).toEqual(['one', 'three']);
    expect(part.metadata.resourceVersion).toBe('7');
  });

  it('is the same list for all namespaces', () => {
    expect(inNamespace(list, '')).toBe(list);
    expect(inNamespace(list, undefined)).toBe(list);
  });
});
