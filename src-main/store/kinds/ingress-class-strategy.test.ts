import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../shared/api-types';
import {
  defaultIngressClass,
  servedBySkiff,
  type Ingress,
  type IngressClass,
} from '../../shared/ingress-types';
import { ingressClassStrategy } from './ingress-class-strategy';
import { ingressStrategy } from './ingress-strategy';

const ingressClass = (
  name: string,
  controller: string,
  isDefault = false,
  created = '2026-01-01T00:00:00Z',
): IngressClass => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'IngressClass',
  metadata: {
    name,
    creationTimestamp: created,
    ...(isDefault ? { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } } : {}),
  },
  spec: { controller },
});
const ingress = (spec: Partial<Ingress['spec']>, annotations?: Record<string, string>): Ingress => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'i', namespace: 'default', ...(annotations ? { annotations } : {}) },
  spec: {
    rules: [
      {
        host: 'a.local',
        http: {
          paths: [
            { path: '/', pathType: 'Prefix', backend: { service: { name: 's', port: { number: 80 } } } },
          ],
        },
      },
    ],
    ...spec,
  },
});
const none = { list: () => [] };
const problems = (o: KubeObject, old?: KubeObject) =>
  ingressClassStrategy.validate(o, old, none).map((c) => `${c.field}: ${c.message}`);

describe('IngressClass validation', () => {
  it('wants a domain-prefixed controller that does not change', () => {
    expect(problems(ingressClass('a', 'skiff.io/ingress'))).toEqual([]);
    expect(problems(ingressClass('a', ''))).toEqual(['spec.controller: Required value']);
    expect(problems(ingressClass('a', 'nginx'))).toEqual([
      'spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")',
    ]);
    expect(problems(ingressClass('a', 'example.com/other'), ingressClass('a', 'skiff.io/ingress'))).toEqual([
      'spec.controller: Invalid value: "example.com/other": field is immutable',
    ]);
  });
});

describe('which Ingresses Skiff serves, and the default class', () => {
  const classes = [
    ingressClass('skiff', 'skiff.io/ingress', true),
    ingressClass('nginx', 'k8s.io/ingress-nginx'),
  ];
  it("serves its own class and class-less Ingresses, not another controller's nor an unknown class", () => {
    expect(servedBySkiff(ingress({ ingressClassName: 'skiff' }), classes)).toBe(true);
    expect(servedBySkiff(ingress({}), classes)).toBe(true);
    expect(servedBySkiff(ingress({ ingressClassName: 'nginx' }), classes)).toBe(false);
    expect(servedBySkiff(ingress({}, { 'kubernetes.io/ingress.class': 'nginx' }), classes)).toBe(false);
    expect(servedBySkiff(ingress({ ingressClassName: 'missing' }), classes)).toBe(false);
  });

  it('gives a new Ingress the newest default class unless it names one', () => {
    const newer = ingressClass('newer', 'skiff.io/ingress', true, '2026-06-01T00:00:00Z');
    expect(defaultIngressClass([...classes, newer])?.metadata.name).toBe('newer');
    const store = { list: () => classes as KubeObject[] };
    const plain = ingress({});
    ingressStrategy.prepareForCreate!(plain, store);
    expect(plain.spec.ingressClassName).toBe('skiff');
    const annotated = ingress({}, { 'kubernetes.io/ingress.class': 'nginx' });
    ingressStrategy.prepareForCreate!(annotated, store);
    expect(annotated.spec.ingressClassName).toBeUndefined();
  });

  it('refuses a resource backend, naming why', () => {
    const bucket = ingress({
      rules: undefined,
      defaultBackend: { resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'assets' } },
    });
    const causes = ingressStrategy.validate(bucket, undefined, none);
    expect(causes.map((c) => c.field)).toEqual(['spec.defaultBackend.resource']);
    expect(causes[0]!.message).toContain("Skiff's Ingress controller routes only to Services");
  });
});
