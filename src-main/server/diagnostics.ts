import { readdirSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// What the process holds right now, for the suites that prove streams leave nothing behind (and for anyone
// asking why Skiff grew): open file descriptors, Node's live handles and requests by type, open API streams and
// store watchers, memory. Token-protected like the rest of the API; Kubernetes serves /debug/* the same way.

export const DIAGNOSTICS_PATH = '/debug/skiff/resources';

export interface Diagnostics {
  fileDescriptors: number | null;
  handles: Record<string, number>;
  apiStreams: number;
  storeWatchers: number;
  memory: { rss: number; heapUsed: number };
}

function openFileDescriptors(): number | null {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return null; // not Linux
  }
}

let fullCollection: (() => void) | undefined;

/**
 * Runs V8's full garbage collection. heapUsed alone counts garbage not yet collected: after a burst of large
 * requests it stays high until the next major GC, which an idle process may not run for a long time.
 */
function collectGarbage(): void {
  if (!fullCollection) {
    setFlagsFromString('--expose-gc');
    fullCollection = runInNewContext('gc') as () => void;
  }
  fullCollection();
}

/** `collect`: measure memory after a full garbage collection (`?gc=true`), so heapUsed is what is still held. */
export function diagnostics(
  counts: { apiStreams: number; storeWatchers: number },
  collect = false,
): Diagnostics {
  if (collect) collectGarbage();
  const handles: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) handles[type] = (handles[type] ?? 0) + 1;
  const { rss, heapUsed } = process.memoryUsage();
  return { fileDescriptors: openFileDescriptors(), handles, ...counts, memory: { rss, heapUsed } };
}
