import { describe, expect, it } from 'vitest';
import type { Pod } from '../shared/pod-types';
import { ContainerConfigError, expandReferences, resolveEnv } from './container-env';

const pod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'shop', uid: 'u-1', labels: { app: 'web' } },
  spec: { nodeName: 'skiff', containers: [] },
};
const noSources = { configMap: () => undefined, secret: () => undefined };

describe('container environment', () => {
  it('resolves values, field references and $(VAR) expansion in order', () => {
    const env = resolveEnv(
      pod,
      {
        name: 'app',
        image: 'x',
        resources: { limits: { memory: '64Mi' } },
        env: [
          { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
          { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
          { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
          { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
          { name: 'URL', value: 'http://$(POD).$(NS):80/$(UNKNOWN)/$$(POD)' },
        ],
      },
      '172.18.0.4',
      '127.0.0.1',
      noSources,
    );
    expect(Object.fromEntries(env)).toEqual({
      POD: 'web-1',
      NS: 'shop',
      IP: '172.18.0.4',
      APP: 'web',
      MEM: '64',
      URL: 'http://web-1.shop:80/$(UNKNOWN)/$(POD)',
    });
  });

  it('takes ConfigMap keys through envFrom and configMapKeyRef, and names what is missing', () => {
    const sources = {
      configMap: (_ns: string, name: string) =>
        name === 'cfg'
          ? { apiVersion: 'v1', kind: 'ConfigMap', metadata: {}, data: { MODE: 'fast', LEVEL: '3' } }
          : undefined,
      secret: () => undefined,
    };
    const env = resolveEnv(
      pod,
      {
        name: 'a',
        image: 'x',
        envFrom: [{ prefix: 'CFG_', configMapRef: { name: 'cfg' } }],
        env: [{ name: 'L', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'LEVEL' } } }],
      },
      undefined,
      undefined,
      sources,
    );
    expect(Object.fromEntries(env)).toEqual({ CFG_MODE: 'fast', CFG_LEVEL: '3', L: '3' });
    expect(() =>
      resolveEnv(
        pod,
        {
          name: 'a',
          image: 'x',
          env: [{ name: 'L', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'NOPE' } } }],
        },
        undefined,
        undefined,
        sources,
      ),
    ).toThrow(new ContainerConfigError("couldn't find key NOPE in ConfigMap shop/cfg"));
    expect(() =>
      resolveEnv(
        pod,
        { name: 'a', image: 'x', envFrom: [{ secretRef: { name: 'db' } }] },
        undefined,
        undefined,
        sources,
      ),
    ).toThrow('secret "db" not found');
  });

  it('expands only defined names', () => {
    expect(expandReferences('$(A)-$(B)', new Map([['A', '1']]))).toBe('1-$(B)');
  });
});
