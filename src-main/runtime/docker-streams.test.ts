import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { demuxBuffer, frameDemuxer, splitOutput } from './docker-streams';

const frame = (stream: 1 | 2, payload: string) => {
  const body = Buffer.from(payload);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
};

describe('frameDemuxer', () => {
  it('takes frames apart however the bytes are cut', () => {
    const bytes = Buffer.concat([frame(1, 'hello '), frame(2, 'oops'), frame(1, 'world')]);
    for (const cut of [1, 3, 8, 9, 14, 20, bytes.length]) {
      const seen: string[] = [];
      const demux = frameDemuxer();
      for (let at = 0; at < bytes.length; at += cut)
        demux.write(bytes.subarray(at, at + cut), (stream, payload) => seen.push(`${stream}:${payload}`));
      expect(seen, `cut every ${cut} bytes`).toEqual(['stdout:hello ', 'stderr:oops', 'stdout:world']);
    }
  });

  it('holds a partial frame until the rest arrives', () => {
    const seen: string[] = [];
    const demux = frameDemuxer();
    const bytes = frame(2, 'late');
    demux.write(bytes.subarray(0, 10), (_s, p) => seen.push(String(p)));
    expect(seen).toEqual([]);
    demux.write(bytes.subarray(10), (_s, p) => seen.push(String(p)));
    expect(seen).toEqual(['late']);
  });
});

describe('demuxBuffer', () => {
  it('joins both streams in arrival order', () => {
    expect(String(demuxBuffer(Buffer.concat([frame(1, 'a'), frame(2, 'b'), frame(1, 'c')])))).toBe('abc');
  });
});

describe('splitOutput', () => {
  it('hands stdout and stderr apart and ends both when the source ends', async () => {
    const source = new PassThrough();
    const { stdout, stderr } = splitOutput(source, false);
    const out = text(stdout);
    const err = text(stderr);
    source.write(Buffer.concat([frame(1, 'one '), frame(2, 'bad')]).subarray(0, 5));
    source.end(Buffer.concat([frame(1, 'one '), frame(2, 'bad'), frame(1, 'two')]).subarray(5));
    expect(await out).toBe('one two');
    expect(await err).toBe('bad');
  });

  it('passes a TTY stream through as stdout, stderr empty', async () => {
    const source = new PassThrough();
    const { stdout, stderr } = splitOutput(source, true);
    const out = text(stdout);
    source.end('\u0001raw terminal bytes');
    expect(await out).toBe('\u0001raw terminal bytes');
    expect(await text(stderr)).toBe('');
  });

  it('ends both outputs when the connection breaks', async () => {
    const source = new PassThrough();
    const { stdout, stderr } = splitOutput(source, false);
    const out = text(stdout);
    const err = text(stderr);
    source.write(frame(1, 'partial'));
    source.destroy();
    expect(await out).toBe('partial');
    expect(await err).toBe('');
  });
});
