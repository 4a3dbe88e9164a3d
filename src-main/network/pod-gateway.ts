import { connect, type Socket } from 'node:net';
import type { DockerRuntime } from '../runtime/docker-runtime';
import { LABEL } from '../runtime/labels';
import { ConfigVolumeWriter, SANDBOX_VOLUMES_DIR } from '../runtime/config-volume-writer';
import { namespaceNetwork } from '../runtime/pod-names';

// How the Skiff process reaches a pod's port (port-forward, Ingress) without being on the containers' network,
// as on Docker Desktop where the engine runs in a VM: one skiff-proxy container in gateway mode, published on an
// ephemeral 127.0.0.1 port and joined to each namespace network it is asked to reach. A connection names its
// target ("ip:port\n") and gets "OK\n" once the gateway has connected.

export const GATEWAY_ROLE = 'gateway';
const GATEWAY_PORT = 10000;

export class PodGateway {
  private container: Promise<{ id: string; hostPort: number }> | undefined;
  private readonly joined = new Set<string>();
  private readonly writer: ConfigVolumeWriter;

  constructor(
    private readonly runtime: DockerRuntime,
    private readonly proxyImage: () => Promise<string>,
  ) {
    this.writer = new ConfigVolumeWriter(runtime);
  }

  /**
   * A TCP connection to `ip:port` in the namespace's network, through the gateway. `patient` retries a refusal for
   * a moment (below); a probe is not patient: a refusal is its answer.
   */
  async dial(namespace: string, ip: string, port: number, { patient = true } = {}): Promise<Socket> {
    const hostPort = await this.entry(namespace);
    // A refusal looks like a close before "OK"; so does a gateway whose proxy has not read its routes yet
    // (it looks every 100 ms), so a refusal is retried for a moment before it is believed.
    for (let attempt = 0; ; attempt++) {
      try {
        return await connectThroughGateway(hostPort, ip, port);
      } catch (err) {
        if (!patient || attempt >= 10) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  /** The gateway's published port on 127.0.0.1, joined to the namespace's network. */
  async entry(namespace: string): Promise<number> {
    const gateway = await this.ensure(namespace);
    const network = namespaceNetwork(this.runtime.instance, namespace);
    if (!this.joined.has(network)) {
      await this.runtime.ensureNetwork(network, { [LABEL.namespace]: namespace });
      const details = await this.runtime.inspectContainer(gateway.id);
      if (details && details.networkIps[network] === undefined)
        await this.runtime.connectNetwork(network, gateway.id, []);
      this.joined.add(network);
    }
    return gateway.hostPort;
  }

  /** Removes the gateway (when Skiff stops: it is Skiff's own plumbing, not a workload). */
  async stop(): Promise<void> {
    const found = await this.runtime.listContainers({ [LABEL.role]: GATEWAY_ROLE }).catch(() => []);
    for (const c of found) await this.runtime.removeContainer(c.id).catch(() => undefined);
    await this.runtime.removeVolume(this.volume()).catch(() => undefined);
    this.container = undefined;
    this.joined.clear();
  }

  private volume(): string {
    return `skiff-${this.runtime.instance.slice(0, 8)}-gateway`;
  }

  private ensure(namespace: string): Promise<{ id: string; hostPort: number }> {
    this.container ??= this.create(namespace);
    this.container.catch(() => (this.container = undefined));
    return this.container;
  }

  private async create(namespace: string): Promise<{ id: string; hostPort: number }> {
    const { runtime } = this;
    for (const old of await runtime.listContainers({ [LABEL.role]: GATEWAY_ROLE }))
      await runtime.removeContainer(old.id);
    const network = namespaceNetwork(runtime.instance, namespace);
    await runtime.ensureNetwork(network, { [LABEL.namespace]: namespace });
    await runtime.ensureVolume(
      this.volume(),
      { [LABEL.role]: GATEWAY_ROLE },
      { type: 'tmpfs', device: 'tmpfs' },
    );
    const id = await runtime.createContainer({
      name: `skiff_gateway_${runtime.instance.slice(0, 8)}`,
      body: {
        Image: await this.proxyImage(),
        Cmd: [`${SANDBOX_VOLUMES_DIR}/config/routes`],
        Labels: { [LABEL.managed]: 'true', [LABEL.role]: GATEWAY_ROLE },
        ExposedPorts: { [`${GATEWAY_PORT}/tcp`]: {} },
        HostConfig: {
          NetworkMode: network,
          Mounts: [{ Type: 'volume', Source: this.volume(), Target: `${SANDBOX_VOLUMES_DIR}/config` }],
          PortBindings: { [`${GATEWAY_PORT}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: '' }] },
          RestartPolicy: { Name: 'no' },
          Memory: 64 * 2 ** 20,
        },
      },
    });
    await runtime.startContainer(id);
    await this.writer.write(id, 'config', [
      { path: 'routes', mode: 0o644, content: Buffer.from(`gateway ${GATEWAY_PORT}\n`) },
    ]);
    const details = await runtime.inspectContainer(id);
    const hostPort = details?.hostPorts[`${GATEWAY_PORT}/tcp`];
    if (!hostPort) throw new Error('the gateway container has no published port');
    this.joined.clear();
    this.joined.add(network);
    return { id, hostPort };
  }
}

/** One connection through the gateway on 127.0.0.1:`hostPort` to `ip:port`, paused, ready for the caller. */
export function connectThroughGateway(hostPort: number, ip: string, port: number): Promise<Socket> {
  return new Promise<Socket>((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: hostPort }, () =>
      gatewayHandshake(socket, ip, port).then(resolve, reject),
    );
    socket.once('error', (err) => reject(err));
  });
}

/**
 * Asks the gateway, on a socket already connected to it, for `ip:port`; resolves with the same socket, paused,
 * once the gateway answered "OK" (bytes that came with it are put back for the caller).
 */
export function gatewayHandshake(socket: Socket, ip: string, port: number): Promise<Socket> {
  return new Promise<Socket>((resolve, reject) => {
    let reply = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      reply = Buffer.concat([reply, chunk]);
      if (reply.length < 3) return;
      socket.off('data', onData);
      socket.off('close', onClose);
      if (reply.subarray(0, 3).toString() !== 'OK\n') {
        socket.destroy();
        return reject(new Error(`the gateway could not reach ${ip}:${port}`));
      }
      // Bytes that came with "OK" belong to the caller: held (paused) until it reads or pipes.
      socket.pause();
      if (reply.length > 3) socket.unshift(reply.subarray(3));
      resolve(socket);
    };
    const onClose = () => reject(new Error(`connection refused by ${ip}:${port}`));
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.once('error', () => undefined);
    socket.write(`${ip}:${port}\n`);
  });
}
