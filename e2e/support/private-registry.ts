import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

// A private registry for tests: the Docker Registry HTTP API v2 (enough for `docker pull`), serving one local
// image under a name, behind basic auth. The engine reaches it on 127.0.0.1, which Docker treats as insecure
// (plain HTTP) by default, so no certificate is needed and no traffic leaves the machine.

const run = promisify(execFile);

/** The entries of an uncompressed tar (as `docker save` writes). */
function untar(tar: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (let offset = 0; offset + 512 <= tar.length;) {
    const header = tar.subarray(offset, offset + 512);
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    if (!name) break;
    const size = parseInt(header.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim() || '0', 8);
    files.set(name, tar.subarray(offset + 512, offset + 512 + size));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

const digest = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

export interface PrivateRegistry {
  /** e.g. 127.0.0.1:41234 */
  host: string;
  close(): Promise<void>;
}

export async function startPrivateRegistry(
  localImage: string,
  repository: string,
  tag: string,
  credentials: { username: string; password: string },
): Promise<PrivateRegistry> {
  const { stdout } = await run('docker', ['save', localImage], { encoding: 'buffer', maxBuffer: 256 << 20 });
  const files = untar(stdout);
  const saved = JSON.parse(files.get('manifest.json')!.toString())[0] as { Config: string; Layers: string[] };
  const blobs = new Map<string, Buffer>();
  const config = files.get(saved.Config)!;
  blobs.set(digest(config), config);
  const layers = saved.Layers.map((path) => {
    const gz = gzipSync(files.get(path)!);
    blobs.set(digest(gz), gz);
    return {
      mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
      size: gz.length,
      digest: digest(gz),
    };
  });
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      config: {
        mediaType: 'application/vnd.docker.container.image.v1+json',
        size: config.length,
        digest: digest(config),
      },
      layers,
    }),
  );
  const expected = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  const server: Server = createServer((req, res) => {
    if (req.headers.authorization !== expected) {
      res.writeHead(401, {
        'WWW-Authenticate': 'Basic realm="skiff-test"',
        'Docker-Distribution-API-Version': 'registry/2.0',
      });
      res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }));
      return;
    }
    const url = req.url ?? '';
    const send = (body: Buffer, type: string, extra: Record<string, string> = {}) => {
      res.writeHead(200, {
        'Content-Type': type,
        'Content-Length': body.length,
        'Docker-Content-Digest': digest(body),
        ...extra,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (url === '/v2/')
      return send(Buffer.from('{}'), 'application/json', {
        'Docker-Distribution-API-Version': 'registry/2.0',
      });
    if (
      url === `/v2/${repository}/manifests/${tag}` ||
      url === `/v2/${repository}/manifests/${digest(manifest)}`
    )
      return send(manifest, 'application/vnd.docker.distribution.manifest.v2+json');
    const blob = /^\/v2\/.+\/blobs\/(sha256:[0-9a-f]+)$/.exec(url);
    if (blob && blobs.has(blob[1]!)) return send(blobs.get(blob[1]!)!, 'application/octet-stream');
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: 'not found' }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    host: `127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
