import { createHash } from 'node:crypto';
import type { DockerRuntime } from './docker-runtime';
import { tarArchive, type TarEntry } from './tar-archive';

// Writes configMap and secret volumes the way Kubernetes' AtomicWriter does, through the engine's archive
// API into the pod's sandbox (which holds each such volume, a tmpfs, mounted read-write; app containers mount
// it read-only). Each version of the contents goes into a new hidden directory; `..data` links to the current
// one and every visible name links through `..data`. Switching versions is one rename(2) of a new link over
// `..data` (the sandbox image's `rename` program), so a reader sees the old files or the new ones, never a mix.

/** Where the sandbox mounts each config volume. */
/** A file of a projected volume (configMap, secret, downwardAPI, serviceAccountToken) as it is written. */
export interface ProjectedFile {
  path: string;
  mode: number;
  content: Buffer;
}

export const SANDBOX_VOLUMES_DIR = '/skiff/volumes';
const STATE_FILE = '..skiff-state';

interface WrittenState {
  hash: string;
  version: string;
  /** Visible top-level names (links into `..data`). */
  links: string[];
  files: string[];
}

function contentHash(files: ProjectedFile[]): string {
  const hash = createHash('sha256');
  for (const f of [...files].sort((a, b) => a.path.localeCompare(b.path)))
    hash.update(`${f.path}\0${f.mode}\0${f.content.length}\0`).update(f.content);
  return hash.digest('hex');
}

function parentDirs(path: string): string[] {
  const parts = path.split('/').slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

export class ConfigVolumeWriter {
  private readonly written = new Map<string, WrittenState>();
  private sequence = 0;

  constructor(private readonly runtime: DockerRuntime) {}

  /** Brings the volume to `files`; false when it already held them. `fresh`: a sandbox made just now. */
  async write(sandboxId: string, volume: string, files: ProjectedFile[], fresh = false): Promise<boolean> {
    const key = `${sandboxId}|${volume}`;
    const root = `${SANDBOX_VOLUMES_DIR}/${volume}`;
    const hash = contentHash(files);
    const previous = this.written.get(key) ?? (fresh ? undefined : await this.readState(sandboxId, root));
    if (previous?.hash === hash) {
      this.written.set(key, previous);
      return false;
    }
    const stamp = new Date().toISOString().replace(/[-:T]/g, '_').replace('Z', '');
    const version = `..${stamp}.${++this.sequence}`;
    const links = [...new Set(files.map((f) => f.path.split('/')[0]!))];
    const dirs = [...new Set(files.flatMap((f) => parentDirs(f.path)))];
    const entries: TarEntry[] = [
      { name: version, type: 'directory' },
      ...dirs.map((d) => ({ name: `${version}/${d}`, type: 'directory' as const })),
      ...files.map((f) => ({ name: `${version}/${f.path}`, content: f.content, mode: f.mode })),
      ...links
        .filter((l) => !previous?.links.includes(l))
        .map((l) => ({ name: l, type: 'symlink' as const, linkTarget: `..data/${l}` })),
    ];
    const state: WrittenState = {
      hash,
      version,
      links: [...new Set([...(previous?.links ?? []), ...links])],
      files: files.map((f) => f.path),
    };
    if (!previous) {
      // A first write (a new sandbox, before any container reads it): nothing to swap atomically, so the
      // volume, its ..data link and the state go in one archive, without the rename's exec.
      entries.push(
        { name: '..data', type: 'symlink', linkTarget: version },
        { name: STATE_FILE, content: Buffer.from(JSON.stringify(state)), mode: 0o600 },
      );
      await this.runtime.putArchive(sandboxId, root, tarArchive(entries));
      this.written.set(key, state);
      return true;
    }
    entries.push({ name: '..data_tmp', type: 'symlink', linkTarget: version });
    await this.runtime.putArchive(sandboxId, root, tarArchive(entries));
    const swap = await this.runtime.run(sandboxId, ['/rename', `${root}/..data_tmp`, `${root}/..data`]);
    if (swap.exitCode !== 0)
      throw new Error(
        `cannot switch volume "${volume}" to its new contents (rename failed, errno ${swap.exitCode})`,
      );
    // The old version's files are emptied (tmpfs memory back); the archive API cannot delete them.
    const emptied: TarEntry[] = previous.files.map((f) => ({
      name: `${previous.version}/${f}`,
      content: Buffer.alloc(0),
    }));
    emptied.push({ name: STATE_FILE, content: Buffer.from(JSON.stringify(state)), mode: 0o600 });
    await this.runtime.putArchive(sandboxId, root, tarArchive(emptied));
    this.written.set(key, state);
    return true;
  }

  /** Drops what is remembered about a sandbox that is gone. */
  forget(sandboxId: string): void {
    for (const key of [...this.written.keys()]) if (key.startsWith(`${sandboxId}|`)) this.written.delete(key);
  }

  /** After a Skiff restart: what an earlier run wrote into a sandbox that is still running. */
  private async readState(sandboxId: string, root: string): Promise<WrittenState | undefined> {
    const text = await this.runtime
      .readFile(sandboxId, `${root}/${STATE_FILE}`, 1 << 20)
      .catch(() => undefined);
    if (!text) return undefined;
    try {
      return JSON.parse(text) as WrittenState;
    } catch {
      return undefined;
    }
  }
}
