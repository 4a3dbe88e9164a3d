import { describe, expect, it } from 'vitest';
import type { Status } from '@shared/api-types';
import {
  configMapData,
  decodeBase64,
  draftProblems,
  encodeBase64,
  entriesOfConfigMap,
  entriesOfSecret,
  explainSaveFailure,
  isNewerVersion,
  keyProblem,
  nameProblem,
  newEntry,
  secretData,
} from './config-draft';

const invalid = (causes: Status['details']): Status => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'ConfigMap "cfg" is invalid: data[bad key]: Invalid value',
  reason: 'Invalid',
  code: 422,
  details: causes,
});

describe('config drafts', () => {
  it('round-trips a ConfigMap with an edited value, an added key and a removed one', () => {
    const entries = entriesOfConfigMap({ b: 'two\nlines', a: '1', gone: 'x' });
    expect(entries.map((e) => e.key)).toEqual(['a', 'b', 'gone']);
    entries[0]!.value = 'changed';
    const edited = [...entries.filter((e) => e.key !== 'gone'), newEntry('c', '3')];
    expect(configMapData(edited)).toEqual({ a: 'changed', b: 'two\nlines', c: '3' });
  });

  it("keeps a Secret's untouched values as stored and encodes replaced ones as UTF-8 base64", () => {
    const entries = entriesOfSecret({ user: encodeBase64('admin'), blob: 'AP8=' });
    expect(entries.every((e) => e.value === undefined)).toBe(true);
    entries.find((e) => e.key === 'user')!.value = 'rüdiger';
    expect(secretData([...entries, newEntry('token', 't-1')])).toEqual({
      blob: 'AP8=',
      user: Buffer.from('rüdiger').toString('base64'),
      token: Buffer.from('t-1').toString('base64'),
    });
  });

  it('decodes text and refuses to show binary as text', () => {
    expect(decodeBase64(encodeBase64('päss\nword'))).toBe('päss\nword');
    expect(decodeBase64('AP8=')).toBeUndefined();
  });

  it('names the key and the fix for a bad, empty or repeated key', () => {
    expect(keyProblem('bad key')).toBe(
      `Key "bad key": use only letters, digits, '-', '_' or '.' (e.g. 'key.name')`,
    );
    expect(keyProblem('..')).toContain('use only letters');
    expect(keyProblem('')).toBe('Key is required');
    expect(keyProblem('ok.key_1-x')).toBeUndefined();
    const entries = [newEntry('a'), newEntry('a'), newEntry('b c')];
    const problems = draftProblems(entries);
    expect(problems.get(entries[0]!.id)).toBeUndefined();
    expect(problems.get(entries[1]!.id)).toBe('Key "a" is already there; use each key once');
    expect(problems.get(entries[2]!.id)).toContain('Key "b c"');
  });

  it('checks a new name as the server would', () => {
    expect(nameProblem('app-config.v2')).toBeUndefined();
    expect(nameProblem('')).toBe('Name is required');
    expect(nameProblem('App_Config')).toBe(
      `Name "App_Config": use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit (e.g. 'app-config')`,
    );
    expect(nameProblem('-x')).toContain('starting and ending');
    expect(nameProblem('a'.repeat(254))).toBe('Name is 254 characters long; use at most 253');
  });

  it('tells a conflict from an invalid key and puts the latter at its key', () => {
    expect(explainSaveFailure(409, undefined, 'ConfigMap cfg')).toEqual({
      message:
        'ConfigMap cfg changed since you opened it. Reload to see its current values, then make your change again.',
      byKey: {},
      conflict: true,
    });
    const failure = explainSaveFailure(
      422,
      invalid({
        causes: [{ field: 'data[bad key]', message: 'Invalid value: "bad key": a valid config key' }],
      }),
      'ConfigMap cfg',
    );
    expect(failure.conflict).toBe(false);
    expect(failure.byKey).toEqual({
      'bad key': 'data[bad key]: Invalid value: "bad key": a valid config key',
    });
    expect(failure.message).toContain('is invalid');
  });

  it('tells a newer server version from the one just saved', () => {
    expect(isNewerVersion('120', '99')).toBe(true);
    expect(isNewerVersion('99', '120')).toBe(false);
    expect(isNewerVersion('7', '7')).toBe(false);
    expect(isNewerVersion('abc', 'abd')).toBe(true);
  });
});
