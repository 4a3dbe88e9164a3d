import { PassThrough, type Duplex, type Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { Disposable } from '../shared/disposable';
import { LABEL } from './labels';
import { splitSubnet } from './network-ranges';

// The only module that talks to Docker. Everything Docker-shaped stays behind these methods.

export interface EngineInfo {
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
  kernelVersion: string;
  operatingSystem: string;
  cpus: number;
  memoryBytes: number;
  storageDriver: string;
  hostname: string;
}

export interface ContainerSummary {
  id: string;
  name: string;
  labels: Record<string, string>;
  state: string; // created | running | exited | dead | paused | restarting | removing
  createdUnix: number;
}

export interface ContainerDetails {
  id: string;
  name: string;
  labels: Record<string, string>;
  running: boolean;
  status: string;
  exitCode: number;
  oomKilled: boolean;
  error: string;
  startedAt?: string;
  finishedAt?: string;
  imageId: string;
  networkIps: Record<string, string>;
  /** Host ports by container port ("8080/tcp" → 49153), for published ports. */
  hostPorts: Record<string, number>;
}

/** A container to create, in the Docker Engine API's own create-body shape. */
export interface ContainerCreateSpec {
  name: string;
  body: Record<string, unknown>;
}

export interface PullProgress {
  /** Bytes downloaded and total over the layers seen so far (total 0 when unknown). */
  current: number;
  total: number;
  status: string;
}

export interface RuntimeEvent {
  containerId: string;
  action: string; // start | die | oom | destroy | kill | stop | health_status…
  labels: Record<string, string>;
}

/** One reading of a container's cumulative CPU time and its memory working set. */
export interface ContainerStatsSample {
  timestamp: number; // ms since epoch, the engine's reading time
  cpuNanos: number; // cumulative CPU time used
  memoryWorkingSetBytes: number; // usage minus inactive file pages, as the kubelet (cAdvisor) counts it
}

export interface ExecSession {
  stream: Duplex;
  tty: boolean;
  resize(columns: number, rows: number): Promise<void>;
  exitCode(): Promise<number | null>;
}

const isNotFound = (err: unknown) => (err as { statusCode?: number }).statusCode === 404;
/** Docker's nanosecond timestamps as Kubernetes' RFC 3339 seconds; Docker's zero time as absent. */
const isoOrUndefined = (value: string | undefined) =>
  value && !value.startsWith('0001-') ? value.replace(/\.\d+Z$/, 'Z') : undefined;

export interface RuntimeIdentity {
  /** This Skiff's instance id (one per data dir): it only ever lists, changes or removes what carries it. */
  instance: string;
  /** More labels for everything created (the test suite marks its objects this way). */
  extraLabels?: Record<string, string>;
}

interface DockerStats {
  read: string;
  cpu_stats?: { cpu_usage?: { total_usage?: number } };
  memory_stats?: { usage?: number; stats?: { total_inactive_file?: number; inactive_file?: number } };
}

export class DockerRuntime {
  private client: Promise<Docker> | undefined;
  private readonly ownLabels: Record<string, string>;

  constructor(
    identity: RuntimeIdentity,
    private readonly options?: Docker.DockerOptions,
  ) {
    this.ownLabels = {
      [LABEL.managed]: 'true',
      [LABEL.instance]: identity.instance,
      ...identity.extraLabels,
    };
  }

  get instance(): string {
    return this.ownLabels[LABEL.instance]!;
  }

  private labelFilter(labels: Record<string, string>): string[] {
    return Object.entries({ ...this.ownLabels, ...labels }).map(([k, v]) => `${k}=${v}`);
  }

  /** dockerode (with its gRPC stack) costs ~150 ms to load: load it after the API is already answering. */
  private docker(): Promise<Docker> {
    this.client ??= import('dockerode').then(({ default: DockerClient }) => new DockerClient(this.options));
    return this.client;
  }

  /** Engine facts, or a clear error saying the engine does not answer and how to start one. */
  async engineInfo(): Promise<EngineInfo> {
    try {
      const docker = await this.docker();
      const [version, info] = await Promise.all([docker.version(), docker.info()]);
      return {
        version: version.Version,
        apiVersion: version.ApiVersion,
        os: version.Os,
        arch: version.Arch,
        kernelVersion: info.KernelVersion,
        operatingSystem: info.OperatingSystem,
        cpus: info.NCPU,
        memoryBytes: info.MemTotal,
        storageDriver: info.Driver,
        hostname: info.Name,
      };
    } catch (err) {
      throw new Error(
        `the Docker engine does not answer (${(err as Error).message}); start it (Debian as root: bash scripts/ensure-docker.sh) or set DOCKER_HOST`,
        { cause: err },
      );
    }
  }

  async imageId(reference: string): Promise<string | undefined> {
    const docker = await this.docker();
    try {
      return (await docker.getImage(reference).inspect()).Id;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** Pulls an image, reporting aggregate progress; rejects with the engine's own message on failure. */
  async pullImage(
    reference: string,
    onProgress: (progress: PullProgress) => void,
    auth?: Record<string, string>,
  ): Promise<void> {
    const docker = await this.docker();
    const stream = (await docker.pull(reference, auth ? { authconfig: auth } : {})) as Readable;
    const layers = new Map<string, { current: number; total: number }>();
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(
        stream,
        (err: Error | null, output: Array<{ error?: string }>) => {
          const failure = err?.message ?? output?.find((o) => o.error)?.error;
          if (failure) reject(new Error(failure));
          else resolve();
        },
        (event: {
          id?: string;
          status?: string;
          progressDetail?: { current?: number; total?: number };
          error?: string;
        }) => {
          if (event.id && event.progressDetail?.total)
            layers.set(event.id, {
              current: event.progressDetail.current ?? 0,
              total: event.progressDetail.total,
            });
          let current = 0;
          let total = 0;
          for (const layer of layers.values()) {
            current += layer.current;
            total += layer.total;
          }
          onProgress({ current, total, status: event.status ?? '' });
        },
      );
    });
  }

  async buildImage(tag: string, context: Buffer, labels: Record<string, string>): Promise<void> {
    const docker = await this.docker();
    const source = new PassThrough();
    source.end(context);
    const stream = (await docker.buildImage(source as unknown as NodeJS.ReadableStream, {
      t: tag,
      labels,
      rm: true,
      forcerm: true,
    })) as Readable;
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(stream, (err: Error | null, output: Array<{ error?: string }>) => {
        const failure = err?.message ?? output?.find((o) => o.error)?.error;
        if (failure) reject(new Error(`building ${tag}: ${failure}`));
        else resolve();
      });
    });
  }

  /** Containers carrying every given label (Skiff's own, by default). */
  async listContainers(labels: Record<string, string> = {}): Promise<ContainerSummary[]> {
    const docker = await this.docker();
    const filters = {
      label: this.labelFilter(labels),
    };
    const list = await docker.listContainers({ all: true, filters: JSON.stringify(filters) });
    return list.map((c) => ({
      id: c.Id,
      name: (c.Names[0] ?? '').replace(/^\//, ''),
      labels: c.Labels,
      state: c.State,
      createdUnix: c.Created,
    }));
  }

  async createContainer(spec: ContainerCreateSpec): Promise<string> {
    const docker = await this.docker();
    const labels = { ...(spec.body.Labels as Record<string, string> | undefined), ...this.ownLabels };
    const container = await docker.createContainer({
      name: spec.name,
      ...spec.body,
      Labels: labels,
    } as Docker.ContainerCreateOptions);
    return container.id;
  }

  async startContainer(id: string): Promise<void> {
    const docker = await this.docker();
    try {
      await docker.getContainer(id).start();
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 304) return; // already running
      // the network went behind our back (removed by hand, or by a leftovers script): make it again next time
      if (/network \S+ not found/.test((err as Error).message)) this.knownNetworks.clear();
      throw err;
    }
  }

  /** SIGTERM, then SIGKILL after `graceSeconds`, as `docker stop -t`. */
  async stopContainer(id: string, graceSeconds: number): Promise<void> {
    const docker = await this.docker();
    try {
      await docker.getContainer(id).stop({ t: Math.max(0, Math.round(graceSeconds)) });
    } catch (err) {
      const code = (err as { statusCode?: number }).statusCode;
      if (code === 304 || code === 404) return;
      throw err;
    }
  }

  async removeContainer(id: string): Promise<void> {
    const docker = await this.docker();
    try {
      await docker.getContainer(id).remove({ force: true, v: false });
    } catch (err) {
      const code = (err as { statusCode?: number }).statusCode;
      if (code === 404 || code === 409) return; // gone, or removal already in progress
      throw err;
    }
  }

  async inspectContainer(id: string): Promise<ContainerDetails | undefined> {
    const docker = await this.docker();
    try {
      const c = await docker.getContainer(id).inspect();
      const networks = (c.NetworkSettings?.Networks ?? {}) as Record<string, { IPAddress?: string }>;
      return {
        id: c.Id,
        name: c.Name.replace(/^\//, ''),
        labels: c.Config.Labels ?? {},
        running: c.State.Running,
        status: c.State.Status,
        exitCode: c.State.ExitCode,
        oomKilled: c.State.OOMKilled,
        error: c.State.Error ?? '',
        startedAt: isoOrUndefined(c.State.StartedAt),
        finishedAt: isoOrUndefined(c.State.FinishedAt),
        imageId: c.Image,
        networkIps: Object.fromEntries(
          Object.entries(networks).map(([name, n]) => [name, n.IPAddress ?? '']),
        ),
        hostPorts: Object.fromEntries(
          Object.entries(
            (c.NetworkSettings?.Ports ?? {}) as Record<string, Array<{ HostPort?: string }> | null>,
          ).flatMap(([port, bindings]) =>
            bindings?.[0]?.HostPort ? [[port, Number(bindings[0].HostPort)]] : [],
          ),
        ),
      };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** One sample without the engine's second, 1 s later reading (`one-shot`, API 1.41): rates are ours to compute. */
  async containerStats(id: string): Promise<ContainerStatsSample | undefined> {
    const docker = await this.docker();
    try {
      const stats = (await docker
        .getContainer(id)
        .stats({ stream: false, 'one-shot': true } as { stream: false })) as unknown as DockerStats;
      const memory = stats.memory_stats ?? {};
      const inactiveFile = memory.stats?.total_inactive_file ?? memory.stats?.inactive_file ?? 0;
      return {
        timestamp: Date.parse(stats.read),
        cpuNanos: stats.cpu_stats?.cpu_usage?.total_usage ?? 0,
        memoryWorkingSetBytes: Math.max(0, (memory.usage ?? 0) - inactiveFile),
      };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  private readonly networkCreations = new Map<string, Promise<void>>();
  private readonly knownNetworks = new Set<string>();

  /** Creates the network once, even when many pods of a new namespace start at the same moment. */
  ensureNetwork(name: string, labels: Record<string, string>): Promise<void> {
    if (this.knownNetworks.has(name)) return Promise.resolve();
    let pending = this.networkCreations.get(name);
    if (!pending) {
      pending = this.createNetworkIfMissing(name, labels).finally(() => this.networkCreations.delete(name));
      this.networkCreations.set(name, pending);
    }
    return pending;
  }

  private async createNetworkIfMissing(name: string, labels: Record<string, string>): Promise<void> {
    const docker = await this.docker();
    const existing = (await docker.listNetworks({ filters: JSON.stringify({ name: [name] }) }))
      .filter((n) => n.Name === name)
      .sort((a, b) => a.Created.localeCompare(b.Created));
    // Docker allows two networks with one name when created concurrently; keep the oldest, drop empty twins.
    for (const twin of existing.slice(1))
      await docker
        .getNetwork(twin.Id)
        .remove()
        .catch(() => undefined);
    if (existing.length === 0) await this.createSplitNetwork(name, { ...labels, ...this.ownLabels });
    this.knownNetworks.add(name); // only once it exists: callers go on to attach containers to it
  }

  /**
   * A bridge network on a subnet the engine picks (its default pools avoid the host's own networks), made again
   * with that subnet configured and split (network-ranges.ts) so Service proxies can ask for their address.
   * When the engine will not take the configured subnet (another network claimed it meanwhile), the next try asks
   * again; after three, the network is made without a split and Services there get whatever address Docker gives.
   */
  private async createSplitNetwork(name: string, labels: Record<string, string>): Promise<void> {
    const docker = await this.docker();
    for (let attempt = 0; attempt < 3; attempt++) {
      const probe = await docker.createNetwork({ Name: `${name}-probe`, Driver: 'bridge', Labels: labels });
      const subnet = (await probe.inspect()).IPAM?.Config?.[0]?.Subnet as string | undefined;
      await probe.remove();
      const ranges = subnet ? splitSubnet(subnet) : undefined;
      if (!ranges) break;
      try {
        await docker.createNetwork({
          Name: name,
          Driver: 'bridge',
          CheckDuplicate: true,
          IPAM: { Driver: 'default', Config: [{ Subnet: ranges.subnet, IPRange: ranges.dynamic }] },
          Labels: { ...labels, [LABEL.serviceRange]: ranges.services },
        });
        return;
      } catch (err) {
        if (!/overlap/i.test((err as Error).message)) throw err;
      }
    }
    await docker.createNetwork({ Name: name, Driver: 'bridge', CheckDuplicate: true, Labels: labels });
  }

  /** Where a network's Service addresses come from; undefined on a network without a split (older Skiff). */
  async serviceRange(network: string): Promise<string | undefined> {
    const docker = await this.docker();
    try {
      const info = await docker.getNetwork(network).inspect();
      return (info.Labels as Record<string, string> | undefined)?.[LABEL.serviceRange];
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** Attaches a running container to one more network, under DNS aliases there. */
  async connectNetwork(
    network: string,
    containerId: string,
    aliases: string[],
    ipv4Address?: string,
  ): Promise<void> {
    const docker = await this.docker();
    await docker.getNetwork(network).connect({
      Container: containerId,
      EndpointConfig: {
        Aliases: aliases,
        ...(ipv4Address ? { IPAMConfig: { IPv4Address: ipv4Address } } : {}),
      },
    });
  }

  async disconnectNetwork(network: string, containerId: string): Promise<void> {
    const docker = await this.docker();
    try {
      await docker.getNetwork(network).disconnect({ Container: containerId, Force: true });
    } catch (err) {
      const code = (err as { statusCode?: number }).statusCode;
      if (code !== 404 && code !== 403) throw err;
    }
  }

  /** This Skiff's networks, with their labels. */
  async listNetworks(): Promise<Array<{ name: string; labels: Record<string, string> }>> {
    const docker = await this.docker();
    this.knownNetworks.clear(); // a relist re-checks what exists, in case one was removed behind our back
    const list = await docker.listNetworks({ filters: JSON.stringify({ label: this.labelFilter({}) }) });
    return list.map((n) => ({ name: n.Name, labels: n.Labels ?? {} }));
  }

  /** Removes a network; false when the engine refuses because something is still attached to it. */
  async removeNetwork(name: string): Promise<boolean> {
    const docker = await this.docker();
    this.knownNetworks.delete(name);
    try {
      await docker.getNetwork(name).remove();
      return true;
    } catch (err) {
      const code = (err as { statusCode?: number }).statusCode;
      if (code === 404) return true;
      if (code === 403 || code === 409) return false; // still in use
      throw err;
    }
  }

  async ensureVolume(
    name: string,
    labels: Record<string, string>,
    driverOpts?: Record<string, string>,
  ): Promise<void> {
    const docker = await this.docker();
    await docker.createVolume({
      Name: name,
      Labels: { ...labels, ...this.ownLabels },
      ...(driverOpts ? { DriverOpts: driverOpts } : {}),
    });
  }

  /** Where the engine keeps a volume's files (a path on the engine's host). */
  async volumeMountpoint(name: string): Promise<string> {
    const docker = await this.docker();
    return ((await docker.getVolume(name).inspect()) as { Mountpoint: string }).Mountpoint;
  }

  async listVolumes(
    labels: Record<string, string>,
  ): Promise<Array<{ name: string; labels: Record<string, string> }>> {
    const docker = await this.docker();
    const filters = {
      label: this.labelFilter(labels),
    };
    const result = await docker.listVolumes({ filters: JSON.stringify(filters) });
    return (result.Volumes ?? []).map((v) => ({ name: v.Name, labels: v.Labels ?? {} }));
  }

  async removeVolume(name: string): Promise<void> {
    const docker = await this.docker();
    try {
      await docker.getVolume(name).remove();
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /** Extracts a tar archive into a container's filesystem at `path` (into its volumes where they are mounted). */
  async putArchive(id: string, path: string, archive: Buffer): Promise<void> {
    const docker = await this.docker();
    await docker.getContainer(id).putArchive(archive, { path });
  }

  /** Runs a command in a running container to its end; its exit code and combined output. */
  async run(id: string, command: string[]): Promise<{ exitCode: number | null; output: string }> {
    const docker = await this.docker();
    const exec = await docker.getContainer(id).exec({ Cmd: command, AttachStdout: true, AttachStderr: true });
    const stream = (await exec.start({ hijack: true, stdin: false } as never)) as unknown as Readable;
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const output = demuxBuffer(Buffer.concat(chunks)).toString('utf8');
    return { exitCode: (await exec.inspect()).ExitCode ?? null, output };
  }

  /** Reads one file out of a (possibly stopped) container, at most `maxBytes`; undefined if it is not there. */
  async readFile(id: string, path: string, maxBytes: number): Promise<string | undefined> {
    const docker = await this.docker();
    try {
      const stream = (await docker.getContainer(id).getArchive({ path })) as unknown as Readable;
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      const tar = Buffer.concat(chunks);
      if (tar.length < 512) return undefined;
      const size = parseInt(tar.subarray(124, 136).toString('ascii').replace(/\0.*$/, '').trim() || '0', 8);
      return tar.subarray(512, 512 + Math.min(size, maxBytes)).toString('utf8');
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /**
   * Follows the engine's event stream for Skiff's containers. Calls `onState(false)` when the stream breaks
   * (the engine went away) and keeps reconnecting with backoff; `onState(true)` once connected again.
   */
  watchEvents(
    onEvent: (event: RuntimeEvent) => void,
    onState: (connected: boolean) => void,
    /** Only these actions (filtered by the engine), e.g. die and oom; every action when absent. */
    actions?: string[],
  ): Disposable {
    let disposed = false;
    let current: Readable | undefined;
    let timer: NodeJS.Timeout | undefined;
    let delay = 250;
    const connect = async () => {
      if (disposed) return;
      try {
        const docker = await this.docker();
        const stream = (await docker.getEvents({
          filters: {
            type: ['container'],
            label: this.labelFilter({}),
            ...(actions ? { event: actions } : {}),
          },
        })) as unknown as Readable;
        if (disposed) {
          stream.destroy();
          return;
        }
        current = stream;
        delay = 250;
        onState(true);
        let buffer = '';
        stream.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          let nl: number;
          while ((nl = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, nl).trim();
            buffer = buffer.slice(nl + 1);
            if (!line) continue;
            try {
              const e = JSON.parse(line) as {
                Action?: string;
                status?: string;
                id?: string;
                Actor?: { ID?: string; Attributes?: Record<string, string> };
              };
              onEvent({
                containerId: e.Actor?.ID ?? e.id ?? '',
                action: (e.Action ?? e.status ?? '').split(':')[0]!,
                labels: e.Actor?.Attributes ?? {},
              });
            } catch {
              // a malformed line from the engine: skip it, the periodic relist repairs anything missed
            }
          }
        });
        const broken = () => {
          if (current !== stream) return;
          current = undefined;
          if (!disposed) {
            onState(false);
            retry();
          }
        };
        stream.on('end', broken);
        stream.on('error', broken);
        stream.on('close', broken);
      } catch {
        onState(false);
        retry();
      }
    };
    const retry = () => {
      if (disposed) return;
      timer = setTimeout(() => void connect(), delay);
      delay = Math.min(delay * 2, 5000);
    };
    void connect();
    return {
      dispose: () => {
        disposed = true;
        if (timer) clearTimeout(timer);
        current?.destroy();
        current = undefined;
      },
    };
  }

  /** A container's log as one plain text stream (stdout and stderr interleaved), as `kubectl logs` shows it. */
  async logs(
    id: string,
    options: { follow: boolean; tail?: number; sinceSeconds?: number; timestamps: boolean },
    signal: AbortSignal,
  ): Promise<Readable> {
    const docker = await this.docker();
    const container = docker.getContainer(id);
    const info = await container.inspect();
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
    const source = options.follow
      ? ((await container.logs({
          ...params,
          follow: true,
          abortSignal: signal,
        } as never)) as unknown as Readable)
      : undefined;
    if (!source) {
      const buffer = (await container.logs({ ...params, follow: false } as never)) as unknown as Buffer;
      if (info.Config.Tty) out.end(buffer);
      else out.end(demuxBuffer(buffer));
      return out;
    }
    if (info.Config.Tty) source.pipe(out);
    else {
      docker.modem.demuxStream(source, out, out);
      source.on('end', () => out.end());
    }
    source.on('error', () => out.end());
    signal.addEventListener('abort', () => {
      source.destroy();
      out.end();
    });
    return out;
  }

  async exec(id: string, command: string[], options: { tty: boolean; stdin: boolean }): Promise<ExecSession> {
    const docker = await this.docker();
    const exec = await docker.getContainer(id).exec({
      Cmd: command,
      AttachStdin: options.stdin,
      AttachStdout: true,
      AttachStderr: true,
      Tty: options.tty,
    });
    const stream = (await exec.start({
      hijack: true,
      stdin: options.stdin,
      Tty: options.tty,
    } as never)) as unknown as Duplex;
    return {
      stream,
      tty: options.tty,
      resize: async (columns, rows) => {
        // A resize that arrives before the exec's process runs is lost by the engine: wait for it to run.
        for (let attempt = 0; attempt < 40; attempt++) {
          if ((await exec.inspect().catch(() => undefined))?.Running) break;
          await new Promise((r) => setTimeout(r, 25));
        }
        await exec.resize({ w: columns, h: rows }).catch(() => undefined);
      },
      exitCode: async () => (await exec.inspect()).ExitCode ?? null,
    };
  }
}

function demuxBuffer(buffer: Buffer): Buffer {
  const parts: Buffer[] = [];
  frameDemuxer().write(buffer, (_s, payload) => parts.push(payload));
  return Buffer.concat(parts);
}

/** Docker's 8-byte frame header: [stream, 0, 0, 0, size(4, big endian)] then the payload. */
export function frameDemuxer(): {
  write(chunk: Buffer, emit: (stream: 1 | 2, payload: Buffer) => void): void;
} {
  let pending: Buffer = Buffer.alloc(0);
  return {
    write(chunk, emit) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= 8) {
        const size = pending.readUInt32BE(4);
        if (pending.length < 8 + size) break;
        const stream = pending[0] === 2 ? 2 : 1;
        emit(stream, pending.subarray(8, 8 + size));
        pending = pending.subarray(8 + size);
      }
    },
  };
}
