import type { Node } from '../shared/pod-types';
import { nodeType } from '../shared/resource-types';
import type { EngineInfo } from '../runtime/docker-runtime';
import type { ObjectStore } from '../store/object-store';
import { rfc3339 } from '../store/object-store';
import { NODE_NAME } from '../shared/node-name';

export { NODE_NAME };
export const KUBELET_VERSION = 'v1.32.0-skiff';

/** Keeps the Node object that stands for the Docker engine: its capacity, facts and Ready condition. */
export class NodeAgent {
  private info: EngineInfo | undefined;

  constructor(
    private readonly store: ObjectStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async report(info: EngineInfo | undefined, ready: boolean, message: string): Promise<void> {
    if (info) this.info = info;
    const existing = this.store.tryGet(nodeType, undefined, NODE_NAME) as Node | undefined;
    const now = rfc3339(this.now());
    const engine = this.info;
    const previousReady = existing?.status?.conditions?.find((c) => c.type === 'Ready');
    const readyStatus = ready ? 'True' : 'False';
    const conditions = [
      {
        type: 'MemoryPressure',
        status: 'False' as const,
        reason: 'KubeletHasSufficientMemory',
        message: 'kubelet has sufficient memory available',
      },
      {
        type: 'DiskPressure',
        status: 'False' as const,
        reason: 'KubeletHasNoDiskPressure',
        message: 'kubelet has no disk pressure',
      },
      {
        type: 'PIDPressure',
        status: 'False' as const,
        reason: 'KubeletHasSufficientPID',
        message: 'kubelet has sufficient PID available',
      },
    ].map((c) => ({
      ...c,
      lastHeartbeatTime: now,
      lastTransitionTime:
        existing?.status?.conditions?.find((p) => p.type === c.type)?.lastTransitionTime ?? now,
    }));
    conditions.push({
      type: 'Ready',
      status: readyStatus,
      reason: ready ? 'KubeletReady' : 'KubeletNotReady',
      message,
      lastHeartbeatTime: now,
      lastTransitionTime:
        previousReady?.status === readyStatus ? (previousReady.lastTransitionTime ?? now) : now,
    } as never);
    const memoryKi = engine ? `${Math.floor(engine.memoryBytes / 1024)}Ki` : '0';
    const resources = {
      cpu: String(engine?.cpus ?? 0),
      memory: memoryKi,
      pods: '110',
      'ephemeral-storage': '0',
    };
    const status: Node['status'] = {
      capacity: resources,
      allocatable: resources,
      conditions,
      addresses: [
        { type: 'InternalIP', address: '127.0.0.1' },
        { type: 'Hostname', address: engine?.hostname ?? NODE_NAME },
      ],
      nodeInfo: {
        architecture: engine?.arch ?? '',
        containerRuntimeVersion: engine ? `docker://${engine.version}` : '',
        kernelVersion: engine?.kernelVersion ?? '',
        kubeletVersion: KUBELET_VERSION,
        kubeProxyVersion: KUBELET_VERSION,
        operatingSystem: engine?.os ?? '',
        osImage: engine?.operatingSystem ?? '',
        machineID: '',
        systemUUID: '',
        bootID: '',
      },
    };
    if (!existing) {
      const node: Node = {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name: NODE_NAME,
          labels: {
            'kubernetes.io/hostname': NODE_NAME,
            'kubernetes.io/os': engine?.os ?? 'linux',
            'kubernetes.io/arch': engine?.arch ?? '',
            'node-role.kubernetes.io/control-plane': '',
          },
        },
        spec: {},
      };
      const created = await this.store.create(nodeType, node);
      await this.store.update(nodeType, { ...created, status }, { subresource: 'status' });
      return;
    }
    await this.store.update(nodeType, { ...existing, status }, { subresource: 'status' });
  }
}
