import { describe, expect, it } from 'vitest';
import { createKindRegistry } from '../../store/all-kinds';
import { apiVersionOf } from '../../shared/resource-types';
import { kubeMessages } from './kube-messages';
import { messageFields, parseFieldSpec, rootMessage } from './kube-schema';

describe('parseFieldSpec', () => {
  it.each([
    ['name string', { json: 'name', shape: 'single', type: 'string', isMessage: false, keepZero: false }],
    [
      'replicas int32?',
      { json: 'replicas', shape: 'single', type: 'int32', isMessage: false, keepZero: true },
    ],
    ['args []string', { json: 'args', shape: 'repeated', type: 'string', isMessage: false, keepZero: false }],
    ['data map<bytes>', { json: 'data', shape: 'map', type: 'bytes', isMessage: false, keepZero: false }],
    [
      'spec apps.v1.DeploymentSpec',
      { json: 'spec', shape: 'single', type: 'apps.v1.DeploymentSpec', isMessage: true, keepZero: false },
    ],
    [
      '...volumeSource core.v1.VolumeSource',
      { json: 'volumeSource', inline: true, type: 'core.v1.VolumeSource', isMessage: true },
    ],
  ])('%s', (spec, expected) => {
    expect(parseFieldSpec(spec)).toMatchObject({ inline: false, ...expected });
  });

  it.each([
    ['name', 'cannot read the field spec "name"'],
    ['data map<bytes', 'cannot read the field spec "data map<bytes"'],
    ['ratio double', '"ratio double" has the type "double", which the decoder does not know'],
  ])('refuses %s', (spec, message) => {
    expect(() => parseFieldSpec(spec)).toThrow(message);
  });
});

describe('the generated table', () => {
  it('has only specs the decoder reads, and every message they name', () => {
    for (const name of Object.keys(kubeMessages)) {
      for (const field of messageFields(name)!.values()) {
        if (field.isMessage) expect(kubeMessages[field.type], `${name}.${field.json}`).toBeDefined();
      }
    }
  });

  it('covers every kind Skiff serves, at every served version', () => {
    const kinds = createKindRegistry();
    const missing = kinds
      .servedTypes()
      .filter((type) => !kinds.find(type.group, type.version, type.plural)?.decodeBody)
      .filter((type) => !rootMessage(apiVersionOf(type), type.kind))
      .map((type) => `${apiVersionOf(type)}/${type.kind}`);
    expect(missing).toEqual([]);
  });

  it('reads DeleteOptions under any apiVersion', () => {
    expect(rootMessage('apps/v1', 'DeleteOptions')).toBe('meta.v1.DeleteOptions');
    expect(rootMessage('v1', 'DeleteOptions')).toBe('meta.v1.DeleteOptions');
  });
});
