import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKindRegistry } from './all-kinds';
import type { KindRegistry } from './kind-strategy';
import { openStore, type OpenedStore } from './open-store';

/** A real store on a temporary data dir, for tests. */
export async function openTestStore(
  now?: () => Date,
): Promise<OpenedStore & { dir: string; kinds: KindRegistry; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'skiff-store-'));
  const kinds = createKindRegistry();
  const opened = await openStore(dir, kinds, () => {}, now);
  return {
    ...opened,
    dir,
    kinds,
    cleanup: async () => {
      await opened.journal.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
