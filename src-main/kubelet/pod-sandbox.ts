import type { Pod } from '../shared/pod-types';
import type { ContainerDetails, DockerRuntime } from '../runtime/docker-runtime';
import { LABEL } from '../runtime/labels';
import { sandboxSpec } from './container-spec';
import { namespaceNetwork } from '../runtime/pod-names';
import type { VolumeTarget } from './pod-volume-setup';
import { volumesToCreate, type ResolvedVolumes } from './pod-volumes';
import { ensureSandboxImage } from './sandbox-image';

/** A pod's sandbox during one sync: the container holding its network namespace and volumes. */
export interface SandboxHandle extends VolumeTarget {
  /** The Docker volumes behind the pod's claims. */
  volumes: ResolvedVolumes;
  /** Set when the sandbox existed at the start of this sync. */
  details?: ContainerDetails;
  /** Resolves once the sandbox runs, inspected (at once for a running one): for its IP. */
  started: Promise<ContainerDetails | undefined>;
}

/** Makes pods' sandboxes: the namespace network, the pod's volumes, then the pause container. */
export class PodSandboxes {
  private image: Promise<void> | undefined;

  constructor(
    private readonly runtime: DockerRuntime,
    /** The namespace's cluster DNS address, its server started (cluster-dns.ts); pods resolve through it. */
    private readonly clusterDns?: (namespace: string) => Promise<string | undefined>,
  ) {}

  /** Builds the sandbox image for a newly connected engine; sandboxes are made once it exists. */
  prepareImage(engineArch: string): Promise<void> {
    this.image = ensureSandboxImage(this.runtime, engineArch);
    return this.image;
  }

  /** The sandbox found at the start of the sync. */
  existing(details: ContainerDetails, volumes: ResolvedVolumes): SandboxHandle {
    const started = Promise.resolve(details);
    return { id: details.id, volumes, details, started, running: started };
  }

  /**
   * A new sandbox. Its start (its network setup, the slow part) runs while the containers are being created;
   * they start once it is up.
   */
  async make(pod: Pod, volumes: ResolvedVolumes): Promise<SandboxHandle> {
    const { runtime } = this;
    await this.image;
    const namespace = pod.metadata.namespace ?? 'default';
    const network = namespaceNetwork(runtime.instance, namespace);
    await runtime.ensureNetwork(network, { [LABEL.namespace]: namespace });
    for (const volume of volumesToCreate(pod)) {
      await runtime.ensureVolume(
        volume.name,
        {
          [LABEL.podUid]: pod.metadata.uid ?? '',
          [LABEL.namespace]: namespace,
          [LABEL.volume]: volume.volume,
        },
        volume.driverOpts,
      );
    }
    const dns = await this.clusterDns?.(namespace);
    const id = await runtime.createContainer(sandboxSpec(pod, network, volumes, dns));
    // Containers and volume writes wait for the start only; the inspect (for the pod's IP) runs beside them.
    const running = runtime.startContainer(id);
    const started = running.then(() => runtime.inspectContainer(id));
    running.catch(() => undefined); // awaited by whoever needs it; a failure fails that sync
    started.catch(() => undefined);
    return { id, volumes, started, running, fresh: true };
  }
}
