import { generateKeyPair, randomBytes, X509Certificate } from 'node:crypto';
import { promisify } from 'node:util';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileDurably } from '../store/durable-file';
import type { TlsMaterial } from '../server/dual-protocol-listener';

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** The API token, made on first run and kept (0600) so kubeconfigs stay valid across restarts. */
export async function loadOrCreateToken(dataDir: string): Promise<string> {
  const path = join(dataDir, 'token');
  const existing = (await readIfPresent(path))?.trim();
  if (existing) return existing;
  const token = randomBytes(32).toString('base64url');
  await writeFileDurably(path, `${token}\n`, { mode: 0o600 });
  return token;
}

/** The names pods reach the API by (the `kubernetes` Service): ca.crt must verify the certificate for them. */
export const IN_CLUSTER_NAMES = [
  'kubernetes',
  'kubernetes.default',
  'kubernetes.default.svc',
  'kubernetes.default.svc.cluster.local',
];

function namesInCluster(certPem: string): boolean {
  const altNames = new X509Certificate(certPem).subjectAltName ?? '';
  return IN_CLUSTER_NAMES.every((name) => altNames.split(', ').includes(`DNS:${name}`));
}

/**
 * A self-signed certificate for 127.0.0.1, localhost and ::1 and the in-cluster names, made on first run; the
 * kubeconfig (rewritten at every start) trusts it. One made before Skiff had in-cluster names is made again.
 */
export async function loadOrCreateTls(dataDir: string): Promise<TlsMaterial> {
  const dir = join(dataDir, 'tls');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const [key, cert] = await Promise.all([
    readIfPresent(join(dir, 'server.key')),
    readIfPresent(join(dir, 'server.crt')),
  ]);
  if (key && cert && namesInCluster(cert)) return { key, cert };
  // Loaded only on first run: the certificate library is slow to load and not needed again.
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: 'skiff' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          ...IN_CLUSTER_NAMES.map((value) => ({ type: 2 as const, value })),
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  await writeFileDurably(join(dir, 'server.key'), pems.private, { mode: 0o600 });
  await writeFileDurably(join(dir, 'server.crt'), pems.cert, { mode: 0o644 });
  return { key: pems.private, cert: pems.cert };
}

/** The key ServiceAccount tokens are signed with (kube-apiserver's --service-account-signing-key-file), kept 0600. */
export async function loadOrCreateServiceAccountKey(dataDir: string): Promise<string> {
  const path = join(dataDir, 'service-account.key');
  const existing = await readIfPresent(path);
  if (existing) return existing;
  const { privateKey } = await promisify(generateKeyPair)('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  await writeFileDurably(path, privateKey, { mode: 0o600 });
  return privateKey;
}

/** This data dir's Skiff instance id: it labels everything this Skiff creates in Docker. */
export async function loadOrCreateInstanceId(dataDir: string): Promise<string> {
  const path = join(dataDir, 'instance-id');
  const existing = (await readIfPresent(path))?.trim();
  if (existing) return existing;
  const id = randomBytes(6).toString('hex');
  await writeFileDurably(path, `${id}\n`, { mode: 0o600 });
  return id;
}

/** `SKIFF_EXTRA_LABELS=k=v,k2=v2`: more labels for every Docker object Skiff creates. */
export function extraLabelsFromEnv(value: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of (value ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`SKIFF_EXTRA_LABELS: "${pair}" is not key=value`);
    labels[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return labels;
}
