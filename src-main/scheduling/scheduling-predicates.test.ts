import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../shared/pod-types';
import {
  interPodAffinityMismatch,
  matchesNodeSelectorTerms,
  nodeAffinityMismatch,
  toleratesTaint,
  topologySpreadMismatch,
  untoleratedTaint,
} from './scheduling-predicates';
import type { Taint, Toleration } from '../shared/scheduling-types';

const node = (labels: Record<string, string> = {}, taints: Taint[] = []): Node =>
  ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'skiff', labels: { 'kubernetes.io/hostname': 'skiff', ...labels } },
    spec: { taints },
  }) as Node;
const pod = (
  spec: Record<string, unknown> = {},
  labels: Record<string, string> = {},
  namespace = 'default',
): Pod =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace, labels },
    spec: { containers: [{ name: 'c', image: 'x' }], ...spec },
  }) as Pod;

describe('toleratesTaint (v1.Toleration.ToleratesTaint, taint_test.go)', () => {
  const taint: Taint = { key: 'foo', value: 'bar', effect: 'NoSchedule' };
  const cases: Array<[string, Toleration, boolean]> = [
    ['empty effect tolerates every effect', { key: 'foo', operator: 'Exists' }, true],
    ['same key, Exists', { key: 'foo', operator: 'Exists', effect: 'NoSchedule' }, true],
    [
      'same key and value, Equal',
      { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' },
      true,
    ],
    ['operator defaults to Equal', { key: 'foo', value: 'bar', effect: 'NoSchedule' }, true],
    ['other value', { key: 'foo', operator: 'Equal', value: 'baz', effect: 'NoSchedule' }, false],
    ['other effect', { key: 'foo', operator: 'Exists', effect: 'NoExecute' }, false],
    ['other key', { key: 'bar', operator: 'Exists', effect: 'NoSchedule' }, false],
    ['empty key with Exists tolerates every taint', { operator: 'Exists' }, true],
  ];
  it.each(cases)('%s', (_, toleration, expected) => expect(toleratesTaint(toleration, taint)).toBe(expected));
});

describe('TaintToleration filter', () => {
  it('names the first untolerated NoSchedule/NoExecute taint, ignoring PreferNoSchedule', () => {
    const tainted = node({}, [
      { key: 'soft', effect: 'PreferNoSchedule' },
      { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
    ]);
    expect(untoleratedTaint(pod(), tainted)).toBe('node(s) had untolerated taint {dedicated: gpu}');
    expect(
      untoleratedTaint(
        pod({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu' }] }),
        tainted,
      ),
    ).toBeUndefined();
    expect(untoleratedTaint(pod(), node({}, [{ key: 'node-role', effect: 'NoExecute' }]))).toBe(
      'node(s) had untolerated taint {node-role: }',
    );
  });
});

describe('NodeAffinity filter (node_affinity_test.go cases)', () => {
  const n = node({ foo: 'bar', zone: 'a', gpus: '4' });
  const required = (terms: unknown[]) =>
    pod({
      affinity: {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
      },
    });
  const cases: Array<[string, Pod, boolean]> = [
    ['no selector, no affinity', pod(), true],
    ['nodeSelector matches', pod({ nodeSelector: { foo: 'bar' } }), true],
    ['nodeSelector does not', pod({ nodeSelector: { foo: 'baz' } }), false],
    [
      'In matches',
      required([{ matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar', 'value2'] }] }]),
      true,
    ],
    [
      'NotIn excludes',
      required([{ matchExpressions: [{ key: 'foo', operator: 'NotIn', values: ['bar'] }] }]),
      false,
    ],
    ['Exists', required([{ matchExpressions: [{ key: 'zone', operator: 'Exists' }] }]), true],
    ['DoesNotExist', required([{ matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }]), false],
    ['Gt', required([{ matchExpressions: [{ key: 'gpus', operator: 'Gt', values: ['3'] }] }]), true],
    ['Lt', required([{ matchExpressions: [{ key: 'gpus', operator: 'Lt', values: ['3'] }] }]), false],
    [
      'Gt with a value that is not a number',
      required([{ matchExpressions: [{ key: 'foo', operator: 'Gt', values: ['3'] }] }]),
      false,
    ],
    [
      'terms are ORed',
      required([
        { matchExpressions: [{ key: 'foo', operator: 'In', values: ['x'] }] },
        { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] },
      ]),
      true,
    ],
    [
      'requirements of a term are ANDed',
      required([
        {
          matchExpressions: [
            { key: 'foo', operator: 'In', values: ['bar'] },
            { key: 'zone', operator: 'In', values: ['b'] },
          ],
        },
      ]),
      false,
    ],
    ['an empty term matches nothing', required([{}]), false],
    ['no terms match nothing', required([]), false],
    [
      'matchFields metadata.name',
      required([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['skiff'] }] }]),
      true,
    ],
    [
      'matchFields another node',
      required([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['other'] }] }]),
      false,
    ],
    [
      'selector and affinity must both match',
      {
        ...required([{ matchExpressions: [{ key: 'zone', operator: 'Exists' }] }]),
        spec: {
          ...required([{ matchExpressions: [{ key: 'zone', operator: 'Exists' }] }]).spec,
          nodeSelector: { foo: 'no' },
        },
      } as Pod,
      false,
    ],
  ];
  it.each(cases)('%s', (_, p, fits) =>
    expect(nodeAffinityMismatch(p, n)).toBe(
      fits ? undefined : "node(s) didn't match Pod's node affinity/selector",
    ),
  );
  it('matches terms directly', () =>
    expect(matchesNodeSelectorTerms(n, [{ matchExpressions: [{ key: 'foo', operator: 'Exists' }] }])).toBe(
      true,
    ));
});

