import type { DockerConnection } from './docker-connection';
import { isNotFound } from './docker-connection';

// Named volumes: pod volumes, claims' storage, Service routes.

export class DockerVolumes {
  constructor(private readonly connection: DockerConnection) {}

  async ensure(
    name: string,
    labels: Record<string, string>,
    driverOpts?: Record<string, string>,
  ): Promise<void> {
    const docker = await this.connection.docker();
    await docker.createVolume({
      Name: name,
      Labels: { ...labels, ...this.connection.ownLabels },
      ...(driverOpts ? { DriverOpts: driverOpts } : {}),
    });
  }

  /** Where the engine keeps a volume's files (a path on the engine's host). */
  async mountpoint(name: string): Promise<string> {
    const docker = await this.connection.docker();
    return (await docker.getVolume(name).inspect()).Mountpoint;
  }

  async list(
    labels: Record<string, string>,
  ): Promise<Array<{ name: string; labels: Record<string, string> }>> {
    const docker = await this.connection.docker();
    const result = await docker.listVolumes({
      filters: JSON.stringify({ label: this.connection.labelFilter(labels) }),
    });
    return (result.Volumes ?? []).map((v) => ({ name: v.Name, labels: v.Labels ?? {} }));
  }

  async remove(name: string): Promise<void> {
    const docker = await this.connection.docker();
    try {
      await docker.getVolume(name).remove();
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
