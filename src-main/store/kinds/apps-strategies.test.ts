import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../shared/api-types';
import type { ControllerRevision, DaemonSet, StatefulSet } from '../../shared/apps-types';
import { controllerRevisionStrategy } from './controller-revision-strategy';
import { daemonSetStrategy } from './daemon-set-strategy';
import { statefulSetStrategy } from './stateful-set-strategy';

const reader = { list: () => [] };
const template = {
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'web', image: 'web:1' }] },
};
const sts = (spec: Record<string, unknown> = {}): StatefulSet =>
  structuredClone({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'web' } }, template, ...spec },
  }) as StatefulSet;
const ds = (spec: Record<string, unknown> = {}): DaemonSet =>
  structuredClone({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'web' } }, template, ...spec },
  }) as DaemonSet;
const created = <T extends KubeObject>(strategy: typeof statefulSetStrategy, obj: T) => {
  strategy.prepareForCreate?.(obj, reader);
  return obj;
};
const fields = (strategy: typeof statefulSetStrategy, obj: KubeObject, old?: KubeObject) =>
  strategy.validate(obj, old, reader).map((c) => c.field);

describe('StatefulSet strategy', () => {
  it("fills Kubernetes' defaults and drops maxUnavailable (its feature gate is off in 1.32)", () => {
    const set = created(
      statefulSetStrategy,
      sts({ updateStrategy: { rollingUpdate: { maxUnavailable: 2 } } }),
    );
    expect(set.spec).toMatchObject({
      replicas: 1,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    });
    expect(set.spec.updateStrategy?.rollingUpdate).toEqual({ partition: 0 });
    expect(set.spec.template.spec.restartPolicy).toBe('Always');
    expect(fields(statefulSetStrategy, set)).toEqual([]);
  });

  it.each([
    [{ podManagementPolicy: 'Sometimes' }, ['spec.podManagementPolicy']],
    [
      { updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 1 } } },
      ['spec.updateStrategy.rollingUpdate'],
    ],
    [
      { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: -1 } } },
      ['spec.updateStrategy.rollingUpdate.partition'],
    ],
    [{ replicas: -1 }, ['spec.replicas']],
    [
      { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Keep' } },
      ['spec.persistentVolumeClaimRetentionPolicy.whenDeleted'],
    ],
    [
      { volumeClaimTemplates: [{ metadata: {}, spec: { accessModes: ['ReadWriteOnce'] } }] },
      [
        'spec.volumeClaimTemplates[0].metadata.name',
        'spec.volumeClaimTemplates[0].spec.resources.requests[storage]',
      ],
    ],
    [
      { template: { ...template, spec: { ...template.spec, activeDeadlineSeconds: 5 } } },
      ['spec.template.spec.activeDeadlineSeconds'],
    ],
    [{ selector: { matchLabels: { app: 'other' } } }, ['spec.template.metadata.labels']],
  ])('refuses %j at its field', (spec, want) => {
    expect(fields(statefulSetStrategy, sts(spec))).toEqual(want);
  });

  it('lets the pods mount a claim template by name', () => {
    const mounted = {
      ...template,
      spec: {
        containers: [{ name: 'web', image: 'web:1', volumeMounts: [{ name: 'www', mountPath: '/d' }] }],
      },
    };
    const claims = [
      {
        metadata: { name: 'www' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
    ];
    expect(fields(statefulSetStrategy, sts({ template: mounted, volumeClaimTemplates: claims }))).toEqual([]);
    expect(fields(statefulSetStrategy, sts({ template: mounted }))).toEqual([
      'spec.template.spec.containers[0].volumeMounts[0].name',
    ]);
  });

  it('allows changing replicas, template, updateStrategy, retention and minReadySeconds only', () => {
    const before = created(statefulSetStrategy, sts({ serviceName: 'nginx' }));
    const ok = structuredClone(before);
    ok.spec.replicas = 5;
    ok.spec.updateStrategy = { type: 'OnDelete' };
    expect(fields(statefulSetStrategy, ok, before)).toEqual([]);
    const bad = structuredClone(before);
    bad.spec.serviceName = 'other';
    expect(statefulSetStrategy.validate(bad, before, reader)).toEqual([
      expect.objectContaining({
        field: 'spec',
        message: expect.stringContaining("other than 'replicas', 'ordinals'"),
      }),
    ]);
  });
});

describe('DaemonSet strategy', () => {
  it('defaults a rolling update of one unavailable pod and no surge, and counts template generations', () => {
    const d = created(daemonSetStrategy, ds());
    expect(d.spec.updateStrategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
    });
    expect(d.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('1');
    const same = structuredClone(d);
    daemonSetStrategy.prepareForUpdate?.(same, d, reader);
    expect(same.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('1');
    const changed = structuredClone(d);
    changed.spec.template.spec.containers[0]!.image = 'web:2';
    daemonSetStrategy.prepareForUpdate?.(changed, d, reader);
    expect(changed.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('2');
  });

  it.each([
    [
      { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } },
      ['spec.updateStrategy.rollingUpdate.maxUnavailable'],
    ],
    [
      { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '120%' } } },
      ['spec.updateStrategy.rollingUpdate.maxUnavailable'],
    ],
    [{ updateStrategy: { type: 'Sometimes' } }, ['spec.updateStrategy.type']],
  ])('refuses %j at its field', (spec, want) => {
    expect(fields(daemonSetStrategy, created(daemonSetStrategy, ds(spec)))).toEqual(want);
  });

  it('keeps the selector', () => {
    const d = created(daemonSetStrategy, ds());
    const moved = structuredClone(d);
    moved.spec.selector = { matchLabels: { app: 'web', tier: 'x' } };
    moved.spec.template.metadata!.labels = { app: 'web', tier: 'x' };
    expect(fields(daemonSetStrategy, moved, d)).toEqual(['spec.selector']);
  });
});

describe('ControllerRevision strategy', () => {
  const revision = (data: unknown): ControllerRevision => ({
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: { name: 'web-1', namespace: 'default' },
    data,
    revision: 1,
  });
  it('lets the revision number move but not the data', () => {
    const before = revision({ spec: { a: 1 } });
    expect(fields(controllerRevisionStrategy, { ...before, revision: 4 } as KubeObject, before)).toEqual([]);
    expect(fields(controllerRevisionStrategy, revision({ spec: { a: 2 } }), before)).toEqual(['data']);
    expect(fields(controllerRevisionStrategy, { ...before, revision: -1 } as KubeObject)).toEqual([
      'revision',
    ]);
  });
});
