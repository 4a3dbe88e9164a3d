import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KubeObject } from '../shared/api-types';

// Encryption at rest for the journal and snapshots, as Kubernetes' EncryptionConfiguration does for etcd:
// a Secret is stored whole (data, annotations such as kubectl's last-applied copy, everything) as AES-256-GCM
// ciphertext bound to its store key, so a blob cannot be moved to another name. Other kinds pass through.

/** What a sealed object looks like on disk. */
interface SealedObject {
  sealed: string;
}

const FORMAT = 'aesgcm1:';
const SECRET_PREFIX = '/secrets/'; // the store key of a core-group Secret: "/secrets/<namespace>/<name>"

export interface ObjectSealer {
  seal(key: string, object: KubeObject): KubeObject | SealedObject;
  open(key: string, stored: KubeObject | SealedObject): KubeObject;
}

export function isSealed(stored: unknown): stored is SealedObject {
  return typeof (stored as SealedObject | undefined)?.sealed === 'string';
}

export function secretSealer(key: Buffer, keyLocation: string): ObjectSealer {
  if (key.length !== 32) throw new Error(`the secret key in ${keyLocation} must be 32 bytes`);
  return {
    seal(storeKey, object) {
      if (!storeKey.startsWith(SECRET_PREFIX)) return object;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(storeKey));
      const body = Buffer.concat([cipher.update(JSON.stringify(object), 'utf8'), cipher.final()]);
      return { sealed: FORMAT + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64') };
    },
    open(storeKey, stored) {
      if (!isSealed(stored)) {
        if (storeKey.startsWith(SECRET_PREFIX))
          throw new Error(
            `store: Secret ${storeKey} is stored unencrypted; refusing to load a tampered store`,
          );
        return stored;
      }
      if (!stored.sealed.startsWith(FORMAT)) throw new Error(`store: ${storeKey} uses an unknown encryption`);
      const raw = Buffer.from(stored.sealed.slice(FORMAT.length), 'base64');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAAD(Buffer.from(storeKey));
        decipher.setAuthTag(raw.subarray(12, 28));
        const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
        return JSON.parse(text) as KubeObject;
      } catch {
        throw new Error(
          `store: cannot decrypt Secret ${storeKey.slice(SECRET_PREFIX.length)}: the key in ${keyLocation} is not the one it was written with (restore that key, or remove the data dir's store to start over)`,
        );
      }
    },
  };
}
