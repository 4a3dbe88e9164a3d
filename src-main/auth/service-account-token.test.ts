import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ServiceAccountTokens, tokenIssueTime } from './service-account-token';

const pem = (bits = 2048) =>
  generateKeyPairSync('rsa', { modulusLength: bits }).privateKey.export({
    type: 'pkcs8',
    format: 'pem',
  }) as string;

describe('ServiceAccountTokens', () => {
  const tokens = new ServiceAccountTokens(pem());
  const spec = {
    namespace: 'ns',
    serviceAccount: { name: 'app', uid: 'sa-uid' },
    pod: { name: 'web', uid: 'pod-uid' },
    expirationSeconds: 3607,
    issuedAt: 1_700_000_000,
  };

  it('signs RS256 tokens with the bound-token claims, the same for the same request', () => {
    const { token, claims } = tokens.issue(spec);
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString());
    expect(header).toMatchObject({ alg: 'RS256' });
    expect(claims).toMatchObject({
      iss: 'https://kubernetes.default.svc.cluster.local',
      aud: ['https://kubernetes.default.svc.cluster.local'],
      sub: 'system:serviceaccount:ns:app',
      iat: spec.issuedAt,
      nbf: spec.issuedAt,
      // 3607 s asked: a year given, with a warning after the hour (1.32's extended tokens)
      exp: spec.issuedAt + 365 * 24 * 3600,
      'kubernetes.io': {
        namespace: 'ns',
        pod: spec.pod,
        serviceaccount: spec.serviceAccount,
        warnafter: spec.issuedAt + 3607,
      },
    });
    expect(tokens.issue(spec).token).toBe(token);
    expect(tokens.issue({ ...spec, expirationSeconds: 600 }).claims.exp).toBe(spec.issuedAt + 600);
  });

  it('verifies only its own, unexpired tokens for the API audience', () => {
    const { token } = tokens.issue({ ...spec, expirationSeconds: 600 });
    expect(tokens.verify(token, spec.issuedAt + 10)?.sub).toBe('system:serviceaccount:ns:app');
    expect(tokens.verify(token, spec.issuedAt + 600 + 61)).toBeUndefined();
    expect(tokens.verify(token, spec.issuedAt - 61)).toBeUndefined();
    const [h, c, s] = token.split('.') as [string, string, string];
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(c, 'base64url').toString()), sub: 'x' }),
    ).toString('base64url');
    expect(tokens.verify(`${h}.${forged}.${s}`, spec.issuedAt)).toBeUndefined();
    expect(
      tokens.verify(`${Buffer.from('{"alg":"none"}').toString('base64url')}.${c}.`, spec.issuedAt),
    ).toBeUndefined();
    expect(new ServiceAccountTokens(pem()).verify(token, spec.issuedAt)).toBeUndefined();
    const vault = tokens.issue({ ...spec, audiences: ['vault'] }).token;
    expect(tokens.verify(vault, spec.issuedAt)).toBeUndefined();
    expect(tokens.verify('not.a.token', spec.issuedAt)).toBeUndefined();
  });

  it('is asked again at 80% of the lifetime, counted from the pod start', () => {
    expect(tokenIssueTime(1000, 600, 1000)).toBe(1000);
    expect(tokenIssueTime(1000, 600, 1479)).toBe(1000);
    expect(tokenIssueTime(1000, 600, 1480)).toBe(1480);
    expect(tokenIssueTime(1000, 600, 2000)).toBe(1960);
  });
});
