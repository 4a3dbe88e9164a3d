import { describe, expect, it } from 'vitest';
import type { Json } from './field-set';
import type { ManagedFieldsEntry } from './managed-fields';
import { recordUpdate, type UpdateInput } from './update-ownership';

const NOW = '2025-01-02T03:04:05Z';
const EARLIER = '2025-01-01T00:00:00Z';

const object = (spec: Json, managedFields?: unknown): Json => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'ns', ...(managedFields ? { managedFields } : {}) },
  spec,
});
const entry = (manager: string, fieldsV1: Json, extra: Json = {}) => ({
  manager,
  operation: 'Update',
  apiVersion: 'apps/v1',
  time: EARLIER,
  fieldsType: 'FieldsV1',
  fieldsV1,
  ...extra,
});
const managedOf = (o: Json) => (o.metadata as { managedFields?: ManagedFieldsEntry[] }).managedFields;

const record = (over: Partial<UpdateInput>) =>
  recordUpdate({
    live: undefined,
    next: object({}),
    manager: 'kubectl-create',
    apiVersion: 'apps/v1',
    scope: 'without-status',
    now: NOW,
    ...over,
  });

const applied = entry('kubectl', { 'f:spec': { 'f:replicas': {}, 'f:paused': {} } }, { operation: 'Apply' });

describe('recordUpdate', () => {
  it.each<[string, Partial<UpdateInput>, unknown]>([
    [
      'a create owns what it sets',
      { next: object({ replicas: 1 }) },
      [{ ...entry('kubectl-create', { 'f:spec': { 'f:replicas': {} } }), time: NOW }],
    ],
    [
      'a change takes the field from its owner',
      {
        live: object({ replicas: 1, paused: false }, [applied]),
        next: object({ replicas: 5, paused: false }, [applied]),
        manager: 'kubectl',
        subresource: 'scale',
      },
      [
        { ...applied, fieldsV1: { 'f:spec': { 'f:paused': {} } } },
        { ...entry('kubectl', { 'f:spec': { 'f:replicas': {} } }, { subresource: 'scale' }), time: NOW },
      ],
    ],
    [
      'a write that changes nothing records nothing',
      { live: object({ replicas: 1 }, [applied]), next: object({ replicas: 1 }) },
      [applied],
    ],
    [
      'a removed field leaves every owner',
      { live: object({ replicas: 1, paused: false }, [applied]), next: object({ replicas: 1 }) },
      [{ ...applied, fieldsV1: { 'f:spec': { 'f:replicas': {} } } }],
    ],
    [
      '[{}] clears managedFields',
      { live: object({ replicas: 1 }, [applied]), next: object({ replicas: 1 }, [{}]) },
      undefined,
    ],
    [
      'a status write owns only status',
      {
        live: { ...object({ replicas: 1 }, [applied]), status: { replicas: 0 } },
        next: { ...object({ replicas: 9 }), status: { replicas: 1 } },
        scope: 'status',
        subresource: 'status',
      },
      [
        applied,
        {
          ...entry('kubectl-create', { 'f:status': { 'f:replicas': {} } }, { subresource: 'status' }),
          time: NOW,
        },
      ],
    ],
  ])('%s', (_name, over, expected) => {
    expect(managedOf(record(over))).toEqual(expected);
  });

  it('merges into the writer’s earlier entry', () => {
    const mine = entry('kubectl-edit', { 'f:spec': { 'f:paused': {} } });
    const next = record({
      live: object({ paused: true }, [mine]),
      next: object({ paused: true, replicas: 2 }),
      manager: 'kubectl-edit',
    });
    expect(managedOf(next)).toEqual([
      { ...mine, time: NOW, fieldsV1: { 'f:spec': { 'f:paused': {}, 'f:replicas': {} } } },
    ]);
  });

  it('names the malformed entry it was sent', () => {
    expect(() => record({ next: object({}, [{ operation: 'Delete' }]) })).toThrow(
      'metadata.managedFields[0].operation: must be "Apply" or "Update", got "Delete"',
    );
  });
});
