import { PassThrough } from 'node:stream';
import type { DockerConnection } from './docker-connection';
import { isNotFound } from './docker-connection';
import type { EngineInfo, PullProgress } from './runtime-types';

// The engine itself and its images: facts about the engine, image lookups, pulls with progress, builds.

interface ProgressEvent {
  id?: string;
  status?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
}

const failureOf = (err: Error | null, output: ProgressEvent[] | undefined) =>
  err?.message ?? output?.find((o) => o.error)?.error;

export class DockerImages {
  constructor(private readonly connection: DockerConnection) {}

  /** Engine facts, or a clear error saying the engine does not answer and how to start one. */
  async engineInfo(): Promise<EngineInfo> {
    try {
      const docker = await this.connection.docker();
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
    const docker = await this.connection.docker();
    try {
      return (await docker.getImage(reference).inspect()).Id;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /**
   * The registry digests an image was pulled or pushed with; empty for an image only ever built or tagged here
   * (no registry has it), undefined when the engine does not have it.
   */
  async imageRepoDigests(reference: string): Promise<string[] | undefined> {
    const docker = await this.connection.docker();
    try {
      return (await docker.getImage(reference).inspect()).RepoDigests ?? [];
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
    const docker = await this.connection.docker();
    const stream = await docker.pull(reference, auth ? { authconfig: auth } : {});
    const layers = new Map<string, { current: number; total: number }>();
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(
        stream,
        (err: Error | null, output: ProgressEvent[]) => {
          const failure = failureOf(err, output);
          if (failure) reject(new Error(failure));
          else resolve();
        },
        (event: ProgressEvent) => {
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
    const docker = await this.connection.docker();
    const source = new PassThrough();
    source.end(context);
    const stream = await docker.buildImage(source, { t: tag, labels, rm: true, forcerm: true });
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(stream, (err: Error | null, output: ProgressEvent[]) => {
        const failure = failureOf(err, output);
        if (failure) reject(new Error(`building ${tag}: ${failure}`));
        else resolve();
      });
    });
  }
}