describe('InterPodAffinity filter on one node', () => {
  const n = node();
  const term = (labels: Record<string, string>, topologyKey = 'kubernetes.io/hostname') => ({
    labelSelector: { matchLabels: labels },
    topologyKey,
  });
  const db = pod({}, { app: 'db' });
  const none = () => ({});
  it('places a pod next to the pods its affinity names', () => {
    const p = pod({
      affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' })] } },
    });
    expect(interPodAffinityMismatch(p, n, [db], none)).toBeUndefined();
    expect(interPodAffinityMismatch(p, n, [], none)).toBe("node(s) didn't match pod affinity rules");
    // the pods must be in the pod's namespace unless the term says otherwise
    expect(interPodAffinityMismatch(p, n, [pod({}, { app: 'db' }, 'other')], none)).toBe(
      "node(s) didn't match pod affinity rules",
    );
  });
  it('lets the first pod of a group that matches its own affinity go anywhere', () => {
    const p = pod(
      {
        affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' })] } },
      },
      { app: 'web' },
    );
    expect(interPodAffinityMismatch(p, n, [], none)).toBeUndefined();
  });
  it('keeps a pod away from the pods its anti-affinity names, and from pods whose anti-affinity names it', () => {
    const p = pod({
      affinity: {
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' })] },
      },
    });
    expect(interPodAffinityMismatch(p, n, [db], none)).toBe("node(s) didn't match pod anti-affinity rules");
    // a topologyKey the node lacks puts no pod in the same domain
    const other = pod({
      affinity: {
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' }, 'zone')] },
      },
    });
    expect(interPodAffinityMismatch(other, n, [db], none)).toBeUndefined();
    const guard = pod({
      affinity: {
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' })] },
      },
    });
    expect(interPodAffinityMismatch(pod({}, { app: 'web' }), n, [guard], none)).toBe(
      "node(s) didn't satisfy existing pods anti-affinity rules",
    );
  });
});

describe('PodTopologySpread filter on one node', () => {
  it('fails only a hard constraint whose topologyKey the node lacks', () => {
    const c = (topologyKey: string, whenUnsatisfiable = 'DoNotSchedule') =>
      pod({ topologySpreadConstraints: [{ maxSkew: 1, topologyKey, whenUnsatisfiable }] });
    expect(topologySpreadMismatch(c('kubernetes.io/hostname'), node())).toBeUndefined();
    expect(topologySpreadMismatch(c('topology.kubernetes.io/zone'), node())).toBe(
      "node(s) didn't match pod topology spread constraints (missing required label)",
    );
    expect(
      topologySpreadMismatch(c('topology.kubernetes.io/zone', 'ScheduleAnyway'), node()),
    ).toBeUndefined();
  });
});
