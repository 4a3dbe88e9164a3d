import type { KubeObject } from '../shared/api-types';
import type { Pod } from '../shared/pod-types';
import type { Node } from '../shared/pod-types';
import { configMapType, nodeType, secretType } from '../shared/resource-types';
import type { DockerRuntime } from '../runtime/docker-runtime';
import { tarArchive } from '../runtime/tar-archive';
import type { ObjectStore } from '../store/object-store';
import type { EventRecorder } from '../machinery/event-recorder';
import { ConfigVolumeWriter, SANDBOX_VOLUMES_DIR } from '../runtime/config-volume-writer';
import {
  configVolumes,
  dockerVolumeOf,
  volumeSubPaths,
  volumesMountedBySubPath,
  type ResolvedVolumes,
} from './pod-volumes';
import type { ProjectedFile } from './project-config-volume';
import { projectPodVolume } from './project-pod-volume';
import { NODE_NAME } from './node-agent';
import type { PodTokenSource } from './pod-token-source';

/** What the kubelet knows of a pod's sandbox while setting up its volumes. */
export interface VolumeTarget {
  id: string;
  /** Resolves once the sandbox runs (its start returned; not inspected). */
  running: Promise<unknown>;
  /** Set here: resolves once configMap/secret volumes hold their files and subPath directories exist. */
  volumesReady?: Promise<unknown>;
  /** Set here when a volume cannot be set up: no container may start yet. */
  mountError?: string;
  /** Made in this sync: its volumes hold nothing yet, so there is no earlier state to read. */
  fresh?: boolean;
}

/** The kubelet's volume setup for a pod's containers: config volume contents, subPath directories, mountpoints. */
export class PodVolumeSetup {
  private readonly configWriter: ConfigVolumeWriter;
  /** The FailedMount message last reported per pod, so a repeat is not another event. */
  private readonly mountFailures = new Map<string, string>();
  /** Sandboxes whose subPath directories exist. */
  private readonly subPathsMade = new Set<string>();
  /** Whether the engine mounts a volume's subdirectory itself (API 1.45+, VolumeOptions.Subpath). */
  private engineHasSubpath = false;

  constructor(
    private readonly store: ObjectStore,
    private readonly runtime: DockerRuntime,
    private readonly recorder: EventRecorder,
    private readonly tokens?: PodTokenSource,
  ) {
    this.configWriter = new ConfigVolumeWriter(runtime);
  }

  setEngineApi(apiVersion: string): void {
    const [major = 0, minor = 0] = apiVersion.split('.').map(Number);
    this.engineHasSubpath = major > 1 || (major === 1 && minor >= 45);
  }

  /** Forgets a pod that is gone, with its containers. */
  forget(key: string, containerIds: string[]): void {
    this.mountFailures.delete(key);
    for (const id of containerIds) {
      this.configWriter.forget(id);
      this.subPathsMade.delete(id);
    }
  }

  private configSource(
    namespace: string,
    kind: 'configmap' | 'secret',
    name: string,
  ): KubeObject | undefined {
    return this.store.tryGet(kind === 'configmap' ? configMapType : secretType, namespace, name);
  }

  /**
   * Sets up what the containers mount: projects the configMap and secret volumes and, once the sandbox runs,
   * writes them and makes the subPath directories. While a volume cannot be set up (a missing source, an
   * unbound claim, a hostPath of the wrong type) no container starts: they wait in ContainerCreating and
   * FailedMount says why; running ones keep what they have, as in Kubernetes.
   */
  async mount(
    key: string,
    pod: Pod,
    sandbox: VolumeTarget,
    resolutionError: string | undefined,
  ): Promise<void> {
    const namespace = pod.metadata.namespace ?? 'default';
    const fail = async (message: string) => {
      if (this.mountFailures.get(key) !== message)
        await this.recorder.record(pod, 'Warning', 'FailedMount', message);
      this.mountFailures.set(key, message);
      sandbox.mountError = message;
    };
    if (resolutionError) return fail(resolutionError);
    const projections: Array<{ volume: string; files: ProjectedFile[] }> = [];
    const sources = {
      configMap: (name: string) => this.configSource(namespace, 'configmap', name),
      secret: (name: string) => this.configSource(namespace, 'secret', name),
      serviceAccountToken: (audience: string | undefined, expirationSeconds: number) =>
        this.tokens
          ? this.tokens(pod, audience, expirationSeconds)
          : { error: 'failed to fetch token: this Skiff issues no ServiceAccount tokens' },
    };
    const node = this.store.tryGet(nodeType, undefined, NODE_NAME) as Node | undefined;
    const facts = { allocatable: node?.status?.allocatable };
    for (const volume of configVolumes(pod)) {
      const projection = projectPodVolume(volume, pod, sources, facts);
      if ('error' in projection)
        return fail(`MountVolume.SetUp failed for volume "${volume.name}" : ${projection.error}`);
      projections.push({ volume: volume.name, files: projection.files });
    }
    this.mountFailures.delete(key);
    const subPaths = volumeSubPaths(pod);
    if (projections.length === 0 && subPaths.length === 0) {
      sandbox.volumesReady = sandbox.running;
      return;
    }
    sandbox.volumesReady = sandbox.running.then(async () => {
      for (const p of projections)
        await this.configWriter.write(sandbox.id, p.volume, p.files, sandbox.fresh === true);
      if (subPaths.length > 0 && !this.subPathsMade.has(sandbox.id)) {
        const dirs = subPaths.flatMap(({ volume, subPath }) => {
          const parts = subPath.split('/').filter(Boolean);
          return parts.map((_, i) => `${volume}/${parts.slice(0, i + 1).join('/')}`);
        });
        const entries = [...new Set(dirs)].map((name) => ({ name, type: 'directory' as const, mode: 0o777 }));
        await this.runtime.putArchive(sandbox.id, SANDBOX_VOLUMES_DIR, tarArchive(entries));
        this.subPathsMade.add(sandbox.id);
      }
    });
  }

  /** On engines without VolumeOptions.Subpath, subPath mounts bind the volume's subdirectory on the host. */
  async withMountpoints(pod: Pod, volumes: ResolvedVolumes): Promise<ResolvedVolumes> {
    const subPathVolumes = volumesMountedBySubPath(pod);
    if (this.engineHasSubpath || subPathVolumes.length === 0) return volumes;
    const mountpoints: Record<string, string> = {};
    for (const volume of subPathVolumes) {
      const spec = pod.spec.volumes?.find((v) => v.name === volume);
      const name = spec && dockerVolumeOf(pod, spec, volumes);
      if (name) mountpoints[name] ??= await this.runtime.volumeMountpoint(name);
    }
    return { ...volumes, mountpoints };
  }
}
