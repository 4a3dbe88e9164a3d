import { describe, expect, it } from 'vitest';
import { applyConfiguration, conflictMessage, type ApplyInput } from './apply';
import type { Json } from './field-set';
import type { ManagedFieldsEntry } from './managed-fields';

const NOW = '2025-01-02T03:04:05Z';
const EARLIER = '2025-01-01T00:00:00Z';

const deployment = (spec: Json, metadata: Json = {}): Json => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'ns', ...metadata },
  spec,
});

const entry = (manager: string, operation: 'Apply' | 'Update', fieldsV1: Json, time = EARLIER) => ({
  manager,
  operation,
  apiVersion: 'apps/v1',
  time,
  fieldsType: 'FieldsV1',
  fieldsV1,
});

const apply = (over: Partial<ApplyInput>) =>
  applyConfiguration({
    live: undefined,
    config: deployment({}),
    manager: 'kubectl',
    apiVersion: 'apps/v1',
    force: false,
    now: NOW,
    scope: 'without-status',
    ...over,
  });

const managed = (object: Json | undefined) =>
  (object?.metadata as { managedFields?: ManagedFieldsEntry[] }).managedFields;

describe('applyConfiguration', () => {
  it('creates: the object is the configuration, owned by the applier', () => {
    const result = apply({
      config: deployment({ replicas: 2, template: { spec: { containers: [{ name: 'web', image: 'v1' }] } } }),
    });
    expect(result.conflicts).toBeUndefined();
    expect(result.object?.spec).toEqual({
      replicas: 2,
      template: { spec: { containers: [{ name: 'web', image: 'v1' }] } },
    });
    expect(managed(result.object)).toEqual([
      entry(
        'kubectl',
        'Apply',
        {
          'f:spec': {
            'f:replicas': {},
            'f:template': {
              'f:spec': { 'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
            },
          },
        },
        NOW,
      ),
    ]);
  });

  const owned = deployment(
    {
      replicas: 3,
      paused: false,
      template: { spec: { containers: [{ name: 'web', image: 'v1', tty: true }] } },
    },
    {
      labels: { app: 'web', tier: 'front' },
      managedFields: [
        entry('kubectl', 'Apply', {
          'f:metadata': { 'f:labels': { 'f:app': {}, 'f:tier': {} } },
          'f:spec': {
            'f:template': {
              'f:spec': { 'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
            },
          },
        }),
        entry('kubectl-edit', 'Update', {
          'f:spec': {
            'f:replicas': {},
            'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { 'f:tty': {} } } } },
          },
        }),
      ],
    },
  );

  it.each<[string, Json, Json, Json | undefined]>([
    [
      'merges a changed image into the live item, keeping fields others set',
      { template: { spec: { containers: [{ name: 'web', image: 'v2' }] } } },
      { labels: { app: 'web', tier: 'front' } },
      {
        replicas: 3,
        paused: false,
        template: { spec: { containers: [{ name: 'web', image: 'v2', tty: true }] } },
      },
    ],
    [
      'removes a label it applied before and omits now',
      { template: { spec: { containers: [{ name: 'web', image: 'v1' }] } } },
      { labels: { app: 'web' } },
      undefined,
    ],
  ])('%s', (_name, spec, labels, expectedSpec) => {
    const config = deployment(spec, labels);
    const result = apply({ live: owned, config });
    expect(result.conflicts).toBeUndefined();
    expect((result.object?.metadata as Json).labels).toEqual(labels.labels);
    if (expectedSpec) expect(result.object?.spec).toEqual(expectedSpec);
  });

  it('keeps a field it omits now when another manager owns it too', () => {
    const live = deployment(
      { replicas: 3 },
      {
        managedFields: [
          entry('kubectl', 'Apply', { 'f:spec': { 'f:replicas': {} } }),
          entry('other', 'Apply', { 'f:spec': { 'f:replicas': {} } }),
        ],
      },
    );
    const result = apply({ live, config: deployment({ paused: true }) });
    expect(result.object?.spec).toEqual({ replicas: 3, paused: true });
  });

  it('conflicts on a field another manager owns with a different value, and changes nothing', () => {
    const result = apply({ live: owned, config: deployment({ replicas: 2 }) });
    expect(result.conflicts?.map((c) => c.manager.manager)).toEqual(['kubectl-edit']);
    expect(conflictMessage(result.conflicts!)).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.replicas',
    );
  });

  it('shares a field set to the value it already has, without conflict', () => {
    const result = apply({ live: owned, config: deployment({ replicas: 3 }) });
    expect(result.conflicts).toBeUndefined();
    const entries = managed(result.object)!;
    expect(entries.map((e) => e.manager)).toEqual(['kubectl', 'kubectl-edit']);
    expect(entries[1]!.fieldsV1).toHaveProperty(['f:spec', 'f:replicas']);
  });

  it('with force takes the field over from its owner', () => {
    const config = deployment(
      { replicas: 2, template: { spec: { containers: [{ name: 'web', image: 'v1' }] } } },
      { labels: { app: 'web', tier: 'front' } },
    );
    const result = apply({ live: owned, config, force: true });
    expect(result.object?.spec).toMatchObject({ replicas: 2 });
    const edit = managed(result.object)!.find((e) => e.manager === 'kubectl-edit')!;
    expect(edit.fieldsV1).toEqual({
      'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { 'f:tty': {} } } } } },
    });
  });

  it('an unchanged re-apply keeps the entry and its time', () => {
    const config = deployment({ replicas: 2 }, { labels: { a: 'b' } });
    const first = apply({ config }).object!;
    const again = applyConfiguration({
      live: first,
      config,
      manager: 'kubectl',
      apiVersion: 'apps/v1',
      force: false,
      now: '2030-01-01T00:00:00Z',
      scope: 'without-status',
    });
    expect(again.object).toEqual(first);
  });

  it('gives an object with no managedFields to before-first-apply', () => {
    const live = deployment({ replicas: 1 });
    const result = apply({ live, config: deployment({ replicas: 5 }) });
    expect(conflictMessage(result.conflicts!)).toBe(
      'Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas',
    );
  });

  it('lists several conflicts grouped by manager', () => {
    const message = conflictMessage([
      { manager: { manager: 'b', operation: 'Update', apiVersion: 'v1' }, path: ['f:spec', 'f:x'] },
      {
        manager: { manager: 'a', operation: 'Apply', apiVersion: 'v1', subresource: 'scale' },
        path: ['f:spec', 'f:y'],
      },
    ]);
    expect(message).toBe(
      'Apply failed with 2 conflicts: conflicts with "a" with subresource "scale":\n- .spec.y\nconflicts with "b" using v1:\n- .spec.x',
    );
  });
});
