import { PassThrough } from 'node:stream';
import { constants, createDeflate, createInflate } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import dictionaries from 'spdy-transport/lib/spdy-transport/protocol/spdy/dictionary';
import { SpdySession, type SpdyStream } from './spdy-session';

// A client side made by hand: frames as kubectl's SPDY library writes them.
function block(headers: Record<string, string>): Buffer {
  const parts = [Buffer.alloc(4)];
  parts[0]!.writeUInt32BE(Object.keys(headers).length);
  for (const text of Object.entries(headers).flat()) {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(Buffer.byteLength(text));
    parts.push(len, Buffer.from(text));
  }
  return Buffer.concat(parts);
}
const deflated = (input: Buffer) =>
  new Promise<Buffer>((resolve) => {
    const d = createDeflate({ dictionary: dictionaries[3] });
    const out: Buffer[] = [];
    d.on('data', (c: Buffer) => out.push(c));
    d.write(input);
    d.flush(constants.Z_SYNC_FLUSH, () => resolve(Buffer.concat(out)));
  });
const control = (type: number, flags: number, payload: Buffer) => {
  const head = Buffer.alloc(8);
  head.writeUInt16BE(0x8003, 0);
  head.writeUInt16BE(type, 2);
  head.writeUInt32BE(payload.length, 4);
  head[4] = flags;
  return Buffer.concat([head, payload]);
};
const dataFrame = (id: number, flags: number, payload: Buffer) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(id, 0);
  head.writeUInt32BE(payload.length, 4);
  head[4] = flags;
  return Buffer.concat([head, payload]);
};

describe('SPDY/3.1 session', () => {
  it('opens a stream with its headers, replies, carries data both ways with FIN, and echoes PING', async () => {
    const sent: Buffer[] = [];
    const socket = Object.assign(new PassThrough(), { write: (b: Buffer) => (sent.push(b), true) });
    const streams: SpdyStream[] = [];
    const received: string[] = [];
    let ended = false;
    new SpdySession(
      socket as never,
      (s) => {
        streams.push(s);
        s.onData = (d) => received.push(d.toString());
        s.onEnd = () => (ended = true);
      },
      () => {},
    );
    const syn = Buffer.alloc(10);
    syn.writeUInt32BE(1, 0);
    const headers = await deflated(block({ streamtype: 'data', port: '8080', requestid: '0' }));
    socket.emit('data', control(1, 0, Buffer.concat([syn, headers])));
    socket.emit('data', dataFrame(1, 0, Buffer.from('GET / ')));
    socket.emit('data', dataFrame(1, 1, Buffer.from('HTTP/1.1')));
    const ping = control(6, 0, Buffer.from([0, 0, 0, 7]));
    socket.emit('data', ping);
    // the header block inflates asynchronously: the frames behind it wait for it, the PING's answer last
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(streams[0]!.headers).toEqual({ streamtype: 'data', port: '8080', requestid: '0' });
    expect(received.join('')).toBe('GET / HTTP/1.1');
    expect(ended).toBe(true);
    // SYN_REPLY for stream 1 (its header block inflates to zero pairs), then the PING echoed.
    expect(sent[0]!.readUInt16BE(2)).toBe(2);
    expect(sent[0]!.readUInt32BE(8)).toBe(1);
    const inflate = createInflate({ dictionary: dictionaries[3] });
    const replyHeaders = await new Promise<Buffer>((resolve) => {
      const out: Buffer[] = [];
      inflate.on('data', (c: Buffer) => out.push(c));
      inflate.write(sent[0]!.subarray(12));
      inflate.flush(constants.Z_SYNC_FLUSH, () => resolve(Buffer.concat(out)));
    });
    expect(replyHeaders.readUInt32BE(0)).toBe(0);
    expect(sent[1]).toEqual(ping);
    streams[0]!.write(Buffer.from('200 OK'));
    streams[0]!.end();
    expect(sent[2]).toEqual(dataFrame(1, 0, Buffer.from('200 OK')));
    expect(sent[3]).toEqual(dataFrame(1, 1, Buffer.alloc(0)));
  });
});
