import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DockerRuntime } from '../runtime/docker-runtime';
import { LABEL } from '../runtime/labels';
import { renameProgram } from '../runtime/sandbox-programs';
import { tarArchive } from '../runtime/tar-archive';

/**
 * skiff/service-proxy:<content hash>: the static skiff-proxy and skiff-dns (built into `proxyDir` by
 * scripts/build-proxy.sh) and the rename program, FROM scratch, built through the engine once. Used by Service
 * proxies, the gateway and the cluster DNS.
 */
export function proxyImageBuilder(runtime: DockerRuntime, proxyDir: string): () => Promise<string> {
  let image: Promise<string> | undefined;
  return () => {
    image ??= (async () => {
      const info = await runtime.engineInfo();
      const arch = info.arch === 'x86_64' ? 'amd64' : info.arch === 'aarch64' ? 'arm64' : info.arch;
      const path = join(proxyDir, `skiff-proxy-${arch}`);
      let binary: Buffer;
      let dns: Buffer;
      try {
        binary = await readFile(path);
        dns = await readFile(join(proxyDir, `skiff-dns-${arch}`));
      } catch {
        throw new Error(
          `the Service proxy for ${arch} was not built (${path}); run npm run build with a C compiler present`,
        );
      }
      const tag = `skiff/service-proxy:${createHash('sha256').update(binary).update(dns).digest('hex').slice(0, 12)}`;
      if (await runtime.imageId(tag)) return tag;
      const context = tarArchive([
        {
          name: 'Dockerfile',
          content: Buffer.from(
            'FROM scratch\nCOPY skiff-proxy skiff-dns rename /\nENTRYPOINT ["/skiff-proxy"]\n',
          ),
        },
        { name: 'skiff-proxy', content: binary, mode: 0o755 },
        { name: 'skiff-dns', content: dns, mode: 0o755 },
        { name: 'rename', content: renameProgram(info.arch), mode: 0o755 },
      ]);
      await runtime.buildImage(tag, context, { [LABEL.managed]: 'true' });
      return tag;
    })();
    image.catch(() => (image = undefined));
    return image;
  };
}
