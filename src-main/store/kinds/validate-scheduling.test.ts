import { describe, expect, it } from 'vitest';
import type { Pod } from '../../shared/pod-types';
import { ApiError } from '../api-error';
import { admitPodPriority } from './pod-priority';
import { validatePod } from './validate-pod';

const pod = (spec: Record<string, unknown>): Pod =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec },
  }) as Pod;
const problems = (spec: Record<string, unknown>) =>
  validatePod(pod(spec)).map((c) => `${c.field}: ${c.message}`);
const required = (terms: unknown) => ({
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: terms } },
});

describe('affinity validation (ValidateAffinity, 1.32)', () => {
  it('checks node selector terms and requirements with Kubernetes messages', () => {
    const at = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms';
    expect(problems(required({ nodeSelectorTerms: [] }))).toEqual([
      `${at}: Required value: must have at least one node selector term`,
    ]);
    expect(
      problems(
        required({
          nodeSelectorTerms: [
            {
              matchExpressions: [
                { key: 'a', operator: 'In' },
                { key: 'b', operator: 'Exists', values: ['x'] },
                { key: 'c', operator: 'Gt', values: ['1', '2'] },
              ],
              matchFields: [{ key: 'metadata.labels', operator: 'In', values: ['x'] }],
            },
          ],
        }),
      ),
    ).toEqual([
      `${at}[0].matchExpressions[0].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`,
      `${at}[0].matchExpressions[1].values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`,
      `${at}[0].matchExpressions[2].values: Required value: must be specified single value when \`operator\` is 'Lt' or 'Gt'`,
      `${at}[0].matchFields[0].key: Invalid value: "metadata.labels": not a valid field selector key`,
    ]);
  });

  it('checks pod (anti-)affinity terms and weights', () => {
    expect(
      problems({
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { labelSelector: { matchLabels: { a: 'b' } }, topologyKey: '' },
            ],
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 0, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname' } },
            ],
          },
        },
      }),
    ).toEqual([
      'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty',
      'spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100',
    ]);
  });

  it('takes a well-formed affinity', () => {
    expect(
      problems({
        ...required({
          nodeSelectorTerms: [
            { matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] },
          ],
        }),
      }),
    ).toEqual([]);
  });
});

describe('tolerations and topology spread (validateTolerations, validateTopologySpreadConstraints)', () => {
  it('names each mistake', () => {
    expect(
      problems({
        tolerations: [
          { operator: 'Equal', value: 'x' },
          { key: 'a', operator: 'Exists', value: 'x' },
          { key: 'a', tolerationSeconds: 5, effect: 'NoSchedule' },
          { key: 'a', operator: 'Maybe' },
        ],
      }),
    ).toEqual([
      'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
      "spec.tolerations[1].operator: Invalid value: value must be empty when `operator` is 'Exists'",
      'spec.tolerations[2].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set',
      'spec.tolerations[3].operator: Unsupported value: "Maybe": supported values: "Equal", "Exists"',
    ]);
    expect(
      problems({
        topologySpreadConstraints: [
          { maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' },
          { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' },
          { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', minDomains: 2 },
        ],
      }),
    ).toEqual([
      'spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero',
      'spec.topologySpreadConstraints[1]: Duplicate value: "{zone, DoNotSchedule}"',
      'spec.topologySpreadConstraints[2].minDomains: Invalid value: 2: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway',
    ]);
  });
});

describe('priority admission', () => {
  const forbidden = (p: Pod) => {
    try {
      admitPodPriority(p);
    } catch (err) {
      return `${(err as ApiError).code} ${(err as Error).message}`;
    }
    return undefined;
  };
  it('resolves the built-in classes, defaults to 0, and refuses unknown classes and a mismatched priority', () => {
    const critical = pod({ priorityClassName: 'system-node-critical' });
    admitPodPriority(critical);
    expect(critical.spec).toMatchObject({ priority: 2000001000, preemptionPolicy: 'PreemptLowerPriority' });
    const plain = pod({});
    admitPodPriority(plain);
    expect(plain.spec.priority).toBe(0);
    expect(forbidden(pod({ priorityClassName: 'high' }))).toBe(
      '403 pods "p" is forbidden: no PriorityClass with name high was found',
    );
    expect(forbidden(pod({ priority: 5 }))).toBe(
      '403 pods "p" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    );
  });
});
