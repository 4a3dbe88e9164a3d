import { mkdir, open, readFile, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { KubeObject } from '../shared/api-types';
import { fsyncDirectory } from './durable-file';
import type { ObjectSealer } from './object-sealer';

// Crash-safe persistence: every write is appended to a journal and fsynced before it is acknowledged; the
// journal is folded now and then into a snapshot written to a temporary file and atomically renamed. A record
// is one line, `crc32 json`, so a torn last line (a crash mid-write) is recognised and discarded on load.

export type JournalRecord = { rv: number; key: string } & (
  { op: 'put'; object: KubeObject } | { op: 'delete' }
);

export interface PersistedState {
  rv: number;
  objects: Map<string, KubeObject>;
}

interface Snapshot {
  rv: number;
  objects: Record<string, KubeObject | ReturnType<ObjectSealer['seal']>>;
}

const SNAPSHOT = 'snapshot.json';
const JOURNAL = 'journal.log';
const COMPACT_AFTER_RECORDS = 5000;
/** After a failed compaction (disk full), the records to wait before trying again; the journal stays valid. */
const COMPACT_RETRY_RECORDS = 1000;

/** Leaves every object as it is: for stores without encryption at rest (tests of other things). */
export const plainObjects: ObjectSealer = {
  seal: (_key, object) => object,
  open: (_key, stored) => stored as KubeObject,
};

export function encodeRecord(record: JournalRecord, sealer: ObjectSealer = plainObjects): string {
  const json = JSON.stringify(
    record.op === 'put' ? { ...record, object: sealer.seal(record.key, record.object) } : record,
  );
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
}

/** Parses journal text; returns the records up to the first torn or corrupt line, and that line's offset. */
export function decodeJournal(text: string): { records: JournalRecord[]; validBytes: number } {
  const records: JournalRecord[] = [];
  let offset = 0;
  while (offset < text.length) {
    const end = text.indexOf('\n', offset);
    if (end < 0) break;
    const line = text.slice(offset, end);
    const json = line.slice(9);
    if (line[8] !== ' ' || crc32(json).toString(16).padStart(8, '0') !== line.slice(0, 8)) break;
    try {
      records.push(JSON.parse(json) as JournalRecord);
    } catch {
      break;
    }
    offset = end + 1;
  }
  return { records, validBytes: Buffer.byteLength(text.slice(0, offset)) };
}

async function readSnapshot(dir: string, sealer: ObjectSealer): Promise<PersistedState> {
  let text: string;
  try {
    text = await readFile(join(dir, SNAPSHOT), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { rv: 0, objects: new Map() };
    throw err;
  }
  // Snapshots only ever appear through an atomic rename, so a parse failure is real damage: refuse to start
  // rather than run on (and later overwrite) a partial state.
  const snapshot = JSON.parse(text) as Snapshot;
  const objects = new Map<string, KubeObject>();
  for (const [key, stored] of Object.entries(snapshot.objects)) objects.set(key, sealer.open(key, stored));
  return { rv: snapshot.rv, objects };
}

export class Journal {
  private pending: Array<{ line: string; resolve: () => void; reject: (err: Error) => void }> = [];
  private flushing: Promise<void> | undefined;
  private recordsSinceSnapshot: number;
  private compactAt = COMPACT_AFTER_RECORDS;
  private failure: Error | undefined;

  private constructor(
    private readonly dir: string,
    private handle: FileHandle,
    /** The journal's length in bytes: where a failed write is cut back to. */
    private size: number,
    recordsSinceSnapshot: number,
    private readonly currentState: () => PersistedState,
    private readonly sealer: ObjectSealer,
  ) {
    this.recordsSinceSnapshot = recordsSinceSnapshot;
  }

  /** Loads the persisted state from `dir` (discarding a torn tail) and opens the journal for appending. */
  static async open(
    dir: string,
    currentState: () => PersistedState,
    log: (message: string) => void = () => {},
    sealer: ObjectSealer = plainObjects,
  ): Promise<{ journal: Journal; state: PersistedState; discardedBytes: number }> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const state = await readSnapshot(dir, sealer);
    const journalPath = join(dir, JOURNAL);
    const handle = await open(journalPath, 'a+', 0o600);
    const buffer = await handle.readFile();
    const { records, validBytes } = decodeJournal(buffer.toString('utf8'));
    const discardedBytes = buffer.length - validBytes;
    if (discardedBytes > 0) {
      log(
        `store: discarded a torn journal tail of ${discardedBytes} bytes (a write that was never acknowledged)`,
      );
      await handle.truncate(validBytes);
      await handle.sync();
    }
    for (const record of records) {
      if (record.rv <= state.rv) continue; // already folded into the snapshot
      if (record.op === 'put') state.objects.set(record.key, sealer.open(record.key, record.object));
      else state.objects.delete(record.key);
      state.rv = record.rv;
    }
    return {
      journal: new Journal(dir, handle, validBytes, records.length, currentState, sealer),
      state,
      discardedBytes,
    };
  }

  /** Resolves once the record is durable on disk. Records are written in call order. */
  append(record: JournalRecord): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.push({ line: encodeRecord(record, this.sealer), resolve, reject });
      this.flushing ??= this.flushLoop();
    });
  }

  /** Waits for every pending write. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  async close(): Promise<void> {
    await this.drain();
    await this.handle.close();
  }

  private async flushLoop(): Promise<void> {
    // Group commit: everything queued while the previous fsync ran goes out in one write and one fsync.
    while (this.pending.length > 0) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      const batch = this.pending.splice(0);
      const bytes = Buffer.from(batch.map((p) => p.line).join(''));
      try {
        await this.writeAll(bytes);
        await this.handle.datasync();
        this.size += bytes.length;
        this.recordsSinceSnapshot += batch.length;
        for (const p of batch) p.resolve();
      } catch (err) {
        // Cut what part of the batch did reach the file, so no refused write reappears after a restart (where
        // the disk allows even that; a torn line left behind is discarded on load anyway).
        await this.handle.truncate(this.size).catch(() => {});
        this.failure = new Error(
          `store: cannot write the journal in ${this.dir}: ${(err as Error).message}; nothing of this write was stored. Free space on that disk (or make it writable), then restart Skiff`,
        );
        for (const p of [...batch, ...this.pending.splice(0)]) p.reject(this.failure);
      }
      if (this.pending.length === 0 && !this.failure && this.recordsSinceSnapshot >= this.compactAt) {
        await this.compact().catch((err: Error) => {
          // The journal still holds everything; only the fold failed. Try again later rather than stop writing.
          console.error(`store: could not write a snapshot in ${this.dir} (${err.message}); will retry`);
          this.compactAt = this.recordsSinceSnapshot + COMPACT_RETRY_RECORDS;
          return rm(join(this.dir, `${SNAPSHOT}.tmp`), { force: true, recursive: false }).catch(() => {});
        });
      }
    }
    this.flushing = undefined;
  }

  /**
   * A disk that fills up mid-write returns a short count rather than an error: the rest must be written (and
   * then fail with ENOSPC), or a record would be acknowledged with only its first bytes on disk.
   */
  private async writeAll(bytes: Buffer): Promise<void> {
    for (let offset = 0; offset < bytes.length;) {
      const { bytesWritten } = await this.handle.write(bytes, offset, bytes.length - offset);
      if (bytesWritten <= 0) throw new Error('the disk accepted no more bytes');
      offset += bytesWritten;
    }
  }

  /** Folds the journal into a new snapshot. Called only when nothing is pending, so memory equals disk. */
  private async compact(): Promise<void> {
    const state = this.currentState();
    const objects: Snapshot['objects'] = {};
    for (const [key, object] of state.objects) objects[key] = this.sealer.seal(key, object);
    const snapshot: Snapshot = { rv: state.rv, objects };
    const tmp = join(this.dir, `${SNAPSHOT}.tmp`);
    await writeFile(tmp, JSON.stringify(snapshot), { mode: 0o600, flush: true });
    await rename(tmp, join(this.dir, SNAPSHOT));
    fsyncDirectory(this.dir);
    // A crash here leaves records the snapshot already holds; load skips them by resourceVersion.
    await this.handle.truncate(0);
    await this.handle.sync();
    this.size = 0;
    this.recordsSinceSnapshot = 0;
    this.compactAt = COMPACT_AFTER_RECORDS;
  }

  /** For tests: forces a compaction now. */
  async compactNow(): Promise<void> {
    await this.drain();
    await this.compact();
  }
}
