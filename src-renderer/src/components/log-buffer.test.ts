import { describe, expect, it } from 'vitest';
import { LogBuffer, timestampKey } from './log-buffer';

describe('LogBuffer', () => {
  it('joins lines split across chunks and separates the timestamp kubectl --timestamps adds', () => {
    const buffer = new LogBuffer(10);
    buffer.append('2026-11-23T10:00:00.123456789Z hel');
    buffer.append('lo\r\nplain line\npart');
    expect(buffer.slice(0, 5)).toEqual([
      { seq: 0, timestamp: '2026-11-23T10:00:00.123456789Z', text: 'hello' },
      { seq: 1, text: 'plain line' },
    ]);
    buffer.flush();
    expect(buffer.slice(2, 3)).toEqual([{ seq: 2, text: 'part' }]);
  });

  it('keeps at most its capacity, dropping and counting the oldest', () => {
    const buffer = new LogBuffer(3);
    buffer.append(Array.from({ length: 10 }, (_, i) => `line ${i}`).join('\n') + '\n');
    expect(buffer.length).toBe(3);
    expect(buffer.dropped).toBe(7);
    expect(buffer.slice(0, 3).map((l) => `${l.seq}:${l.text}`)).toEqual(['7:line 7', '8:line 8', '9:line 9']);
  });

  it('finds lines by text, ignoring case, and exports with or without timestamps', () => {
    const buffer = new LogBuffer(10);
    buffer.append('2026-11-23T10:00:00Z GET /a\n2026-11-23T10:00:01Z post /b\n2026-11-23T10:00:02Z get /c\n');
    expect(buffer.search('GET')).toEqual([0, 2]);
    expect(buffer.text(false)).toBe('GET /a\npost /b\nget /c');
    expect(buffer.text(true).split('\n')[0]).toBe('2026-11-23T10:00:00Z GET /a');
  });

  it('keeps the partial line of each source apart, labels lines by source and takes markers', () => {
    const buffer = new LogBuffer(10);
    buffer.append('a1\na', 'pod-a');
    buffer.append('b1\n', 'pod-b');
    buffer.appendMarker('revision 2 begins');
    buffer.append('2\n', 'pod-a');
    expect(buffer.slice(0, 4)).toEqual([
      { seq: 0, text: 'a1', source: 'pod-a' },
      { seq: 1, text: 'b1', source: 'pod-b' },
      { seq: 2, text: 'revision 2 begins', marker: true },
      { seq: 3, text: 'a2', source: 'pod-a' },
    ]);
    expect(buffer.text(false)).toBe('[pod-a] a1\n[pod-b] b1\nrevision 2 begins\n[pod-a] a2');
  });
});

describe('merging several pods by time', () => {
  it("puts a pod's lines among the others' by their timestamps, whatever order the streams arrive in", () => {
    const buffer = new LogBuffer(100);
    buffer.append('2026-12-03T10:00:01Z a1\n2026-12-03T10:00:03Z a3\n2026-12-03T10:00:05Z a5\n', 'pod-a');
    buffer.append('2026-12-03T10:00:02Z b2\n2026-12-03T10:00:04.5Z b4\n', 'pod-b');
    buffer.append('2026-12-03T10:00:06Z b6\n', 'pod-b');
    buffer.append('2026-12-03T10:00:04.25Z a4\n', 'pod-a');
    expect(buffer.slice(0, buffer.length).map((l) => l.text)).toEqual([
      'a1',
      'b2',
      'a3',
      'a4',
      'b4',
      'a5',
      'b6',
    ]);
  });
  it('keeps lines of the same instant in arrival order', () => {
    const buffer = new LogBuffer(100);
    buffer.append('2026-12-03T10:00:01Z first\n', 'pod-a');
    buffer.append('2026-12-03T10:00:01Z second\n', 'pod-b');
    expect(buffer.slice(0, 2).map((l) => l.text)).toEqual(['first', 'second']);
  });
});

describe('timestampKey', () => {
  it('orders nanosecond timestamps whose fractions drop trailing zeros, and offsets as UTC', () => {
    const sorted = [
      '2026-12-03T10:00:01.1Z',
      '2026-12-03T10:00:01.05Z',
      '2026-12-03T10:00:01Z',
      '2026-12-03T11:00:00.5+02:00',
    ]
      .map((t) => [timestampKey(t), t] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, t]) => t);
    expect(sorted).toEqual([
      '2026-12-03T09:00:00.5+02:00'.replace('09', '11'),
      '2026-12-03T10:00:01Z',
      '2026-12-03T10:00:01.05Z',
      '2026-12-03T10:00:01.1Z',
    ]);
  });
});
