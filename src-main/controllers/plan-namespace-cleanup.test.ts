import { describe, expect, it } from 'vitest';
import type { KubeObject, Namespace } from '../shared/api-types';
import { planNamespaceCleanup } from './plan-namespace-cleanup';

const ns = (deleting: boolean): Namespace => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'team', ...(deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
  spec: { finalizers: ['kubernetes'] },
});
const item = (name: string, deleting = false): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'team', ...(deleting ? { deletionTimestamp: 't' } : {}) },
});

const marked = Date.parse('2026-01-01T00:00:00Z');
const later = marked + 5000;

describe('planNamespaceCleanup', () => {
  it('does nothing for a live namespace', () => {
    expect(planNamespaceCleanup(ns(false), [item('a')], later)).toEqual([]);
  });
  it("leaves a namespace's content alone for the 5 s grace after it is marked, as Kubernetes does", () => {
    expect(planNamespaceCleanup(ns(true), [item('a')], marked)).toEqual([{ type: 'wait', ms: 5000 }]);
    expect(planNamespaceCleanup(ns(true), [item('a')], marked + 3200)).toEqual([{ type: 'wait', ms: 1800 }]);
    expect(planNamespaceCleanup(ns(true), [], marked + 4999)).toEqual([{ type: 'wait', ms: 1 }]);
  });
  it('deletes what a terminating namespace still holds once the grace is over', () => {
    expect(planNamespaceCleanup(ns(true), [item('a'), item('b', true)], later)).toEqual([
      { type: 'delete', object: item('a') },
    ]);
  });
  it('waits for content that is already going', () => {
    expect(planNamespaceCleanup(ns(true), [item('b', true)], later)).toEqual([{ type: 'wait', ms: 1000 }]);
  });
  it('finalizes an empty terminating namespace', () => {
    expect(planNamespaceCleanup(ns(true), [], later)).toEqual([{ type: 'finalize' }]);
  });
  it('takes the grace it is given', () => {
    expect(planNamespaceCleanup(ns(true), [], marked, 0)).toEqual([{ type: 'finalize' }]);
  });
});
