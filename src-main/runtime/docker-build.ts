import { PassThrough } from 'node:stream';
import type { DockerConnection } from './docker-connection';
import { BuildProgress, type BuildEvent, type EngineBuildMessage } from './build-progress';
import { makeBuildContext } from './build-context';

export interface FolderBuild {
  /** An absolute folder: the build context. */
  context: string;
  dockerfile: string;
  target?: string;
  buildArgs?: Record<string, string>;
  /** The repository the image is tagged into; its tag is the image's content digest (`repo:<12 hex>`). */
  repository: string;
}

export interface FolderBuildResult {
  imageId: string;
  /** `repository:<first 12 hex of the image id>`: the same content always gets the same reference. */
  reference: string;
}

/**
 * Builds an image from a folder through the engine's build API (the classic builder: BuildKit's API needs a
 * gRPC session dockerode does not speak), reporting each step and line of output as it comes.
 */
export class DockerBuilds {
  constructor(private readonly connection: DockerConnection) {}

  async buildFolder(
    build: FolderBuild,
    onEvent: (event: BuildEvent) => void,
    signal: AbortSignal,
  ): Promise<FolderBuildResult | undefined> {
    const context = await makeBuildContext(build.context, build.dockerfile);
    onEvent({
      type: 'output',
      text: `context: ${context.files} files, ${Math.ceil(context.bytes / 1024)} KiB`,
    });
    const docker = await this.connection.docker();
    const source = new PassThrough();
    source.end(context.tar);
    const progress = new BuildProgress();
    let failed = false;
    const stream = await docker.buildImage(source, {
      dockerfile: build.dockerfile,
      ...(build.target ? { target: build.target } : {}),
      buildargs: build.buildArgs ?? {},
      labels: { ...this.connection.ownLabels },
      rm: true,
      forcerm: true,
      abortSignal: signal,
    });
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(
        stream,
        (err: Error | null) => {
          if (err && !failed) {
            failed = true;
            onEvent(progress.failure(err.message));
          }
          if (signal.aborted) reject(new Error('the build was cancelled'));
          else resolve();
        },
        (message: EngineBuildMessage) => {
          for (const event of progress.read(message)) {
            if (event.type === 'failed') failed = true;
            onEvent(event);
          }
        },
      );
    });
    if (failed || !progress.imageId) {
      if (!failed) onEvent(progress.failure('the engine ended the build without an image'));
      return undefined;
    }
    const tag = progress.imageId.replace(/^sha256:/, '').slice(0, 12);
    await docker.getImage(progress.imageId).tag({ repo: build.repository, tag });
    return { imageId: progress.imageId, reference: `${build.repository}:${tag}` };
  }
}
