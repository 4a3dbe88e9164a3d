import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileDurably } from '../store/durable-file';

const FILE_NAME = 'kubeconfig-files.json';

/** The kubeconfig files added in the app, kept in the data dir (whole or absent after a crash). */
export class AddedKubeconfigFiles {
  private paths: string[] | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly dataDir: string) {}

  async list(): Promise<string[]> {
    if (!this.paths) this.paths = await this.read();
    return [...this.paths];
  }

  async add(path: string): Promise<void> {
    const paths = await this.list();
    if (paths.includes(path)) return;
    await this.save([...paths, path]);
  }

  /** False when the path was not added. */
  async remove(path: string): Promise<boolean> {
    const paths = await this.list();
    if (!paths.includes(path)) return false;
    await this.save(paths.filter((p) => p !== path));
    return true;
  }

  private async save(paths: string[]): Promise<void> {
    this.paths = paths;
    const text = JSON.stringify({ paths }, null, 2);
    const write = this.writing.then(() =>
      writeFileDurably(join(this.dataDir, FILE_NAME), text, { mode: 0o600 }),
    );
    this.writing = write.catch(() => {});
    await write;
  }

  private async read(): Promise<string[]> {
    let text: string;
    try {
      text = await readFile(join(this.dataDir, FILE_NAME), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const parsed = JSON.parse(text) as { paths?: unknown };
    return Array.isArray(parsed.paths) ? parsed.paths.filter((p): p is string => typeof p === 'string') : [];
  }
}
