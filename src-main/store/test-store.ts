import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKindRegistry } from './all-kinds';
import { openStore, type OpenedStore } from './open-store';

/** A real store on a temporary data dir, for tests. */
export async function openTestStore(
  now?: () => Date,
): Promise<OpenedStore & { dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'skiff-store-'));
  const opened = await openStore(dir, createKindRegistry(), () => {}, now);
  return {
    ...opened,
    dir,
    cleanup: async () => {
      await opened.journal.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
