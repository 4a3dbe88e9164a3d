import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateSecretKey, type KeyProtector } from './secret-key';

// A stand-in for the OS keychain: reversible, and visibly not the plain key.
const keychain: KeyProtector = {
  isEncryptionAvailable: () => true,
  encryptString: (plain) => Buffer.from(plain.split('').reverse().join(''), 'utf8'),
  decryptString: (buf) => buf.toString('utf8').split('').reverse().join(''),
};

describe('secret key', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'skiff-key-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('headless: makes a 0600 key file once and reuses it', async () => {
    const first = await loadOrCreateSecretKey(dir);
    expect(first.key).toHaveLength(32);
    expect((await stat(join(dir, 'secret-key'))).mode & 0o777).toBe(0o600);
    expect((await loadOrCreateSecretKey(dir)).key.equals(first.key)).toBe(true);
  });

  it('in Electron: keeps the key only encrypted by the keychain', async () => {
    const first = await loadOrCreateSecretKey(dir, keychain);
    const stored = await readFile(join(dir, 'secret-key.safe'), 'utf8');
    expect(stored).not.toContain(first.key.toString('hex'));
    expect((await loadOrCreateSecretKey(dir, keychain)).key.equals(first.key)).toBe(true);
    await expect(loadOrCreateSecretKey(dir)).rejects.toThrow(
      /locked in the OS keychain; start Skiff as the desktop app/,
    );
  });

  it('keeps using a headless key when the desktop app opens the same data dir', async () => {
    const headless = await loadOrCreateSecretKey(dir);
    expect((await loadOrCreateSecretKey(dir, keychain)).key.equals(headless.key)).toBe(true);
  });
});
