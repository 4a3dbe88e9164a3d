import { DockerBuilds, type FolderBuild, type FolderBuildResult } from './docker-build';
import type { BuildEvent } from './build-progress';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { Disposable } from '../shared/disposable';
import { DockerConnection } from './docker-connection';
import { DockerContainers } from './docker-containers';
import { watchEngineEvents } from './docker-events';
import { DockerExecAndLogs } from './docker-exec-logs';
import { DockerImages } from './docker-images';
import { DockerNetworks } from './docker-networks';
import { DockerVolumes } from './docker-volumes';
import type {
  ContainerCreateSpec,
  ContainerDetails,
  ContainerStatsSample,
  ContainerSummary,
  EngineInfo,
  ExecSession,
  LogOptions,
  PullProgress,
  RuntimeEvent,
  RuntimeIdentity,
} from './runtime-types';

export type {
  ContainerCreateSpec,
  ContainerDetails,
  ContainerStatsSample,
  ContainerSummary,
  EngineInfo,
  ExecSession,
  PullProgress,
  RuntimeEvent,
  RuntimeIdentity,
} from './runtime-types';

// The only way to Docker: one facade over the engine's resources, each in its own module (docker-*.ts).
// Everything Docker-shaped stays behind these methods.

export class DockerRuntime {
  private readonly connection: DockerConnection;
  private readonly images: DockerImages;
  private readonly builds: DockerBuilds;
  private readonly containers: DockerContainers;
  private readonly networks: DockerNetworks;
  private readonly volumes: DockerVolumes;
  private readonly streams: DockerExecAndLogs;

  constructor(identity: RuntimeIdentity, options?: Docker.DockerOptions) {
    this.connection = new DockerConnection(identity, options);
    this.images = new DockerImages(this.connection);
    this.builds = new DockerBuilds(this.connection);
    this.networks = new DockerNetworks(this.connection);
    this.containers = new DockerContainers(this.connection, () => this.networks.forgetKnown());
    this.volumes = new DockerVolumes(this.connection);
    this.streams = new DockerExecAndLogs(this.connection);
  }

  get instance(): string {
    return this.connection.instance;
  }

  // the engine and its images

  engineInfo(): Promise<EngineInfo> {
    return this.images.engineInfo();
  }

  imageId(reference: string): Promise<string | undefined> {
    return this.images.imageId(reference);
  }

  imageRepoDigests(reference: string): Promise<string[] | undefined> {
    return this.images.imageRepoDigests(reference);
  }

  pullImage(
    reference: string,
    onProgress: (progress: PullProgress) => void,
    auth?: Record<string, string>,
  ): Promise<void> {
    return this.images.pullImage(reference, onProgress, auth);
  }

  buildImage(tag: string, context: Buffer, labels: Record<string, string>): Promise<void> {
    return this.images.buildImage(tag, context, labels);
  }

  /** A folder's image, tagged with its content digest; undefined when the build failed (reported as an event). */
  buildFolder(
    build: FolderBuild,
    onEvent: (event: BuildEvent) => void,
    signal: AbortSignal,
  ): Promise<FolderBuildResult | undefined> {
    return this.builds.buildFolder(build, onEvent, signal);
  }

  // containers

  listContainers(labels: Record<string, string> = {}): Promise<ContainerSummary[]> {
    return this.containers.list(labels);
  }

  createContainer(spec: ContainerCreateSpec): Promise<string> {
    return this.containers.create(spec);
  }

  startContainer(id: string): Promise<void> {
    return this.containers.start(id);
  }

  stopContainer(id: string, graceSeconds: number): Promise<void> {
    return this.containers.stop(id, graceSeconds);
  }

  removeContainer(id: string): Promise<void> {
    return this.containers.remove(id);
  }

  inspectContainer(id: string): Promise<ContainerDetails | undefined> {
    return this.containers.inspect(id);
  }

  containerStats(id: string): Promise<ContainerStatsSample | undefined> {
    return this.containers.stats(id);
  }

  putArchive(id: string, path: string, archive: Buffer): Promise<void> {
    return this.containers.putArchive(id, path, archive);
  }

  readFile(id: string, path: string, maxBytes: number): Promise<string | undefined> {
    return this.containers.readFile(id, path, maxBytes);
  }

  // networks

  ensureNetwork(name: string, labels: Record<string, string>): Promise<void> {
    return this.networks.ensure(name, labels);
  }

  serviceRange(network: string): Promise<string | undefined> {
    return this.networks.serviceRange(network);
  }

  /** Attaches a running container to one more network, under DNS aliases there (at a chosen address if given). */
  connectNetwork(
    network: string,
    containerId: string,
    aliases: string[],
    ipv4Address?: string,
  ): Promise<void> {
    return this.networks.connect(network, containerId, aliases, ipv4Address);
  }

  disconnectNetwork(network: string, containerId: string): Promise<void> {
    return this.networks.disconnect(network, containerId);
  }

  listNetworks(): Promise<Array<{ name: string; labels: Record<string, string> }>> {
    return this.networks.list();
  }

  removeNetwork(name: string): Promise<boolean> {
    return this.networks.remove(name);
  }

  // volumes

  ensureVolume(
    name: string,
    labels: Record<string, string>,
    driverOpts?: Record<string, string>,
  ): Promise<void> {
    return this.volumes.ensure(name, labels, driverOpts);
  }

  volumeMountpoint(name: string): Promise<string> {
    return this.volumes.mountpoint(name);
  }

  listVolumes(
    labels: Record<string, string>,
  ): Promise<Array<{ name: string; labels: Record<string, string> }>> {
    return this.volumes.list(labels);
  }

  removeVolume(name: string): Promise<void> {
    return this.volumes.remove(name);
  }

  // exec and logs

  run(id: string, command: string[]): Promise<{ exitCode: number | null; output: string }> {
    return this.streams.run(id, command);
  }

  exec(id: string, command: string[], options: { tty: boolean; stdin: boolean }): Promise<ExecSession> {
    return this.streams.exec(id, command, options);
  }

  logs(id: string, options: LogOptions, signal: AbortSignal): Promise<Readable> {
    return this.streams.logs(id, options, signal);
  }

  // events

  /** Only `actions` (filtered by the engine), e.g. die and oom; every action when absent. */
  watchEvents(
    onEvent: (event: RuntimeEvent) => void,
    onState: (connected: boolean) => void,
    actions?: string[],
  ): Disposable {
    return watchEngineEvents(this.connection, onEvent, onState, actions);
  }
}
