import { finished } from 'node:stream/promises';
import type { WebSocket } from 'ws';
import type { Pod } from '../shared/pod-types';
import type { Disposable } from '../shared/disposable';
import type { PodStreams } from '../kubelet/pod-streams';

// Kubernetes' channel protocol over WebSocket (v4/v5.channel.k8s.io): every binary message starts with its
// channel: 0 stdin, 1 stdout, 2 stderr, 3 error (a Status, sent once, at the end), 4 resize, 255 close (v5).

export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const RESIZE = 4;
const CLOSE = 255;

function exitStatus(command: string[], code: number | null): Record<string, unknown> {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

export async function runExec(
  socket: WebSocket,
  streams: PodStreams,
  pod: Pod,
  query: URLSearchParams,
): Promise<Disposable> {
  const send = (channel: number, payload: Buffer | string) => {
    if (socket.readyState !== socket.OPEN) return;
    socket.send(
      Buffer.concat([Buffer.from([channel]), Buffer.isBuffer(payload) ? payload : Buffer.from(payload)]),
    );
  };
  // Clients send stdin (and may close it) the moment the upgrade completes, before the exec exists: hold
  // those messages until it does.
  const early: Buffer[] = [];
  const inbox: { deliver?: (message: Buffer) => void } = {};
  socket.on('message', (data: Buffer, isBinary: boolean) => {
    const message = isBinary ? data : Buffer.from(data.toString());
    if (inbox.deliver) inbox.deliver(message);
    else early.push(message);
  });
  const command = query.getAll('command');
  const tty = query.get('tty') === 'true' || query.get('tty') === '1';
  const stdin = query.get('stdin') === 'true' || query.get('stdin') === '1';
  let session;
  try {
    session = await streams.exec(pod, query.get('container') ?? undefined, command, { tty, stdin });
  } catch (err) {
    send(
      ERROR,
      JSON.stringify({
        metadata: {},
        status: 'Failure',
        message: (err as Error).message,
        reason: 'BadRequest',
        code: 400,
      }),
    );
    socket.close(1000);
    return { dispose: () => undefined };
  }
  // The session's outputs come already demultiplexed (with a TTY, stderr is empty): one channel each.
  session.stdout.on('data', (chunk: Buffer) => send(STDOUT, chunk));
  session.stderr.on('data', (chunk: Buffer) => send(STDERR, chunk));
  let done = false;
  const finish = async () => {
    if (done) return;
    done = true;
    const code = await session.exitCode().catch(() => null);
    send(ERROR, JSON.stringify(exitStatus(command, code)));
    socket.close(1000);
  };
  // ends (or breaks) once the command's output has: it exited, or the connection went
  void Promise.allSettled([finished(session.stdout), finished(session.stderr)]).then(finish);
  inbox.deliver = (message: Buffer) => {
    if (message.length === 0) return;
    const channel = message[0];
    const payload = message.subarray(1);
    if (channel === STDIN && stdin) session.stdin.write(payload);
    else if (channel === RESIZE) {
      try {
        const size = JSON.parse(payload.toString()) as { Width?: number; Height?: number };
        if (size.Width && size.Height) void session.resize(size.Width, size.Height);
      } catch {
        // a malformed resize message is ignored; the terminal keeps its size
      }
    } else if (channel === CLOSE && payload[0] === STDIN) session.stdin.end();
  };
  for (const message of early.splice(0)) inbox.deliver(message);
  // The engine keeps an exec running when its client goes away (moby#9098). An interactive shell whose socket
  // closes is ended the way a user would end it: Ctrl-C for what runs in the foreground, then end-of-input.
  const end = () => {
    if (done || !(tty && stdin)) return session.close();
    session.stdin.write(Buffer.from('\x03'));
    setTimeout(() => {
      if (!done) session.stdin.write(Buffer.from('\x04'));
      setTimeout(() => session.close(), 500).unref();
    }, 100).unref();
  };
  socket.on('close', end);
  if (socket.readyState === socket.CLOSING || socket.readyState === socket.CLOSED) end(); // left while it started
  return { dispose: end };
}
