import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

// Bound ServiceAccount tokens as kube-apiserver issues them: RS256 JWTs with the `kubernetes.io` private
// claims (namespace, serviceaccount, pod) that name what they are bound to. RS256 (PKCS#1 v1.5) signatures
// are deterministic, so the same claims give the same token: the kubelet can recompute a pod's token on every
// sync without rewriting its file.

export const ISSUER = 'https://kubernetes.default.svc.cluster.local';
/** The API's own audience (kube-apiserver's --api-audiences defaults to the issuer). */
export const API_AUDIENCE = ISSUER;
/** A projected token of this lifetime is issued for a year and warned about after an hour (1.32's default). */
export const WARN_ONLY_EXPIRATION_SECONDS = 3607;
export const EXTENDED_EXPIRATION_SECONDS = 365 * 24 * 3600;

export interface BoundObject {
  name: string;
  uid: string;
}

export interface TokenClaims {
  iss: string;
  sub: string;
  aud: string[];
  iat: number;
  nbf: number;
  exp: number;
  jti: string;
  'kubernetes.io': {
    namespace: string;
    serviceaccount: BoundObject;
    pod?: BoundObject;
    secret?: BoundObject;
    node?: BoundObject;
    warnafter?: number;
  };
}

export interface TokenRequestSpec {
  namespace: string;
  serviceAccount: BoundObject;
  pod?: BoundObject;
  audiences?: string[];
  /** Seconds, as the TokenRequest asked (the issued lifetime may be longer: see WARN_ONLY_EXPIRATION_SECONDS). */
  expirationSeconds: number;
  issuedAt: number;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export class ServiceAccountTokens {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private readonly keyId: string;

  constructor(privateKeyPem: string) {
    this.privateKey = createPrivateKey(privateKeyPem);
    this.publicKey = createPublicKey(this.privateKey);
    const der = this.publicKey.export({ type: 'spki', format: 'der' });
    this.keyId = createHash('sha256').update(der).digest('base64url');
  }

  issue(spec: TokenRequestSpec): { token: string; claims: TokenClaims } {
    const extend = spec.pod !== undefined && spec.expirationSeconds === WARN_ONLY_EXPIRATION_SECONDS;
    const lifetime = extend ? EXTENDED_EXPIRATION_SECONDS : spec.expirationSeconds;
    const jti = createHash('sha256')
      .update(JSON.stringify([spec.serviceAccount.uid, spec.pod?.uid ?? '', spec.issuedAt, spec.audiences]))
      .digest('hex')
      .slice(0, 32);
    const claims: TokenClaims = {
      aud: spec.audiences?.length ? spec.audiences : [API_AUDIENCE],
      exp: spec.issuedAt + lifetime,
      iat: spec.issuedAt,
      iss: ISSUER,
      jti: `${jti.slice(0, 8)}-${jti.slice(8, 12)}-${jti.slice(12, 16)}-${jti.slice(16, 20)}-${jti.slice(20)}`,
      'kubernetes.io': {
        namespace: spec.namespace,
        ...(spec.pod ? { pod: spec.pod } : {}),
        serviceaccount: spec.serviceAccount,
        ...(extend ? { warnafter: spec.issuedAt + spec.expirationSeconds } : {}),
      },
      nbf: spec.issuedAt,
      sub: `system:serviceaccount:${spec.namespace}:${spec.serviceAccount.name}`,
    };
    const signingInput = `${b64({ alg: 'RS256', kid: this.keyId })}.${b64(claims)}`;
    const signature = sign('sha256', Buffer.from(signingInput), this.privateKey).toString('base64url');
    return { token: `${signingInput}.${signature}`, claims };
  }

  /** The claims of a token this Skiff signed, for the API's audience and valid at `now`; else undefined. */
  verify(token: string, now: number): TokenClaims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [header, payload, signature] = parts as [string, string, string];
    let claims: TokenClaims;
    try {
      const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string };
      if (head.alg !== 'RS256') return undefined;
      const valid = verify(
        'sha256',
        Buffer.from(`${header}.${payload}`),
        this.publicKey,
        Buffer.from(signature, 'base64url'),
      );
      if (!valid) return undefined;
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
    } catch {
      return undefined;
    }
    if (claims.iss !== ISSUER || !Array.isArray(claims.aud) || !claims.aud.includes(API_AUDIENCE))
      return undefined;
    // jwt's default leeway for clock skew between the signer and here, as the apiserver's validator allows
    const leeway = 60;
    if (typeof claims.exp !== 'number' || now > claims.exp + leeway) return undefined;
    if (typeof claims.nbf === 'number' && now < claims.nbf - leeway) return undefined;
    const bound = claims['kubernetes.io'];
    if (!bound?.namespace || !bound.serviceaccount?.name || !bound.serviceaccount.uid) return undefined;
    return claims;
  }
}

/** When the kubelet asks for a new token: Kubernetes' token manager refreshes at 80% of the lifetime. */
export function tokenIssueTime(startedAt: number, expirationSeconds: number, now: number): number {
  const period = Math.max(1, Math.floor(expirationSeconds * 0.8));
  if (now < startedAt) return startedAt;
  return startedAt + Math.floor((now - startedAt) / period) * period;
}
