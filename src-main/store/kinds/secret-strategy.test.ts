import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../shared/api-types';
import { secretStrategy, type SecretFields } from './secret-strategy';

type Secret = KubeObject & SecretFields;
const secret = (fields: SecretFields): Secret =>
  ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, ...fields }) as Secret;
const noObjects = { list: () => [] };
const b64 = (s: string) => Buffer.from(s).toString('base64');

function admit(obj: Secret, old?: Secret) {
  if (old) secretStrategy.prepareForUpdate!(obj, old, noObjects);
  else secretStrategy.prepareForCreate!(obj, noObjects);
  return secretStrategy.validate(obj, old, noObjects);
}

describe('Secret admission', () => {
  it('folds stringData into data as base64, stringData winning, and defaults the type', () => {
    const s = secret({ data: { a: b64('old'), b: b64('kept') }, stringData: { a: 'new' } });
    expect(admit(s)).toEqual([]);
    expect(s).toMatchObject({ type: 'Opaque', data: { a: b64('new'), b: b64('kept') } });
    expect(s.stringData).toBeUndefined();
  });

  // Bad base64 is the structural check's (server/check-structure.test.ts): a 400 before admission.
  it('names the field for bad keys, a missing type key and oversize data, never the value', () => {
    const causes = admit(secret({ data: { 'bad key': b64('hunter2') } }));
    expect(causes.map((c) => c.field)).toEqual(['data[bad key]']);
    expect(JSON.stringify(causes)).not.toContain(b64('hunter2'));

    expect(admit(secret({ type: 'kubernetes.io/tls', stringData: { 'tls.crt': 'c' } }))).toEqual([
      expect.objectContaining({ field: 'data[tls.key]', type: 'FieldValueRequired' }),
    ]);
    expect(admit(secret({ type: 'kubernetes.io/basic-auth', stringData: { password: 'p' } }))).toEqual([]);
    const badJson = admit(
      secret({ type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '{no' } }),
    );
    expect(badJson).toEqual([expect.objectContaining({ field: 'data[.dockerconfigjson]' })]);
    expect(JSON.stringify(badJson)).not.toContain('{no');

    const big = admit(secret({ stringData: { blob: 'x'.repeat(1024 * 1024 + 1) } }));
    expect(big).toEqual([expect.objectContaining({ field: 'data', type: 'FieldValueTooLong' })]);
  });

  it('refuses to change an immutable Secret or any Secret type', () => {
    const old = secret({ type: 'Opaque', data: { a: b64('1') }, immutable: true });
    expect(
      admit(secret({ type: 'Opaque', data: { a: b64('2') }, immutable: true }), old).map((c) => c.field),
    ).toEqual(['data']);
    expect(admit(secret({ type: 'Opaque', data: { a: b64('1') } }), old).map((c) => c.field)).toEqual([
      'immutable',
    ]);
    const typed = admit(
      secret({ type: 'kubernetes.io/basic-auth', data: { username: b64('u') } }),
      secret({ type: 'Opaque' }),
    );
    expect(typed.map((c) => c.field)).toEqual(['type']);
  });
});
