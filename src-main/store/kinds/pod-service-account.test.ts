import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../shared/api-types';
import type { Pod } from '../../shared/pod-types';
import { admitPodServiceAccount } from './pod-service-account';

const account = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: { name, namespace: 'ns' },
  ...extra,
});
const store = (...accounts: KubeObject[]) => ({ list: () => accounts });
const pod = (spec: Partial<Pod['spec']> & Record<string, unknown> = {}): Pod =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'ns' },
    spec: { containers: [{ name: 'a', image: 'x' }], initContainers: [{ name: 'i', image: 'x' }], ...spec },
  }) as Pod;

describe('admitPodServiceAccount', () => {
  it('runs as default and mounts kube-api-access-xxxxx in every container', () => {
    const p = pod();
    admitPodServiceAccount(p, store(account('default')));
    expect(p.spec.serviceAccountName).toBe('default');
    const volume = p.spec.volumes![0]!;
    expect(volume.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(volume.projected).toEqual({
      defaultMode: 0o644,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        {
          downwardAPI: {
            items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
          },
        },
      ],
    });
    const mount = {
      name: volume.name,
      readOnly: true,
      mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
    };
    expect(p.spec.containers[0]!.volumeMounts).toEqual([mount]);
    expect(p.spec.initContainers![0]!.volumeMounts).toEqual([mount]);
  });

  it("follows automountServiceAccountToken, the pod's over the account's", () => {
    const off = account('quiet', { automountServiceAccountToken: false });
    const a = pod({ serviceAccountName: 'quiet' });
    admitPodServiceAccount(a, store(off));
    expect(a.spec.volumes).toBeUndefined();
    const b = pod({ serviceAccountName: 'quiet', automountServiceAccountToken: true });
    admitPodServiceAccount(b, store(off));
    expect(b.spec.volumes).toHaveLength(1);
    const c = pod({ automountServiceAccountToken: false });
    admitPodServiceAccount(c, store(account('default')));
    expect(c.spec.volumes).toBeUndefined();
  });

  it('refuses a missing account as the admission plugin does, and copies imagePullSecrets', () => {
    expect(() => admitPodServiceAccount(pod({ serviceAccountName: 'ghost' }), store())).toThrow(
      'pods "p" is forbidden: error looking up service account ns/ghost: serviceaccount "ghost" not found',
    );
    const p = pod({ serviceAccountName: 'puller' });
    admitPodServiceAccount(p, store(account('puller', { imagePullSecrets: [{ name: 'reg' }] })));
    expect(p.spec.imagePullSecrets).toEqual([{ name: 'reg' }]);
  });

  it('leaves a container that mounts something at the token path itself', () => {
    const p = pod({
      initContainers: [],
      containers: [
        {
          name: 'a',
          image: 'x',
          volumeMounts: [{ name: 'own', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }],
        },
      ],
    });
    admitPodServiceAccount(p, store(account('default')));
    expect(p.spec.volumes).toBeUndefined();
  });
});
