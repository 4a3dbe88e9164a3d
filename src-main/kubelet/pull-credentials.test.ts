import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../shared/api-types';
import { credentialsFor, registryOf } from './pull-credentials';

const dockerConfig = (auths: Record<string, unknown>): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'pull' },
    type: 'kubernetes.io/dockerconfigjson',
    data: { '.dockerconfigjson': Buffer.from(JSON.stringify({ auths })).toString('base64') },
  }) as KubeObject;

describe('pull credentials', () => {
  it("finds an image's registry by Docker's rule", () => {
    expect(
      ['nginx', 'library/nginx:1', 'ghcr.io/a/b', 'localhost/x', '127.0.0.1:5000/a/b:v1'].map(registryOf),
    ).toEqual(['docker.io', 'docker.io', 'ghcr.io', 'localhost', '127.0.0.1:5000']);
  });

  it('picks the entry for the registry, from username/password or the auth field', () => {
    const secrets = [
      dockerConfig({ 'https://index.docker.io/v1/': { auth: Buffer.from('hub:pw1').toString('base64') } }),
      dockerConfig({ '127.0.0.1:5000': { username: 'me', password: 'pw:with:colons' } }),
    ];
    expect(credentialsFor('nginx', secrets)).toEqual({
      username: 'hub',
      password: 'pw1',
      serveraddress: 'docker.io',
    });
    expect(credentialsFor('127.0.0.1:5000/app:v1', secrets)).toEqual({
      username: 'me',
      password: 'pw:with:colons',
      serveraddress: '127.0.0.1:5000',
    });
    expect(credentialsFor('ghcr.io/x/y', secrets)).toBeUndefined();
  });
});
