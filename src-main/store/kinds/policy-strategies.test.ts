import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../shared/api-types';
import { POLICY_STRATEGIES } from './policy-strategies';

const reader = { list: () => [] };
const odd: unknown[] = [
  undefined,
  {},
  [],
  [{}],
  { a: {} },
  'x',
  0,
  -1,
  '150%',
  [{ type: 'Pod', default: { cpu: 'lots' } }],
];

describe('policy strategies', () => {
  it('answer odd but decodable objects with causes, never an exception', () => {
    for (const strategy of POLICY_STRATEGIES)
      for (const value of odd) {
        const obj = {
          apiVersion: 'v1',
          kind: strategy.type.kind,
          metadata: { name: 'x', namespace: 'default' },
          spec: {
            limits: Array.isArray(value) ? value : [],
            hard: typeof value === 'object' && !Array.isArray(value) ? value : {},
            minAvailable: typeof value === 'string' || typeof value === 'number' ? value : undefined,
            ingress: [{ from: [{}], ports: [{ port: 0, endPort: 1 }] }],
            podSelector: {},
          },
          value: typeof value === 'number' ? value : 5,
        } as unknown as KubeObject;
        expect(
          () => {
            strategy.prepareForCreate?.(obj, reader);
            strategy.validate(obj, undefined, reader);
          },
          `${strategy.type.kind} ${JSON.stringify(value)}`,
        ).not.toThrow();
      }
  });

  it('word their refusals as Kubernetes does', () => {
    const pdb = POLICY_STRATEGIES.find((s) => s.type.kind === 'PodDisruptionBudget')!;
    const causes = pdb.validate(
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'p' },
        spec: { minAvailable: 1, maxUnavailable: 1 },
      } as KubeObject,
      undefined,
      reader,
    );
    expect(causes.map((c) => c.message)).toContainEqual(
      expect.stringContaining('minAvailable and maxUnavailable cannot be both set'),
    );
    const pc = POLICY_STRATEGIES.find((s) => s.type.kind === 'PriorityClass')!;
    const reserved = {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'system-mine' },
      value: 5,
    } as KubeObject;
    pc.prepareForCreate?.(reserved, reader);
    expect(pc.validate(reserved, undefined, reader).map((c) => `${c.field}: ${c.message}`)).toEqual([
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: name system-mine is not a known system priority class",
    ]);
    const lr = POLICY_STRATEGIES.find((s) => s.type.kind === 'LimitRange')!;
    const range = {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'l' },
      spec: { limits: [{ type: 'Container', min: { cpu: '2' }, max: { cpu: '1' } }] },
    } as KubeObject;
    lr.prepareForCreate?.(range, reader);
    expect(lr.validate(range, undefined, reader).map((c) => `${c.field}: ${c.message}`)).toContain(
      'spec.limits[0].min[cpu]: Invalid value: "2": min value 2 is greater than max value 1',
    );
  });
});
