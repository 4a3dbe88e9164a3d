import type Docker from 'dockerode';
import type { DockerConnection } from './docker-connection';
import { isNotFound, statusCode } from './docker-connection';
import type {
  ContainerCreateSpec,
  ContainerDetails,
  ContainerStatsSample,
  ContainerSummary,
} from './runtime-types';

// Containers' lifecycle and what can be read of them: list, create, start, stop, remove, inspect, stats, files.

/** Docker's nanosecond timestamps as Kubernetes' RFC 3339 seconds; Docker's zero time as absent. */
const isoOrUndefined = (value: string | undefined) =>
  value && !value.startsWith('0001-') ? value.replace(/\.\d+Z$/, 'Z') : undefined;

export class DockerContainers {
  constructor(
    private readonly connection: DockerConnection,
    /** Told when a start fails because the container's network is gone (removed by hand, or by a script). */
    private readonly onNetworkMissing: () => void,
  ) {}

  /** Containers carrying every given label (Skiff's own, by default). */
  async list(labels: Record<string, string> = {}): Promise<ContainerSummary[]> {
    const docker = await this.connection.docker();
    const list = await docker.listContainers({
      all: true,
      filters: JSON.stringify({ label: this.connection.labelFilter(labels) }),
    });
    return list.map((c) => ({
      id: c.Id,
      name: (c.Names[0] ?? '').replace(/^\//, ''),
      labels: c.Labels,
      state: c.State,
      createdUnix: c.Created,
    }));
  }

  async create(spec: ContainerCreateSpec): Promise<string> {
    const docker = await this.connection.docker();
    const labels = {
      ...(spec.body.Labels as Record<string, string> | undefined),
      ...this.connection.ownLabels,
    };
    const options: Docker.ContainerCreateOptions = { name: spec.name, ...spec.body, Labels: labels };
    return (await docker.createContainer(options)).id;
  }

  async start(id: string): Promise<void> {
    const docker = await this.connection.docker();
    try {
      await docker.getContainer(id).start();
    } catch (err) {
      if (statusCode(err) === 304) return; // already running
      // the network went behind our back: make it again next time
      if (/network \S+ not found/.test((err as Error).message)) this.onNetworkMissing();
      throw err;
    }
  }

  /** SIGTERM, then SIGKILL after `graceSeconds`, as `docker stop -t`. */
  async stop(id: string, graceSeconds: number): Promise<void> {
    const docker = await this.connection.docker();
    try {
      await docker.getContainer(id).stop({ t: Math.max(0, Math.round(graceSeconds)) });
    } catch (err) {
      const code = statusCode(err);
      if (code === 304 || code === 404) return;
      throw err;
    }
  }

  async remove(id: string): Promise<void> {
    const docker = await this.connection.docker();
    try {
      await docker.getContainer(id).remove({ force: true, v: false });
    } catch (err) {
      const code = statusCode(err);
      if (code === 404 || code === 409) return; // gone, or removal already in progress
      throw err;
    }
  }

  async inspect(id: string): Promise<ContainerDetails | undefined> {
    const docker = await this.connection.docker();
    try {
      const c = await docker.getContainer(id).inspect();
      const networks = c.NetworkSettings?.Networks ?? {};
      const ports: Docker.PortMap = c.NetworkSettings?.Ports ?? {};
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
          Object.entries(ports).flatMap(([port, bindings]) =>
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
  async stats(id: string): Promise<ContainerStatsSample | undefined> {
    const docker = await this.connection.docker();
    try {
      const stats = await docker.getContainer(id).stats({ stream: false, 'one-shot': true });
      // cgroup v1 engines report total_inactive_file, v2 engines inactive_file; either may be absent
      const memory: Partial<Docker.MemoryStats> = stats.memory_stats ?? {};
      const counters: Partial<Docker.MemoryStats['stats']> = memory.stats ?? {};
      const inactiveFile = counters.total_inactive_file ?? counters.inactive_file ?? 0;
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

  /** Extracts a tar archive into a container's filesystem at `path` (into its volumes where they are mounted). */
  async putArchive(id: string, path: string, archive: Buffer): Promise<void> {
    const docker = await this.connection.docker();
    await docker.getContainer(id).putArchive(archive, { path });
  }

  /** Reads one file out of a (possibly stopped) container, at most `maxBytes`; undefined if it is not there. */
  async readFile(id: string, path: string, maxBytes: number): Promise<string | undefined> {
    const docker = await this.connection.docker();
    try {
      const stream = await docker.getContainer(id).getArchive({ path });
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
}
