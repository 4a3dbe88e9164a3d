import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Container, Pod } from '../shared/pod-types';
import type { ContainerDetails, ContainerSummary, DockerRuntime } from '../runtime/docker-runtime';
import { LABEL } from '../runtime/labels';
import type { ContainerMemory } from './container-memory';
import type { ListedContainer, ObservedAttempt, ObservedContainer, PodObservation } from './observed-pod';
import { namespaceNetwork } from '../runtime/pod-names';
import type { Prober, ProbeState } from './prober';

export const attemptOf = (c: { labels: Record<string, string> }) => Number(c.labels[LABEL.attempt] ?? 0);

/** Where a container attempt's termination message is written (bind-mounted at terminationMessagePath). */
export function terminationFile(podsDir: string, pod: Pod, container: string, attempt: number): string {
  return join(podsDir, pod.metadata.uid ?? 'unknown', `${container}-${attempt}.termination-log`);
}

/**
 * What a sync knows of a pod: its containers as the engine reports them (the latest two attempts of each,
 * inspected), their probe results, and what the kubelet remembers of them (container-memory.ts).
 */
export class PodObserver {
  /** Termination messages already read, by container id: an exited container's file does not change. */
  private readonly terminationMessages = new Map<string, string>();

  constructor(
    private readonly runtime: DockerRuntime,
    private readonly prober: Prober,
    private readonly memory: ContainerMemory,
    private readonly podsDir: string,
  ) {}

  /** The pod's sandbox as it is now (undefined when it has none). */
  async sandboxOf(mine: ContainerSummary[]): Promise<ContainerDetails | undefined> {
    const existing = mine.find((c) => c.labels[LABEL.role] === 'sandbox');
    return existing && (await this.runtime.inspectContainer(existing.id));
  }

  podIPOf(pod: Pod, sandbox: ContainerDetails | undefined): string | undefined {
    const network = namespaceNetwork(this.runtime.instance, pod.metadata.namespace ?? 'default');
    return sandbox?.networkIps[network] || undefined;
  }

  /** `mine`: the containers the engine lists with the pod's uid; `sandbox`: its sandbox, inspected. */
  async observe(
    pod: Pod,
    mine: ContainerSummary[],
    sandbox: ContainerDetails | undefined,
  ): Promise<PodObservation> {
    const podIP = this.podIPOf(pod, sandbox);
    const describe = async (container: Container, role: 'init' | 'app'): Promise<ObservedContainer> => {
      const attempts = mine
        .filter((c) => c.labels[LABEL.role] === role && c.labels[LABEL.container] === container.name)
        .sort((a, b) => attemptOf(b) - attemptOf(a));
      const [current, previous] = await Promise.all(attempts.slice(0, 2).map((c) => this.attempt(pod, c)));
      const probes: ProbeState = current?.running
        ? this.prober.state(current.id, container)
        : { ready: false, started: false };
      const waiting = this.memory.waiting(pod, container.name);
      const backoff = this.memory.backoff(pod, container.name);
      return {
        name: container.name,
        image: container.image,
        ...(current ? { current } : {}),
        ...(previous ? { previous } : {}),
        ...(waiting ? { waiting } : {}),
        ready: probes.ready,
        started: probes.started,
        ...(probes.failed ? { probeFailure: probes.failed.kind } : {}),
        ...(backoff ? { backoff } : {}),
      };
    };
    return {
      ...(sandbox ? { sandbox: { id: sandbox.id, running: sandbox.running } } : {}),
      listed: mine.map(listed),
      sandboxReady: !!sandbox?.running,
      ...(podIP ? { podIP } : {}),
      hostIP: '127.0.0.1',
      init: await Promise.all((pod.spec.initContainers ?? []).map((c) => describe(c, 'init'))),
      app: await Promise.all(pod.spec.containers.map((c) => describe(c, 'app'))),
    };
  }

  /** For log and exec: the Docker id of a pod's container (the one before it, with `previous`). */
  async containerId(pod: Pod, container: string, previous: boolean): Promise<string | undefined> {
    const found = await this.runtime.listContainers({
      [LABEL.podUid]: pod.metadata.uid ?? '',
      [LABEL.container]: container,
    });
    const attempts = found.sort((a, b) => attemptOf(b) - attemptOf(a));
    return attempts[previous ? 1 : 0]?.id;
  }

  private async attempt(pod: Pod, summary: ContainerSummary): Promise<ObservedAttempt | undefined> {
    const details = await this.runtime.inspectContainer(summary.id);
    if (!details) return undefined;
    let terminationMessage = this.terminationMessages.get(details.id);
    if (terminationMessage === undefined && !details.running && details.finishedAt) {
      const file = terminationFile(
        this.podsDir,
        pod,
        summary.labels[LABEL.container] ?? '',
        attemptOf(summary),
      );
      terminationMessage = (await readFile(file, 'utf8').catch(() => '')).slice(0, 4096);
      this.terminationMessages.set(details.id, terminationMessage);
    }
    return {
      id: details.id,
      attempt: attemptOf(summary),
      running: details.running,
      exitCode: details.exitCode,
      oomKilled: details.oomKilled,
      error: details.error,
      ...(details.startedAt ? { startedAt: details.startedAt } : {}),
      ...(details.finishedAt && !details.running ? { finishedAt: details.finishedAt } : {}),
      imageId: details.imageId,
      specHash: details.labels[LABEL.specHash] ?? '',
      ...(terminationMessage ? { terminationMessage } : {}),
    };
  }
}

function listed(c: ContainerSummary): ListedContainer {
  const role = c.labels[LABEL.role];
  return {
    id: c.id,
    role: role === 'sandbox' || role === 'init' ? role : 'app',
    name: c.labels[LABEL.container] ?? '',
    running: c.state === 'running',
  };
}
