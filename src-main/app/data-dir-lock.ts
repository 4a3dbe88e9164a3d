import { createHash } from 'node:crypto';
import { mkdir, realpath, rm } from 'node:fs/promises';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// One Skiff per data dir: two writers would interleave the journal. The lock is a listening local socket, which
// the kernel releases the moment its holder dies — killed, crashed, or gone with a reboot — so no stale pid can
// block a restart (a pid file did: a zombie for a moment after kill -9, another process's pid after a reboot).
// Linux uses an abstract socket (no file at all), Windows a named pipe, other systems a socket file whose
// stale copy is recognised by a refused connection. A live holder answers with its pid, for the message.

const MAX_SOCKET_PATH = 100; // sun_path is 104 bytes on macOS, 108 on Linux

export function lockAddress(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  const id = createHash('sha256').update(dataDir).digest('hex').slice(0, 32);
  if (platform === 'linux') return `\0skiff-data-dir-${id}`;
  if (platform === 'win32') return `\\\\.\\pipe\\skiff-data-dir-${id}`;
  const inDir = join(dataDir, 'skiff.lock');
  return inDir.length <= MAX_SOCKET_PATH ? inDir : join(tmpdir(), `skiff-data-dir-${id}.lock`);
}

const usesFile = (address: string) => !address.startsWith('\0') && !address.startsWith('\\\\.\\pipe\\');

function listen(address: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.end(`${process.pid}\n`));
    server.once('error', reject);
    server.listen(address, () => {
      server.off('error', reject);
      server.unref();
      resolve(server);
    });
  });
}

/** The pid of the live holder, or undefined when nothing answers (a socket file left by a dead process). */
function holderPid(address: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    let text = '';
    const socket = connect(address);
    socket.setTimeout(2000, () => socket.destroy());
    socket.on('data', (d: Buffer) => (text += d.toString()));
    socket.on('end', () => resolve(Number(text.trim()) || 0));
    socket.on('error', () => resolve(undefined));
    socket.on('close', () => resolve(text ? Number(text.trim()) || 0 : undefined));
  });
}

export async function lockDataDir(dataDir: string): Promise<{ release: () => Promise<void> }> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const address = lockAddress(await realpath(dataDir));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const server = await listen(address);
      return {
        release: async () => {
          await new Promise<void>((resolve) => server.close(() => resolve()));
          if (usesFile(address)) await rm(address, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      const pid = await holderPid(address);
      if (pid !== undefined) {
        throw new Error(
          `another Skiff (pid ${pid}) is already using ${dataDir}; stop it, or pass --data-dir to use another directory`,
          { cause: err },
        );
      }
      if (usesFile(address)) await rm(address, { force: true });
    }
  }
  throw new Error(`cannot lock ${dataDir}: its lock at ${address} stays in use`);
}
