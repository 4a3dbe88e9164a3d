import { join } from 'node:path';
import { namespaceType } from '../shared/resource-types';
import { Journal } from './journal';
import type { KindRegistry } from './kind-strategy';
import { ObjectStore } from './object-store';
import type { ObjectSealer } from './object-sealer';

export const DEFAULT_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export interface OpenedStore {
  store: ObjectStore;
  journal: Journal;
}

/** Loads the store persisted under `dataDir` (creating it on first run) and makes sure the default namespaces exist. */
export async function openStore(
  dataDir: string,
  kinds: KindRegistry,
  log: (message: string) => void = () => {},
  now?: () => Date,
  sealer?: ObjectSealer,
): Promise<OpenedStore> {
  // The journal compacts from the store's live state, and the store is built from what the journal loaded.
  const holder: { store?: ObjectStore } = {};
  const { journal, state } = await Journal.open(
    join(dataDir, 'store'),
    () => holder.store!.persistedState(),
    log,
    sealer,
  );
  const store = (holder.store = new ObjectStore(kinds, state, now));
  store.attachJournal(journal);
  for (const name of DEFAULT_NAMESPACES) {
    if (!store.tryGet(namespaceType, undefined, name)) {
      await store.create(namespaceType, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    }
  }
  return { store, journal };
}
