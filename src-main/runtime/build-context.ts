import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { isIgnored, parseDockerignore } from './dockerignore';
import { tarArchive, type TarEntry } from './tar-archive';

/** The engine gets the whole context in one request: past this, say so instead of sending a huge body. */
const MAX_CONTEXT_BYTES = 512 * 1024 * 1024;

export interface BuildContext {
  tar: Buffer;
  files: number;
  bytes: number;
}

/**
 * A folder as the tar the engine builds from, leaving out what `.dockerignore` excludes (as the Docker CLI does);
 * the Dockerfile and .dockerignore always go in, since the engine reads them from the context.
 */
export async function makeBuildContext(folder: string, dockerfile: string): Promise<BuildContext> {
  const ignoreText = await readFile(join(folder, '.dockerignore'), 'utf8').catch(() => '');
  const rules = parseDockerignore(ignoreText);
  const reincludes = rules.some((r) => !r.exclude);
  const keep = new Set([posix.normalize(dockerfile), '.dockerignore']);
  const entries: TarEntry[] = [];
  let bytes = 0;
  const walk = async (relative: string): Promise<void> => {
    const names = (await readdir(join(folder, relative))).sort();
    for (const name of names) {
      const path = relative ? `${relative}/${name}` : name;
      const full = join(folder, path);
      const stat = await lstat(full);
      const ignored = isIgnored(rules, path) && !keep.has(path);
      if (stat.isDirectory()) {
        // A folder left out can still hold a re-included file (`!dir/keep`): then look inside anyway.
        if (ignored && !reincludes) continue;
        if (!ignored) entries.push({ name: `${path}/`, type: 'directory', mode: stat.mode & 0o7777 });
        await walk(path);
      } else if (!ignored && stat.isSymbolicLink())
        entries.push({ name: path, type: 'symlink', linkTarget: await readlink(full) });
      else if (!ignored && stat.isFile()) {
        bytes += stat.size;
        if (bytes > MAX_CONTEXT_BYTES)
          throw new Error(
            `the build context ${folder} is over ${MAX_CONTEXT_BYTES / 1024 / 1024} MiB: leave big folders out with .dockerignore`,
          );
        entries.push({ name: path, content: await readFile(full), mode: stat.mode & 0o7777 });
      }
    }
  };
  await walk('');
  return { tar: tarArchive(entries), files: entries.filter((e) => e.type !== 'directory').length, bytes };
}
