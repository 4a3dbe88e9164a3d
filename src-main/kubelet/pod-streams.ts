import type { Readable } from 'node:stream';
import type { Container, Pod } from '../shared/pod-types';
import type { ExecSession } from '../runtime/docker-runtime';
import { apiErrors } from '../store/api-error';
import type { Kubelet } from './kubelet';

export interface LogOptions {
  container?: string;
  follow: boolean;
  previous: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  timestamps: boolean;
}

/** Resolves which container a log or exec request means, with Kubernetes' messages when it cannot. */
function pickContainer(pod: Pod, requested: string | undefined): Container {
  const all = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])];
  if (!requested) {
    if (pod.spec.containers.length === 1) return pod.spec.containers[0]!;
    throw apiErrors.badRequest(
      `a container name must be specified for pod ${pod.metadata.name}, choose one of: [${pod.spec.containers.map((c) => c.name).join(' ')}]`,
    );
  }
  const found = all.find((c) => c.name === requested);
  if (!found) throw apiErrors.badRequest(`container ${requested} is not valid for pod ${pod.metadata.name}`);
  return found;
}

function waitingReason(pod: Pod, container: string): string | undefined {
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  return statuses.find((s) => s.name === container)?.state.waiting?.reason;
}

/** Logs and exec for the API server, through the kubelet (the only client of the runtime). */
export class PodStreams {
  constructor(private readonly kubelet: Kubelet) {}

  async logs(pod: Pod, options: LogOptions, signal: AbortSignal): Promise<Readable> {
    const container = pickContainer(pod, options.container);
    const id = await this.kubelet.containerId(pod, container.name, options.previous);
    if (!id) {
      if (options.previous)
        throw apiErrors.badRequest(
          `previous terminated container "${container.name}" in pod "${pod.metadata.name}" not found`,
        );
      throw apiErrors.badRequest(
        `container "${container.name}" in pod "${pod.metadata.name}" is waiting to start: ${waitingReason(pod, container.name) ?? 'ContainerCreating'}`,
      );
    }
    return this.kubelet.runtime.logs(
      id,
      {
        follow: options.follow,
        tail: options.tailLines,
        sinceSeconds: options.sinceSeconds,
        timestamps: options.timestamps,
      },
      signal,
    );
  }

  async exec(
    pod: Pod,
    containerName: string | undefined,
    command: string[],
    options: { tty: boolean; stdin: boolean },
  ): Promise<ExecSession> {
    if (command.length === 0) throw apiErrors.badRequest('you must specify at least 1 command');
    const container = pickContainer(pod, containerName);
    const status =
      pod.status?.containerStatuses?.find((s) => s.name === container.name) ??
      pod.status?.initContainerStatuses?.find((s) => s.name === container.name);
    if (!status?.state.running)
      throw apiErrors.badRequest(
        `unable to upgrade connection: container ${container.name} not found in pod ${pod.metadata.name}, or it is not running`,
      );
    const id = await this.kubelet.containerId(pod, container.name, false);
    if (!id)
      throw apiErrors.badRequest(
        `unable to upgrade connection: container ${container.name} not found in pod ${pod.metadata.name}`,
      );
    return this.kubelet.runtime.exec(id, command, options);
  }
}
