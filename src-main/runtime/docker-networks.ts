import type { DockerConnection } from './docker-connection';
import { isNotFound, statusCode } from './docker-connection';
import { LABEL } from './labels';
import { splitSubnet } from '../shared/network-ranges';

// Bridge networks (one per namespace), made once even under concurrent pod starts, and split so Service
// proxies can ask for their address (network-ranges.ts).

export class DockerNetworks {
  private readonly creations = new Map<string, Promise<void>>();
  private readonly known = new Set<string>();

  constructor(private readonly connection: DockerConnection) {}

  /** Forgets which networks exist: the next ensure() checks with the engine again (one went behind our back). */
  forgetKnown(): void {
    this.known.clear();
  }

  /** Creates the network once, even when many pods of a new namespace start at the same moment. */
  ensure(name: string, labels: Record<string, string>): Promise<void> {
    if (this.known.has(name)) return Promise.resolve();
    let pending = this.creations.get(name);
    if (!pending) {
      pending = this.createIfMissing(name, labels).finally(() => this.creations.delete(name));
      this.creations.set(name, pending);
    }
    return pending;
  }

  private async createIfMissing(name: string, labels: Record<string, string>): Promise<void> {
    const docker = await this.connection.docker();
    const existing = (await docker.listNetworks({ filters: JSON.stringify({ name: [name] }) }))
      .filter((n) => n.Name === name)
      .sort((a, b) => a.Created.localeCompare(b.Created));
    // Docker allows two networks with one name when created concurrently; keep the oldest, drop empty twins.
    for (const twin of existing.slice(1))
      await docker
        .getNetwork(twin.Id)
        .remove()
        .catch(() => undefined);
    if (existing.length === 0) await this.createSplit(name, { ...labels, ...this.connection.ownLabels });
    this.known.add(name); // only once it exists: callers go on to attach containers to it
  }

  /**
   * A bridge network on a subnet the engine picks (its default pools avoid the host's own networks), made again
   * with that subnet configured and split (network-ranges.ts) so Service proxies can ask for their address.
   * When the engine will not take the configured subnet (another network claimed it meanwhile), the next try asks
   * again; after three, the network is made without a split and Services there get whatever address Docker gives.
   */
  private async createSplit(name: string, labels: Record<string, string>): Promise<void> {
    const docker = await this.connection.docker();
    for (let attempt = 0; attempt < 3; attempt++) {
      const probe = await docker.createNetwork({ Name: `${name}-probe`, Driver: 'bridge', Labels: labels });
      const subnet = (await probe.inspect()).IPAM?.Config?.[0]?.Subnet;
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
    const docker = await this.connection.docker();
    try {
      return (await docker.getNetwork(network).inspect()).Labels?.[LABEL.serviceRange];
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** Attaches a running container to one more network, under DNS aliases there. */
  async connect(
    network: string,
    containerId: string,
    aliases: string[],
    ipv4Address?: string,
  ): Promise<void> {
    const docker = await this.connection.docker();
    await docker.getNetwork(network).connect({
      Container: containerId,
      EndpointConfig: {
        Aliases: aliases,
        ...(ipv4Address ? { IPAMConfig: { IPv4Address: ipv4Address } } : {}),
      },
    });
  }

  async disconnect(network: string, containerId: string): Promise<void> {
    const docker = await this.connection.docker();
    try {
      await docker.getNetwork(network).disconnect({ Container: containerId, Force: true });
    } catch (err) {
      const code = statusCode(err);
      if (code !== 404 && code !== 403) throw err;
    }
  }

  /** This Skiff's networks, with their labels. */
  async list(): Promise<Array<{ name: string; labels: Record<string, string> }>> {
    const docker = await this.connection.docker();
    this.known.clear(); // a relist re-checks what exists, in case one was removed behind our back
    const list = await docker.listNetworks({
      filters: JSON.stringify({ label: this.connection.labelFilter({}) }),
    });
    return list.map((n) => ({ name: n.Name, labels: n.Labels ?? {} }));
  }

  /** Removes a network; false when the engine refuses because something is still attached to it. */
  async remove(name: string): Promise<boolean> {
    const docker = await this.connection.docker();
    this.known.delete(name);
    try {
      await docker.getNetwork(name).remove();
      return true;
    } catch (err) {
      const code = statusCode(err);
      if (code === 404) return true;
      if (code === 403 || code === 409) return false; // still in use
      throw err;
    }
  }
}
