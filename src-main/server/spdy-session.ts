import type { Duplex } from 'node:stream';
import { constants, createDeflate, createInflate, type Deflate, type Inflate } from 'node:zlib';
import dictionaries from 'spdy-transport/lib/spdy-transport/protocol/spdy/dictionary';

// The server side of SPDY/3.1 as Kubernetes' streaming uses it (kubectl port-forward): the peer opens streams
// with SYN_STREAM (headers in a zlib stream primed with the SPDY dictionary), sends DATA with FIN to finish its
// side; we answer SYN_REPLY, send DATA, and RST_STREAM on failure. PING is echoed; flow control is not enforced
// (Kubernetes' client library does not). One session per upgraded connection (raw or tunnelled in a WebSocket).

const TYPE = {
  SYN_STREAM: 1,
  SYN_REPLY: 2,
  RST_STREAM: 3,
  SETTINGS: 4,
  PING: 6,
  GOAWAY: 7,
  HEADERS: 8,
  WINDOW_UPDATE: 9,
};
const FLAG_FIN = 0x01;
const MAX_DATA = 32 * 1024;

export interface SpdyStream {
  id: number;
  headers: Record<string, string>;
  /** Data the peer sent on this stream. */
  onData?: (data: Buffer) => void;
  /** The peer finished its side (FIN) or reset the stream. */
  onEnd?: () => void;
  write(data: Buffer): void;
  /** Finishes our side. */
  end(): void;
}

/** Runs `zlib` in sync-flush steps on one continuous context, as SPDY header blocks need. */
function flushThrough(codec: Deflate | Inflate, input: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const onData = (d: Buffer) => chunks.push(d);
    codec.on('data', onData);
    codec.once('error', reject);
    codec.write(input);
    codec.flush(constants.Z_SYNC_FLUSH, () => {
      codec.off('data', onData);
      codec.off('error', reject);
      resolve(Buffer.concat(chunks));
    });
  });
}

function parseHeaderBlock(block: Buffer): Record<string, string> {
  const headers: Record<string, string> = {};
  let offset = 4;
  const count = block.readUInt32BE(0);
  for (let i = 0; i < count; i++) {
    const nameLength = block.readUInt32BE(offset);
    const name = block.subarray(offset + 4, offset + 4 + nameLength).toString('utf8');
    offset += 4 + nameLength;
    const valueLength = block.readUInt32BE(offset);
    headers[name.toLowerCase()] = block.subarray(offset + 4, offset + 4 + valueLength).toString('utf8');
    offset += 4 + valueLength;
  }
  return headers;
}

function headerBlock(headers: Record<string, string>): Buffer {
  const parts: Buffer[] = [Buffer.alloc(4)];
  parts[0]!.writeUInt32BE(Object.keys(headers).length);
  for (const [name, value] of Object.entries(headers)) {
    for (const text of [name, value]) {
      const bytes = Buffer.from(text, 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32BE(bytes.length);
      parts.push(length, bytes);
    }
  }
  return Buffer.concat(parts);
}

function controlFrame(type: number, flags: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt16BE(0x8000 | 3, 0);
  head.writeUInt16BE(type, 2);
  head.writeUInt32BE(payload.length, 4);
  head[4] = flags;
  return Buffer.concat([head, payload]);
}

export class SpdySession {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly streams = new Map<number, SpdyStream>();
  private readonly inflate = createInflate({ dictionary: dictionaries[3] });
  private readonly deflate = createDeflate({ dictionary: dictionaries[3] });
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly socket: Duplex,
    private readonly onStream: (stream: SpdyStream) => void,
    private readonly onClose: () => void,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('close', () => this.close());
    socket.on('error', () => this.close());
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const stream of this.streams.values()) stream.onEnd?.();
    this.streams.clear();
    this.inflate.close();
    this.deflate.close();
    this.socket.destroy();
    this.onClose();
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    while (this.buffer.length >= 8) {
      const length = this.buffer.readUIntBE(5, 3);
      if (this.buffer.length < 8 + length) break;
      const frame = this.buffer.subarray(0, 8 + length);
      this.buffer = this.buffer.subarray(8 + length);
      // Frames are handled strictly in order: a SYN_STREAM's headers inflate asynchronously.
      this.chain = this.chain.then(() => this.handle(frame)).catch(() => this.close());
    }
  }

  private async handle(frame: Buffer): Promise<void> {
    if (this.closed) return;
    const flags = frame[4]!;
    const payload = frame.subarray(8);
    if ((frame[0]! & 0x80) === 0) {
      const stream = this.streams.get(frame.readUInt32BE(0) & 0x7fffffff);
      if (payload.length > 0) stream?.onData?.(Buffer.from(payload));
      if (stream && flags & FLAG_FIN) stream.onEnd?.();
      return;
    }
    const type = frame.readUInt16BE(2);
    if (type === TYPE.SYN_STREAM) {
      const id = payload.readUInt32BE(0) & 0x7fffffff;
      const headers = parseHeaderBlock(await flushThrough(this.inflate, payload.subarray(10)));
      const stream = this.createStream(id, headers);
      this.streams.set(id, stream);
      this.socket.write(
        controlFrame(
          TYPE.SYN_REPLY,
          0,
          Buffer.concat([payload.subarray(0, 4), await flushThrough(this.deflate, headerBlock({}))]),
        ),
      );
      this.onStream(stream);
      if (flags & FLAG_FIN) stream.onEnd?.();
    } else if (type === TYPE.RST_STREAM) {
      const id = payload.readUInt32BE(0) & 0x7fffffff;
      this.streams.get(id)?.onEnd?.();
      this.streams.delete(id);
    } else if (type === TYPE.PING) {
      this.socket.write(frame);
    } else if (type === TYPE.GOAWAY) {
      this.close();
    }
    // SETTINGS, HEADERS and WINDOW_UPDATE need nothing from us.
  }

  private createStream(id: number, headers: Record<string, string>): SpdyStream {
    let finished = false;
    const data = (bytes: Buffer, fin: boolean) => {
      const head = Buffer.alloc(8);
      head.writeUInt32BE(id & 0x7fffffff, 0);
      head.writeUInt32BE(bytes.length, 4);
      head[4] = fin ? FLAG_FIN : 0;
      if (!this.closed) this.socket.write(Buffer.concat([head, bytes]));
    };
    return {
      id,
      headers,
      write: (bytes) => {
        if (finished) return;
        for (let offset = 0; offset < bytes.length; offset += MAX_DATA)
          data(bytes.subarray(offset, offset + MAX_DATA), false);
      },
      end: () => {
        if (finished) return;
        finished = true;
        data(Buffer.alloc(0), true);
      },
    };
  }
}
