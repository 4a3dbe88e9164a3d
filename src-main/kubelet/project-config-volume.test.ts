import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../shared/api-types';
import type { Pod } from '../shared/pod-types';
import { referencesConfig } from './config-references';
import { projectConfigVolume } from './project-config-volume';

const configMap = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'cfg' },
  data: { 'app.conf': 'x=1' },
  binaryData: { logo: Buffer.from([0, 1, 2]).toString('base64') },
} as KubeObject;
const secret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'tls' },
  data: { 'tls.key': Buffer.from('key').toString('base64') },
} as KubeObject;
const text = (p: ReturnType<typeof projectConfigVolume>) =>
  'files' in p ? p.files.map((f) => `${f.path} ${f.mode.toString(8)} ${f.content.toString('hex')}`) : p.error;

describe('projectConfigVolume', () => {
  it('makes a file per key with the default mode, decoding binaryData and Secret data', () => {
    expect(text(projectConfigVolume({ name: 'v', configMap: { name: 'cfg' } }, configMap))).toEqual([
      'app.conf 644 783d31',
      'logo 644 000102',
    ]);
    expect(
      text(projectConfigVolume({ name: 'v', secret: { secretName: 'tls', defaultMode: 0o400 } }, secret)),
    ).toEqual(['tls.key 400 6b6579']);
  });

  it('honours items with paths and modes, and says which key or object is missing', () => {
    const items = { name: 'cfg', items: [{ key: 'app.conf', path: 'etc/app.conf', mode: 0o600 }] };
    expect(text(projectConfigVolume({ name: 'v', configMap: items }, configMap))).toEqual([
      'etc/app.conf 600 783d31',
    ]);
    const missingKey = { name: 'cfg', items: [{ key: 'nope', path: 'n' }] };
    expect(text(projectConfigVolume({ name: 'v', configMap: missingKey }, configMap))).toBe(
      'configmap references non-existent config key: nope',
    );
    expect(
      text(projectConfigVolume({ name: 'v', configMap: { ...missingKey, optional: true } }, configMap)),
    ).toEqual([]);
    expect(text(projectConfigVolume({ name: 'v', secret: { secretName: 'gone' } }, undefined))).toBe(
      'secret "gone" not found',
    );
    expect(
      text(projectConfigVolume({ name: 'v', secret: { secretName: 'gone', optional: true } }, undefined)),
    ).toEqual([]);
  });
});

describe('referencesConfig', () => {
  const pod = {
    metadata: { name: 'p' },
    spec: {
      containers: [
        {
          name: 'a',
          image: 'i',
          env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'db', key: 'k' } } }],
          envFrom: [{ configMapRef: { name: 'env-cfg' } }],
        },
      ],
      volumes: [{ name: 'v', configMap: { name: 'vol-cfg' } }],
      imagePullSecrets: [{ name: 'registry' }],
    },
  } as Pod;

  it('finds every way a pod uses a ConfigMap or Secret, and only those', () => {
    expect(['db', 'registry', 'other'].map((n) => referencesConfig(pod, 'secret', n))).toEqual([
      true,
      true,
      false,
    ]);
    expect(['env-cfg', 'vol-cfg', 'db'].map((n) => referencesConfig(pod, 'configmap', n))).toEqual([
      true,
      true,
      false,
    ]);
  });
});
