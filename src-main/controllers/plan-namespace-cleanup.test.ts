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

describe('planNamespaceCleanup', () => {
  it('does nothing for a live namespace', () => {
    expect(planNamespaceCleanup(ns(false), [item('a')])).toEqual([]);
  });
  it('deletes what a terminating namespace still holds', () => {
    expect(planNamespaceCleanup(ns(true), [item('a'), item('b', true)])).toEqual([
      { type: 'delete', object: item('a') },
    ]);
  });
  it('waits for content that is already going', () => {
    expect(planNamespaceCleanup(ns(true), [item('b', true)])).toEqual([{ type: 'wait' }]);
  });
  it('finalizes an empty terminating namespace', () => {
    expect(planNamespaceCleanup(ns(true), [])).toEqual([{ type: 'finalize' }]);
  });
});
