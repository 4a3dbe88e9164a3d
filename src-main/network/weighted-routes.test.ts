import { describe, expect, it } from 'vitest';
import type { Endpoints, Service } from '../shared/service-types';
import { CANARY_SERVICE_ANNOTATION, CANARY_WEIGHT_ANNOTATION } from '../shared/rollout-types';
import { canarySplitOf, nodePortRoutes, serviceRoutes, weightedBackends } from './service-routes';

// A stable Service under a Rollout's canary split: its proxy routes list both sides with weights whose ratio is
// the canary's share of connections, whatever the pod counts (skiff-proxy.c picks by smooth weighted round robin).

describe('weightedBackends', () => {
  const s = (n: number) => Array.from({ length: n }, (_, i) => `10.0.0.${i + 1}:80`);
  const c = (n: number) => Array.from({ length: n }, (_, i) => `10.0.1.${i + 1}:80`);
  const share = (tokens: string[]) => {
    const weight = (t: string) => Number(t.split('/')[1] ?? 1);
    const canary = tokens.filter((t) => t.startsWith('10.0.1.')).reduce((n, t) => n + weight(t), 0);
    return (100 * canary) / tokens.reduce((n, t) => n + weight(t), 0);
  };
  it.each([
    ['no split at weight 0', 2, 1, 0, 0, ['10.0.0.1:80', '10.0.0.2:80']],
    ['10% to 1 canary beside 9 stable', 9, 1, 10, 10, undefined],
    ['10% to 1 canary beside 10 stable', 10, 1, 10, 10, undefined],
    ['50% to 3 canaries beside 2 stable', 2, 3, 50, 50, undefined],
    ['33% (weights reduced by their gcd)', 2, 1, 33, 33, undefined],
    ['100% to the canary only', 3, 2, 100, 100, ['10.0.1.1:80', '10.0.1.2:80']],
    ['a canary with no ready pod gets nothing', 3, 0, 20, 0, undefined],
    ['no stable pod: all to the canary', 0, 2, 20, 100, undefined],
  ])('%s', (_name, stable, canary, weight, expectedShare, exact) => {
    const tokens = weightedBackends(
      s(stable).slice(0, stable === 9 && exact ? 2 : stable),
      c(canary),
      weight,
    );
    if (exact) expect(tokens).toEqual(exact);
    else expect(share(tokens)).toBeCloseTo(expectedShare, 6);
  });

  it('writes the smallest weights', () => {
    expect(weightedBackends(['a:1', 'b:1'], ['c:1'], 10)).toEqual(['a:1/9', 'b:1/9', 'c:1/2']);
  });
});

describe('routes under a canary split', () => {
  const svc = (name: string, annotations?: Record<string, string>): Service => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'shop', ...(annotations ? { annotations } : {}) },
    spec: {
      selector: { app: 'web' },
      ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30080 }],
    },
  });
  const endpoints = (name: string, ips: string[]): Endpoints => ({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name, namespace: 'shop' },
    subsets: [{ addresses: ips.map((ip) => ({ ip })), ports: [{ name: 'http', port: 8080 }] }],
  });
  const stable = svc('web', { [CANARY_SERVICE_ANNOTATION]: 'web-canary', [CANARY_WEIGHT_ANNOTATION]: '25' });
  const lookup = (name: string) =>
    name === 'web-canary'
      ? { service: svc('web-canary'), endpoints: endpoints('web-canary', ['10.0.1.1']) }
      : { service: undefined, endpoints: undefined };

  it('the stable proxy and its nodePort list both sides, weighted', () => {
    const split = canarySplitOf(stable, lookup);
    expect(split?.weight).toBe(25);
    const own = endpoints('web', ['10.0.0.1', '10.0.0.2', '10.0.0.3']);
    expect(serviceRoutes(stable, own, split)).toBe(
      'listen 80 none 10.0.0.1:8080/1 10.0.0.2:8080/1 10.0.0.3:8080/1 10.0.1.1:8080/1\n',
    );
    expect(nodePortRoutes(stable, own, split)).toBe(
      'listen 127.0.0.1:30080 none 10.0.0.1:8080/1 10.0.0.2:8080/1 10.0.0.3:8080/1 10.0.1.1:8080/1\n',
    );
  });

  it.each([
    ['weight 0', { [CANARY_SERVICE_ANNOTATION]: 'web-canary', [CANARY_WEIGHT_ANNOTATION]: '0' }],
    ['no weight', { [CANARY_SERVICE_ANNOTATION]: 'web-canary' }],
    [
      'a canary Service that does not exist',
      { [CANARY_SERVICE_ANNOTATION]: 'gone', [CANARY_WEIGHT_ANNOTATION]: '30' },
    ],
    ['itself as canary', { [CANARY_SERVICE_ANNOTATION]: 'web', [CANARY_WEIGHT_ANNOTATION]: '30' }],
  ])('no split with %s', (_name, annotations) => {
    expect(canarySplitOf(svc('web', annotations), lookup)).toBeUndefined();
  });
});
