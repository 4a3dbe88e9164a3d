import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadDockerode } from './load-dockerode';

describe('loadDockerode', () => {
  it('loads dockerode without its BuildKit session or SSH modules; each loads on first use', () => {
    const load = createRequire(__filename);
    const grpcPath = load.resolve('@grpc/grpc-js');
    const sshPath = createRequire(load.resolve('docker-modem')).resolve('ssh2');
    const alreadyLoaded = !!load.cache[grpcPath] || !!load.cache[sshPath];
    const Docker = loadDockerode();
    expect(typeof Docker).toBe('function');
    expect(typeof new Docker({ socketPath: '/nonexistent.sock' }).listContainers).toBe('function');
    if (!alreadyLoaded) expect([load.cache[grpcPath], load.cache[sshPath]]).toEqual([undefined, undefined]);
    const session = load.cache[createRequire(load.resolve('dockerode')).resolve('./session')]?.exports as (
      ...args: unknown[]
    ) => unknown;
    expect(session.name).toBe('loadOnFirstCall');
    // A session dials the engine first: with no engine the handler gets the error, after the real module loaded.
    const dialError = new Error('no engine');
    const docker = { modem: { dial: (_o: unknown, done: (err: Error) => void) => done(dialError) } };
    let handled: unknown;
    session(docker, undefined, (err: unknown) => (handled = err));
    expect(handled).toBe(dialError);
    expect(load.cache[grpcPath]).toBeDefined();
  });
});
