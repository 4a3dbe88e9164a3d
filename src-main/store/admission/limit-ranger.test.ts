import { describe, expect, it } from 'vitest';
import type { Pod } from '../../shared/pod-types';
import type { LimitRange, LimitRangeItem } from '../../shared/policy-types';
import { aggregate, LIMIT_RANGER_ANNOTATION, limitPod } from './limit-ranger';

const range = (...limits: LimitRangeItem[]): LimitRange => ({
  apiVersion: 'v1',
  kind: 'LimitRange',
  metadata: { name: 'limits', namespace: 'team' },
  spec: { limits },
});

const pod = (
  ...resources: Array<{ requests?: Record<string, string>; limits?: Record<string, string> }>
): Pod =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'team' },
    spec: {
      containers: resources.map((r, i) => ({
        name: i === 0 ? 'web' : `c${i}`,
        image: 'nginx',
        resources: r,
      })),
    },
  }) as Pod;

describe('limit ranger defaults', () => {
  it('fills unset limits and requests from default and defaultRequest, and says so in an annotation', () => {
    const p = pod({ limits: { memory: '256Mi' } });
    const errors = limitPod(p, [
      range({
        type: 'Container',
        default: { cpu: '500m', memory: '512Mi' },
        defaultRequest: { cpu: '100m', memory: '128Mi' },
      }),
    ]);
    expect(errors).toEqual([]);
    expect(p.spec.containers[0]!.resources).toEqual({
      limits: { cpu: '500m', memory: '256Mi' },
      requests: { cpu: '100m', memory: '128Mi' },
    });
    expect(p.metadata.annotations?.[LIMIT_RANGER_ANNOTATION]).toBe(
      'LimitRanger plugin set: cpu, memory request for container web; cpu limit for container web',
    );
  });

  it('leaves a pod alone when no LimitRange applies', () => {
    const p = pod({});
    expect(limitPod(p, [])).toEqual([]);
    expect(p.metadata.annotations).toBeUndefined();
  });
});

describe('limit ranger constraints', () => {
  it.each([
    [
      'request under the container min',
      range({ type: 'Container', min: { cpu: '100m' } }),
      pod({ requests: { cpu: '50m' } }),
      ['minimum cpu usage per Container is 100m, but request is 50m'],
    ],
    [
      'no limit under a container max',
      range({ type: 'Container', max: { memory: '1Gi' } }),
      pod({ requests: { memory: '128Mi' } }),
      ['maximum memory usage per Container is 1Gi.  No limit is specified'],
    ],
    [
      'limit over the container max',
      range({ type: 'Container', max: { memory: '1Gi' } }),
      pod({ limits: { memory: '2Gi' } }),
      ['maximum memory usage per Container is 1Gi, but limit is 2Gi'],
    ],
    [
      'limit to request ratio',
      range({ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }),
      pod({ requests: { cpu: '100m' }, limits: { cpu: '1' } }),
      ['cpu max limit to request ratio per Container is 2, but provided ratio is 10.000000'],
    ],
    [
      'pod max over the summed containers',
      range({ type: 'Pod', max: { cpu: '1' } }),
      pod({ limits: { cpu: '600m' } }, { limits: { cpu: '600m' } }),
      ['maximum cpu usage per Pod is 1, but limit is 1200m'],
    ],
    [
      'a pod within every bound',
      range({ type: 'Container', min: { cpu: '100m' }, max: { cpu: '1' } }),
      pod({ requests: { cpu: '200m' }, limits: { cpu: '500m' } }),
      [],
    ],
  ])('%s', (_name, r, p, expected) => {
    expect(limitPod(p, [r])).toEqual(expected);
  });

  it('aggregates several violations as Kubernetes prints them', () => {
    expect(aggregate(['a'])).toBe('a');
    expect(aggregate(['a', 'b'])).toBe('[a, b]');
  });
});
