import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileDurably } from '../store/durable-file';

/** The OS keychain, as Electron's safeStorage offers it. */
export interface KeyProtector {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface SecretKey {
  key: Buffer;
  /** Where the key lives, for messages. */
  location: string;
}

async function readIfPresent(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function parseKey(hex: string, location: string): Buffer {
  const key = Buffer.from(hex.trim(), 'hex');
  if (key.length !== 32) throw new Error(`the secret key in ${location} is damaged (expected 64 hex digits)`);
  return key;
}

/**
 * The key that encrypts Secrets at rest. Under Electron it is itself encrypted by the OS keychain
 * (safeStorage) in `secret-key.safe`; headless, it is a 0600 file `secret-key` in the data dir. A key that
 * exists is always used as it is, so a data dir moves between the two modes without losing its Secrets.
 */
export async function loadOrCreateSecretKey(dataDir: string, protector?: KeyProtector): Promise<SecretKey> {
  const safePath = join(dataDir, 'secret-key.safe');
  const plainPath = join(dataDir, 'secret-key');
  const safe = await readIfPresent(safePath);
  if (safe) {
    if (!protector?.isEncryptionAvailable())
      throw new Error(
        `the secret key in ${safePath} is locked in the OS keychain; start Skiff as the desktop app to open it`,
      );
    return { key: parseKey(protector.decryptString(safe), 'the OS keychain'), location: 'the OS keychain' };
  }
  const plain = await readIfPresent(plainPath);
  if (plain) return { key: parseKey(plain.toString('utf8'), plainPath), location: plainPath };
  const key = randomBytes(32);
  if (protector?.isEncryptionAvailable()) {
    await writeFileDurably(safePath, protector.encryptString(key.toString('hex')), {
      mode: 0o600,
      exclusive: true,
    });
    return { key, location: 'the OS keychain' };
  }
  await writeFileDurably(plainPath, `${key.toString('hex')}\n`, { mode: 0o600, exclusive: true });
  return { key, location: plainPath };
}
