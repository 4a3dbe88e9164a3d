import { PassThrough, type Duplex, type Readable } from 'node:stream';
import type { DockerConnection } from './docker-connection';
import { copyOutput, demuxBuffer, splitOutput } from './docker-streams';
import type { ExecSession, LogOptions } from './runtime-types';

// Commands run in containers and containers' logs, handed out already demultiplexed (docker-streams.ts).

export class DockerExecAndLogs {
  constructor(private readonly connection: DockerConnection) {}

  /** Runs a command in a running container to its end; its exit code and combined output. */
  async run(id: string, command: string[]): Promise<{ exitCode: number | null; output: string }> {
    const docker = await this.connection.docker();
    const exec = await docker.getContainer(id).exec({ Cmd: command, AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const output = demuxBuffer(Buffer.concat(chunks)).toString('utf8');
    return { exitCode: (await exec.inspect()).ExitCode ?? null, output };
  }

  async exec(id: string, command: string[], options: { tty: boolean; stdin: boolean }): Promise<ExecSession> {
    const docker = await this.connection.docker();
    const exec = await docker.getContainer(id).exec({
      Cmd: command,
      AttachStdin: options.stdin,
      AttachStdout: true,
      AttachStderr: true,
      Tty: options.tty,
    });
    const connection: Duplex = await exec.start({ hijack: true, stdin: options.stdin, Tty: options.tty });
    const { stdout, stderr } = splitOutput(connection, options.tty);
    return {
      tty: options.tty,
      stdout,
      stderr,
      stdin: connection,
      resize: async (columns, rows) => {
        // A resize that arrives before the exec's process runs is lost by the engine: wait for it to run.
        for (let attempt = 0; attempt < 40; attempt++) {
          if ((await exec.inspect().catch(() => undefined))?.Running) break;
          await new Promise((r) => setTimeout(r, 25));
        }
        await exec.resize({ w: columns, h: rows }).catch(() => undefined);
      },
      exitCode: async () => (await exec.inspect()).ExitCode ?? null,
      close: () => connection.destroy(),
    };
  }

  /** A container's log as one plain text stream (stdout and stderr interleaved), as `kubectl logs` shows it. */
  async logs(id: string, options: LogOptions, signal: AbortSignal): Promise<Readable> {
    const docker = await this.connection.docker();
    const container = docker.getContainer(id);
    const tty = (await container.inspect()).Config.Tty;
    const params = {
      stdout: true,
      stderr: true,
      timestamps: options.timestamps,
      ...(options.tail !== undefined ? { tail: options.tail } : {}),
      ...(options.sinceSeconds !== undefined
        ? { since: Math.floor(Date.now() / 1000) - options.sinceSeconds }
        : {}),
    };
    const out = new PassThrough();
    if (!options.follow) {
      const buffer = await container.logs({ ...params, follow: false });
      out.end(tty ? buffer : demuxBuffer(buffer));
      return out;
    }
    // docker-modem answers a followed log with the HTTP response itself, a Readable
    const source = (await container.logs({ ...params, follow: true, abortSignal: signal })) as Readable;
    copyOutput(source, tty, out, out);
    signal.addEventListener('abort', () => {
      source.destroy();
      out.end();
    });
    return out;
  }
}
