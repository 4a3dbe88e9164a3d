import { PassThrough, type Readable, type Writable } from 'node:stream';

// The one place Docker's multiplexed output (logs and exec of a container without a TTY) is taken apart:
// each frame is an 8-byte header [stream, 0, 0, 0, size (4 bytes, big endian)] and then its payload.

const STDERR_FRAME = 2;

/** Takes frames out of a byte stream that may cut them anywhere. */
export function frameDemuxer(): {
  write(chunk: Buffer, emit: (stream: 'stdout' | 'stderr', payload: Buffer) => void): void;
} {
  let pending: Buffer = Buffer.alloc(0);
  return {
    write(chunk, emit) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= 8) {
        const size = pending.readUInt32BE(4);
        if (pending.length < 8 + size) break;
        emit(pending[0] === STDERR_FRAME ? 'stderr' : 'stdout', pending.subarray(8, 8 + size));
        pending = pending.subarray(8 + size);
      }
    },
  };
}

/** A whole multiplexed output as one text, stdout and stderr interleaved as they came. */
export function demuxBuffer(buffer: Buffer): Buffer {
  const parts: Buffer[] = [];
  frameDemuxer().write(buffer, (_stream, payload) => parts.push(payload));
  return Buffer.concat(parts);
}

/**
 * Copies an engine stream's output into `stdout` and `stderr` (they may be one stream): raw when the container
 * has a TTY, else frame by frame. Both are ended when the source ends, closes or fails; the source is paused
 * while either is full.
 */
export function copyOutput(source: Readable, tty: boolean, stdout: Writable, stderr: Writable): void {
  const demux = frameDemuxer();
  const full = () => stdout.writableNeedDrain || stderr.writableNeedDrain;
  const resume = () => {
    if (!full()) source.resume();
  };
  stdout.on('drain', resume);
  if (stderr !== stdout) stderr.on('drain', resume);
  source.on('data', (chunk: Buffer) => {
    if (tty) stdout.write(chunk);
    else demux.write(chunk, (stream, payload) => (stream === 'stderr' ? stderr : stdout).write(payload));
    if (full()) source.pause();
  });
  const finish = () => {
    stdout.end();
    stderr.end();
  };
  source.on('end', finish);
  source.on('close', finish);
  source.on('error', finish);
}

/** An engine stream as its two outputs (with a TTY, stderr is empty and ends at once). */
export function splitOutput(source: Readable, tty: boolean): { stdout: PassThrough; stderr: PassThrough } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  copyOutput(source, tty, stdout, stderr);
  if (tty) stderr.end();
  return { stdout, stderr };
}
