import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../shared/api-types';
import { Authenticator } from './authenticator';
import { ServiceAccountTokens } from './service-account-token';

const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
  type: 'pkcs8',
  format: 'pem',
}) as string;

describe('Authenticator', () => {
  const tokens = new ServiceAccountTokens(key);
  const now = 1_700_000_100;
  const objects = new Map<string, KubeObject>();
  const put = (kind: string, name: string, uid: string, extra: Partial<KubeObject['metadata']> = {}) =>
    objects.set(`${kind}/${name}`, {
      apiVersion: 'v1',
      kind,
      metadata: { name, namespace: 'ns', uid, ...extra },
    });
  const auth = new Authenticator(
    'owner-secret',
    tokens,
    {
      serviceAccount: (_ns, name) => objects.get(`sa/${name}`),
      pod: (_ns, name) => objects.get(`pod/${name}`),
    },
    () => now,
  );
  const issue = () =>
    tokens.issue({
      namespace: 'ns',
      serviceAccount: { name: 'app', uid: 'sa-1' },
      pod: { name: 'web', uid: 'pod-1' },
      expirationSeconds: 3607,
      issuedAt: now - 100,
    }).token;

  it("takes Skiff's own token as the owner and a bound token as its ServiceAccount", () => {
    put('sa', 'app', 'sa-1');
    put('pod', 'web', 'pod-1');
    expect(auth.authenticate('owner-secret')).toEqual({ kind: 'owner' });
    expect(auth.authenticate(issue())).toMatchObject({
      kind: 'subject',
      name: 'system:serviceaccount:ns:app',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:ns', 'system:authenticated'],
      extra: { 'authentication.kubernetes.io/pod-name': ['web'] },
    });
    expect(auth.authenticate('wrong')).toBeUndefined();
    expect(auth.authenticate(undefined)).toBeUndefined();
  });

  it('refuses a token whose pod or ServiceAccount is gone or was made again', () => {
    const token = issue();
    put('pod', 'web', 'pod-2');
    expect(auth.authenticate(token)).toBeUndefined();
    put('pod', 'web', 'pod-1', { deletionTimestamp: new Date((now - 1) * 1000).toISOString() });
    expect(auth.authenticate(token)).toBeUndefined();
    put('pod', 'web', 'pod-1');
    put('sa', 'app', 'sa-2');
    expect(auth.authenticate(token)).toBeUndefined();
    objects.delete('sa/app');
    expect(auth.authenticate(token)).toBeUndefined();
  });
});
