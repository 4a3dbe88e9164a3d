import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectThroughGateway } from './pod-gateway';

describe('connecting through the gateway', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  async function fakeGateway(answer: (target: string) => string | undefined): Promise<number> {
    server = createServer((socket) => {
      socket.once('data', (line: Buffer) => {
        const reply = answer(line.toString().trim());
        if (reply === undefined) socket.destroy();
        else socket.write(reply); // "OK" and the target's first bytes in one chunk, as TCP may deliver them
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return (server.address() as { port: number }).port;
  }

  it('names the target, and keeps bytes that arrive together with "OK" for the caller', async () => {
    let asked = '';
    const port = await fakeGateway((target) => {
      asked = target;
      return 'OK\nHTTP/1.1 101 Switching Protocols\r\n\r\n';
    });
    const socket = await connectThroughGateway(port, '10.1.2.3', 9000);
    // bytes that came with "OK" wait, none lost, until the caller reads
    await vi.waitFor(() => expect(socket.readableLength).toBeGreaterThan(0));
    const first = new Promise<string>((resolve) => socket.once('data', (d: Buffer) => resolve(d.toString())));
    socket.resume();
    expect(asked).toBe('10.1.2.3:9000');
    expect(await first).toBe('HTTP/1.1 101 Switching Protocols\r\n\r\n');
    socket.destroy();
  });

  it('rejects when the gateway cannot reach the target', async () => {
    const port = await fakeGateway(() => undefined);
    await expect(connectThroughGateway(port, '10.1.2.3', 1)).rejects.toThrow(
      /connection refused by 10.1.2.3:1/,
    );
  });
});
