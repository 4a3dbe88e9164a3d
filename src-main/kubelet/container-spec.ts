import { createHash } from 'node:crypto';
import type { Container, Pod } from '../shared/pod-types';
import { cpuMillis, memoryBytes } from '../shared/quantity';
import type { ContainerCreateSpec } from '../runtime/docker-runtime';
import { LABEL, type ContainerRole } from '../runtime/labels';
import { expandReferences } from './container-env';
import { extraHosts } from './host-aliases';
import { containerName, podDnsAliases, podDomain, podHostname, sandboxName } from '../runtime/pod-names';
import { mountsFor, sandboxMounts, type ResolvedVolumes } from './pod-volumes';

// Docker create bodies for a pod's sandbox and containers. Pure: what to create, not creating it.

export const PAUSE_IMAGE = 'skiff/pause:2';

export function podLabels(
  pod: Pod,
  role: ContainerRole,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    [LABEL.managed]: 'true',
    [LABEL.namespace]: pod.metadata.namespace ?? '',
    [LABEL.podName]: pod.metadata.name ?? '',
    [LABEL.podUid]: pod.metadata.uid ?? '',
    [LABEL.role]: role,
    ...extra,
  };
}

/** A hash of what the container was created from; when it changes (a new image), the container is replaced. */
export function specHash(container: Container): string {
  return createHash('sha256').update(JSON.stringify(container)).digest('hex').slice(0, 16);
}

/** `dns`: the namespace's cluster DNS (cluster-dns.ts), behind Docker's own resolver, for dnsPolicy ClusterFirst. */
export function sandboxSpec(
  pod: Pod,
  network: string,
  volumes: ResolvedVolumes,
  dns?: string,
): ContainerCreateSpec {
  const clusterFirst = (pod.spec.dnsPolicy ?? 'ClusterFirst').startsWith('ClusterFirst');
  return {
    name: sandboxName(pod),
    body: {
      Image: PAUSE_IMAGE,
      Hostname: podHostname(pod),
      ...(podDomain(pod) ? { Domainname: podDomain(pod) } : {}),
      Labels: podLabels(pod, 'sandbox'),
      HostConfig: {
        NetworkMode: network,
        IpcMode: 'shareable',
        Mounts: sandboxMounts(pod, volumes),
        RestartPolicy: { Name: 'no' },
        Memory: 8 * 2 ** 20,
        LogConfig: { Type: 'none', Config: {} },
        ExtraHosts: extraHosts(pod),
        ...(dns && clusterFirst ? { Dns: [dns] } : {}),
      },
      NetworkingConfig: { EndpointsConfig: { [network]: { Aliases: podDnsAliases(pod) } } },
    },
  };
}

export interface ContainerSpecInput {
  pod: Pod;
  container: Container;
  role: 'init' | 'app';
  attempt: number;
  sandboxId: string;
  env: Map<string, string>;
  /** Host file the container's terminationMessagePath is bound to. */
  terminationLogFile: string;
  volumes: ResolvedVolumes;
}

export function containerSpec({
  pod,
  container,
  role,
  attempt,
  sandboxId,
  env,
  terminationLogFile,
  volumes,
}: ContainerSpecInput): ContainerCreateSpec {
  const limits = container.resources?.limits ?? {};
  const requests = container.resources?.requests ?? {};
  const memoryLimit = limits.memory !== undefined ? memoryBytes(limits.memory) : 0;
  const cpuRequest = requests.cpu !== undefined ? cpuMillis(requests.cpu) : 0;
  const { mounts, binds } = mountsFor(pod, container.name, volumes);
  const security = container.securityContext ?? {};
  const user = security.runAsUser ?? pod.spec.securityContext?.runAsUser;
  const group = security.runAsGroup ?? pod.spec.securityContext?.runAsGroup;
  return {
    name: containerName(pod, container.name, attempt),
    body: {
      Image: container.image,
      ...(container.command ? { Entrypoint: container.command.map((c) => expandReferences(c, env)) } : {}),
      ...(container.args
        ? { Cmd: container.args.map((a) => expandReferences(a, env)) }
        : container.command
          ? { Cmd: [] }
          : {}),
      ...(container.workingDir ? { WorkingDir: container.workingDir } : {}),
      Env: [...env].map(([k, v]) => `${k}=${v}`),
      ...(user !== undefined ? { User: group !== undefined ? `${user}:${group}` : String(user) } : {}),
      Tty: container.tty ?? false,
      OpenStdin: container.stdin ?? false,
      StdinOnce: false,
      Labels: podLabels(pod, role, {
        [LABEL.container]: container.name,
        [LABEL.attempt]: String(attempt),
        [LABEL.specHash]: specHash(container),
      }),
      HostConfig: {
        NetworkMode: `container:${sandboxId}`,
        IpcMode: `container:${sandboxId}`,
        RestartPolicy: { Name: 'no' },
        Privileged: false,
        ReadonlyRootfs: security.readOnlyRootFilesystem ?? false,
        ...(memoryLimit ? { Memory: memoryLimit, MemorySwap: memoryLimit } : {}),
        ...(limits.cpu !== undefined ? { NanoCpus: cpuMillis(limits.cpu) * 1_000_000 } : {}),
        CpuShares: cpuRequest ? Math.max(2, Math.floor((cpuRequest * 1024) / 1000)) : 2,
        Mounts: [
          ...mounts,
          {
            Type: 'bind',
            Source: terminationLogFile,
            Target: container.terminationMessagePath ?? '/dev/termination-log',
          },
        ],
        Binds: binds,
        LogConfig: { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '3' } },
      },
    },
  };
}
