import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Container, Node, Pod } from '../shared/pod-types';
import { configMapType, nodeType, secretType, serviceType } from '../shared/resource-types';
import type { Service } from '../shared/service-types';
import type { DockerRuntime } from '../runtime/docker-runtime';
import { LABEL } from '../runtime/labels';
import type { ObjectStore } from '../store/object-store';
import type { EventRecorder } from '../machinery/event-recorder';
import type { ContainerMemory } from './container-memory';
import { ContainerConfigError, resolveEnv } from './container-env';
import { containerSpec } from './container-spec';
import type { ImagePuller } from './image-puller';
import { NODE_NAME } from './node-agent';
import { attemptOf, terminationFile, type PodObserver } from './pod-observer';
import type { SandboxHandle } from './pod-sandbox';
import type { PodVolumeSetup } from './pod-volume-setup';
import { credentialsFor } from './pull-credentials';
import { serviceEnv } from '../network/service-routes';

export interface ContainerStarterOptions {
  store: ObjectStore;
  runtime: DockerRuntime;
  recorder: EventRecorder;
  puller: ImagePuller;
  volumes: PodVolumeSetup;
  observer: PodObserver;
  memory: ContainerMemory;
  podsDir: string;
  /** Resync a pod (its image pull moved on). */
  resync: (key: string) => void;
  /** KUBERNETES_SERVICE_HOST and friends for a namespace's pods (network/in-cluster-api.ts). */
  apiServiceEnv?: (namespace: string) => Array<[string, string]>;
}

/**
 * Starts one container of a pod: its image pulled, its environment resolved, created in the pod's sandbox and
 * started. What holds it back becomes its waiting reason (ErrImagePull, CreateContainerConfigError, …).
 */
export class ContainerStarter {
  constructor(private readonly options: ContainerStarterOptions) {}

  /** `later`: the pod is to sync again within that many ms. */
  async start(
    key: string,
    pod: Pod,
    spec: Container,
    role: 'init' | 'app',
    attempt: number,
    sandbox: SandboxHandle,
    later: (ms: number) => void,
  ): Promise<void> {
    const { runtime, recorder, store, memory } = this.options;
    const fieldPath = `spec.${role === 'init' ? 'initContainers' : 'containers'}{${spec.name}}`;
    const event = (type: 'Normal' | 'Warning', reason: string, message: string) =>
      void recorder.record(pod, type, reason, message, fieldPath);
    if (sandbox.mountError) {
      memory.setWaiting(pod, spec.name, { reason: 'ContainerCreating' });
      return;
    }
    const pullSecrets = (pod.spec.imagePullSecrets ?? []).flatMap((ref) => {
      const secret = store.tryGet(secretType, pod.metadata.namespace, ref.name);
      return secret ? [secret] : [];
    });
    const pull = await this.options.puller.ensure(
      spec,
      { event, changed: () => this.options.resync(key) },
      credentialsFor(spec.image, pullSecrets),
    );
    if (!pull.ready) {
      memory.setWaiting(pod, spec.name, pull.waiting);
      if (pull.retryInMs !== undefined) later(pull.retryInMs);
      return;
    }
    const wantsPodIP = (spec.env ?? []).some((e) =>
      e.valueFrom?.fieldRef?.fieldPath.startsWith('status.podIP'),
    );
    const podIP = this.options.observer.podIPOf(pod, wantsPodIP ? await sandbox.started : sandbox.details);
    let env: Map<string, string>;
    try {
      env = new Map([
        ...this.serviceEnvironment(pod),
        ...resolveEnv(pod, spec, podIP, '127.0.0.1', {
          configMap: (ns, name) => store.tryGet(configMapType, ns, name),
          secret: (ns, name) => store.tryGet(secretType, ns, name),
          allocatable: (store.tryGet(nodeType, undefined, NODE_NAME) as Node | undefined)?.status
            ?.allocatable,
        }),
      ]);
    } catch (err) {
      if (!(err instanceof ContainerConfigError)) throw err;
      if (memory.waiting(pod, spec.name)?.message !== err.message)
        event('Warning', 'Failed', `Error: ${err.message}`);
      memory.setWaiting(pod, spec.name, { reason: 'CreateContainerConfigError', message: err.message });
      return;
    }
    const terminationLogFile = terminationFile(this.options.podsDir, pod, spec.name, attempt);
    await mkdir(join(this.options.podsDir, pod.metadata.uid ?? 'unknown'), { recursive: true });
    await writeFile(terminationLogFile, '');
    await chmod(terminationLogFile, 0o666); // writable whatever user the container runs as, as the kubelet does
    let id: string;
    try {
      id = await runtime.createContainer(
        containerSpec({
          pod,
          container: spec,
          role,
          attempt,
          sandboxId: sandbox.id,
          env,
          terminationLogFile,
          volumes: await this.options.volumes.withMountpoints(pod, sandbox.volumes),
        }),
      );
    } catch (err) {
      const message = (err as Error).message;
      event('Warning', 'Failed', `Error: ${message}`);
      memory.setWaiting(pod, spec.name, { reason: 'CreateContainerError', message });
      later(10_000);
      return;
    }
    event('Normal', 'Created', `Created container ${spec.name}`);
    try {
      await (sandbox.volumesReady ?? sandbox.running);
      await runtime.startContainer(id);
    } catch (err) {
      const message = (err as Error).message;
      event('Warning', 'Failed', `Error: failed to start container "${spec.name}": ${message}`);
      memory.setWaiting(pod, spec.name, { reason: 'RunContainerError', message });
      return;
    }
    memory.clearWaiting(pod, spec.name);
    event('Normal', 'Started', `Started container ${spec.name}`);
    later(0); // the next sync sees it running and starts its probes
    if (attempt >= 2) await this.pruneAttempts(pod, spec.name, attempt);
  }

  /** `{NAME}_SERVICE_HOST` and friends for the Services of the pod's namespace (enableServiceLinks, default on). */
  private serviceEnvironment(pod: Pod): Array<[string, string]> {
    // the API's own variables come whatever enableServiceLinks says, as the kubelet's master-service rule
    const api = this.options.apiServiceEnv?.(pod.metadata.namespace ?? 'default') ?? [];
    if (pod.spec.enableServiceLinks === false) return api;
    const services = this.options.store.list(serviceType, { namespace: pod.metadata.namespace })
      .items as Service[];
    return [...services.flatMap(serviceEnv), ...api];
  }

  /** Keeps the latest attempt and the one before it (for `logs --previous`); removes older ones. */
  private async pruneAttempts(pod: Pod, container: string, latest: number): Promise<void> {
    const { runtime } = this.options;
    const all = await runtime.listContainers({
      [LABEL.podUid]: pod.metadata.uid ?? '',
      [LABEL.container]: container,
    });
    await Promise.all(all.filter((c) => attemptOf(c) < latest - 1).map((c) => runtime.removeContainer(c.id)));
  }
}
