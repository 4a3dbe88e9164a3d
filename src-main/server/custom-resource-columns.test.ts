import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../shared/api-types';
import { customResourceColumns, evaluateJsonPath, parseJsonPath } from './custom-resource-columns';
import { humanDuration } from './table-columns';

const obj: KubeObject = {
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name: 'w', creationTimestamp: '2026-01-01T00:00:00Z' },
  spec: { size: 3, 'a.b': 'dotted', tags: ['x', 'y'] },
  status: { conditions: [{ type: 'Ready', status: 'True' }] },
};

describe('CRD printer columns', () => {
  it.each([
    ['.spec.size', [3]],
    ['.spec.tags[1]', ['y']],
    ['.spec.tags[*]', ['x', 'y']],
    [".spec['a.b']", ['dotted']],
    ['.status.conditions[?(@.type=="Ready")].status', ['True']],
    ['.spec.missing', []],
  ])('evaluates %s', (path, want) => expect(evaluateJsonPath(obj, parseJsonPath(path))).toEqual(want));

  it('puts Name first, types the cells, and gives Age when the CRD lists no columns', () => {
    const now = Date.parse('2026-01-01T00:01:00Z');
    const columns = customResourceColumns(
      [
        { name: 'Size', type: 'integer', jsonPath: '.spec.size' },
        { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
        { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
      ],
      humanDuration,
    );
    expect(columns.map((c) => c.name)).toEqual(['Name', 'Size', 'Phase', 'Age']);
    expect(columns.map((c) => c.cell(obj, now))).toEqual(['w', 3, null, '60s']);
    expect(customResourceColumns([], humanDuration).map((c) => c.name)).toEqual(['Name', 'Age']);
  });
});
