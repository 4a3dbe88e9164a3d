import { describe, expect, it } from 'vitest';
import { writeLanded } from './write-landed';

const sent = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: 'demo', resourceVersion: '41', labels: { app: 'web' } },
  data: { mode: 'fast', list: 'a' },
};

describe('whether a repeated replace already landed', () => {
  it('is true when the server holds what was sent, plus what it fills in itself', () => {
    const current = {
      ...sent,
      metadata: { ...sent.metadata, resourceVersion: '42', uid: 'u1', managedFields: [{ manager: 'x' }] },
    };
    expect(writeLanded(sent, current)).toBe(true);
  });

  it('is false when someone else changed what was sent', () => {
    expect(writeLanded(sent, { ...sent, data: { mode: 'slow', list: 'a' } })).toBe(false);
    expect(writeLanded(sent, { ...sent, metadata: { ...sent.metadata, labels: {} } })).toBe(false);
  });

  it('compares lists whole, item by item', () => {
    const deployment = { spec: { template: { spec: { containers: [{ name: 'web', image: 'web:v2' }] } } } };
    const withDefaults = {
      spec: {
        template: {
          spec: { containers: [{ name: 'web', image: 'web:v2', imagePullPolicy: 'IfNotPresent' }] },
        },
      },
    };
    expect(writeLanded(deployment, withDefaults)).toBe(true);
    expect(
      writeLanded(deployment, {
        spec: { template: { spec: { containers: [{ name: 'web', image: 'web:v1' }, { name: 'x' }] } } },
      }),
    ).toBe(false);
  });
});
