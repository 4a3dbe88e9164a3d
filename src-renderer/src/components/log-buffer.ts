// The lines of a log as they stream in, at most `capacity` of them: memory stays bounded however long the log
// runs; the oldest lines go first and are counted. Pure.

const TIMESTAMP = /^(\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:\d\d)) /;

export interface LogLine {
  /** Position since the stream began (stable while older lines are dropped). */
  seq: number;
  timestamp?: string;
  text: string;
  /** The pod it came from, when one view follows several. */
  source?: string;
  /** A line of the viewer's own (where a new revision's pods begin), not of any log. */
  marker?: boolean;
}

export class LogBuffer {
  private lines: LogLine[] = [];
  private readonly partials = new Map<string, string>();
  private nextSeq = 0;
  dropped = 0;

  constructor(private readonly capacity: number) {}

  /** Adds a chunk of a source's output; a line without its newline yet waits for that source's next chunk. */
  append(chunk: string, source?: string): void {
    const key = source ?? '';
    const parts = ((this.partials.get(key) ?? '') + chunk).split('\n');
    this.partials.set(key, parts.pop() ?? '');
    for (const raw of parts) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      const match = TIMESTAMP.exec(line);
      const entry: LogLine = {
        seq: this.nextSeq++,
        ...(match ? { timestamp: match[1], text: line.slice(match[0].length) } : { text: line }),
        ...(source !== undefined ? { source } : {}),
      };
      // several pods' lines merge by time: a pod's older lines (its tail arriving late) go before newer ones
      if (source !== undefined && entry.timestamp) this.insertByTime(entry);
      else this.lines.push(entry);
    }
    this.trim();
  }

  private insertByTime(entry: LogLine): void {
    const key = timestampKey(entry.timestamp!);
    const keyAt = (i: number) => {
      const t = this.lines[i]!.timestamp;
      return t ? timestampKey(t) : '';
    };
    // nearly always the newest: appended
    if (this.lines.length === 0 || keyAt(this.lines.length - 1) <= key) {
      this.lines.push(entry);
      return;
    }
    let lo = 0;
    let hi = this.lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keyAt(mid) <= key) lo = mid + 1;
      else hi = mid;
    }
    this.lines.splice(lo, 0, entry);
  }

  /** A line of the viewer's own, e.g. where a new revision's pods begin. */
  appendMarker(text: string): void {
    this.lines.push({ seq: this.nextSeq++, text, marker: true });
    this.trim();
  }

  private trim(): void {
    const over = this.lines.length - this.capacity;
    if (over > 0) {
      this.lines.splice(0, over);
      this.dropped += over;
    }
  }

  /** The rest of a source's stream that ended without a final newline. */
  flush(source?: string): void {
    if (this.partials.get(source ?? '')) this.append('\n', source);
  }

  get length(): number {
    return this.lines.length;
  }

  slice(start: number, end: number): LogLine[] {
    return this.lines.slice(start, end);
  }

  /** Indexes (into the buffer) of the lines containing `needle`, ignoring case. */
  search(needle: string): number[] {
    if (!needle) return [];
    const lower = needle.toLowerCase();
    const found: number[] = [];
    this.lines.forEach((line, i) => {
      if (line.text.toLowerCase().includes(lower)) found.push(i);
    });
    return found;
  }

  /** The whole buffer as text, for a download. */
  text(withTimestamps: boolean): string {
    return this.lines
      .map((l) => {
        const text = l.source ? `[${l.source}] ${l.text}` : l.text;
        return withTimestamps && l.timestamp ? `${l.timestamp} ${text}` : text;
      })
      .join('\n');
  }
}

/**
 * A timestamp that sorts as text: RFC 3339 with nanoseconds as the kubelet writes it, whose fraction drops
 * trailing zeros ("…:01.1Z" is later than "…:01.05Z"), padded to nine digits, in UTC.
 */
export function timestampKey(timestamp: string): string {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(timestamp);
  if (!m) return timestamp;
  const fraction = (m[2] ?? '').padEnd(9, '0').slice(0, 9);
  if (m[3] === 'Z') return `${m[1]}.${fraction}`;
  const utc = new Date(Date.parse(`${m[1]}${m[3]}`)).toISOString().slice(0, 19);
  return `${utc}.${fraction}`;
}
