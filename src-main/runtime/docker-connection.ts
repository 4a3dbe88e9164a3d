import type Docker from 'dockerode';
import { LABEL } from './labels';
import { loadDockerode } from './load-dockerode';
import type { RuntimeIdentity } from './runtime-types';

// The one dockerode client and the labels that mark what this Skiff made: shared by every engine resource.

export const statusCode = (err: unknown) => (err as { statusCode?: number }).statusCode;
export const isNotFound = (err: unknown) => statusCode(err) === 404;

export class DockerConnection {
  private client: Promise<Docker> | undefined;
  readonly ownLabels: Readonly<Record<string, string>>;

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

  /** Engine filter terms for Skiff's own labels plus `labels`. */
  labelFilter(labels: Record<string, string>): string[] {
    return Object.entries({ ...this.ownLabels, ...labels }).map(([k, v]) => `${k}=${v}`);
  }

  /** dockerode costs tens of ms to load (load-dockerode.ts): load it after the API is already answering. */
  docker(): Promise<Docker> {
    this.client ??= Promise.resolve().then(() => {
      const DockerClient = loadDockerode();
      return new DockerClient(this.options);
    });
    return this.client;
  }
}
