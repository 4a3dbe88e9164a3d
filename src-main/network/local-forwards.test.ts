import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../machinery/fake-clock';
import { LocalForwards } from './local-forwards';

const listening = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );

function exchange(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    let answer = '';
    socket.on('data', (d) => (answer += d.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('LocalForwards', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('pipes each local connection to the dialled target, one listener per target, closed when idle', async () => {
    const upstream = createServer((s) => s.on('data', (d) => s.end(`echo:${d.toString()}`)));
    const upstreamPort = await listening(upstream);
    cleanups.push(() => upstream.close());
    const dialled: string[] = [];
    const clock = new FakeClock();
    const forwards = new LocalForwards(
      async (namespace, ip, port) => {
        dialled.push(`${namespace} ${ip}:${port}`);
        return connect(upstreamPort, '127.0.0.1') as Socket;
      },
      200,
      clock,
    );
    cleanups.push(() => forwards.dispose());

    const port = await forwards.open('shop', '10.0.0.7', 80);
    expect(await forwards.open('shop', '10.0.0.7', 80)).toBe(port);
    dialled.length = 0; // the reachability checks of open()
    expect(await exchange(port, 'hi')).toBe('echo:hi');
    expect(dialled).toEqual(['shop 10.0.0.7:80']);

    clock.advance(199);
    expect(await exchange(port, 'still open')).toBe('echo:still open');
    clock.advance(200); // idle since that connection
    await expect(exchange(port, 'late')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('drops the client when the target cannot be reached', async () => {
    const forwards = new LocalForwards(
      async () => {
        throw new Error('refused');
      },
      undefined,
      new FakeClock(),
    );
    cleanups.push(() => forwards.dispose());
    const port = await forwards.open('shop', '10.0.0.8', 80, 0); // tried once: no wait asked for
    expect(await exchange(port, 'hello')).toBe('');
  });
});
