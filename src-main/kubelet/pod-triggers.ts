import type { KubeObject } from '../shared/api-types';
import { deepEqual } from '../shared/deep-equal';
import type { Disposable } from '../shared/disposable';
import type { Pod } from '../shared/pod-types';
import { configMapType, namespaceType, podType, secretType } from '../shared/resource-types';
import type { DockerRuntime } from '../runtime/docker-runtime';
import { LABEL } from '../runtime/labels';
import type { StoreEvent } from '../store/event-history';
import type { ObjectStore } from '../store/object-store';
import { referencesConfig } from './config-references';
import { podKey } from '../runtime/pod-names';

/**
 * Engine events that change what a sync would see. The kubelet's own creates and starts (and every exec of a
 * probe or a config volume write) would only repeat the sync that caused them; the 30 s relist and a reconnect
 * cover changes made behind Skiff's back.
 */
const CONTAINER_STATE_CHANGES = ['die', 'oom', 'destroy', 'pause', 'unpause'];

/** A pod change the kubelet must act on: anything but status (often its own write) and ownership. */
function concernsKubelet(event: StoreEvent): boolean {
  const before = event.previous;
  if (event.type !== 'MODIFIED' || !before) return true;
  const now = event.object;
  return (
    now.metadata.deletionTimestamp !== before.metadata.deletionTimestamp ||
    !deepEqual(now.spec, before.spec) ||
    !deepEqual(now.metadata.labels, before.metadata.labels) ||
    !deepEqual(now.metadata.annotations, before.metadata.annotations)
  );
}

export interface PodTriggerOptions {
  store: ObjectStore;
  runtime: DockerRuntime;
  /** A pod's containers may need something: sync it. */
  resync: (key: string) => void;
  /** A namespace went: what was its own (its network) goes too. */
  relistSoon: () => void;
  /** The engine's event stream connected or broke. */
  engineChanged: (connected: boolean) => void;
}

/**
 * What makes the kubelet look at a pod again: its own changes in the store, a ConfigMap or Secret it uses,
 * its containers' state changes in the engine. Each only enqueues the pod; the sync finds out what to do.
 */
export function watchPodTriggers(options: PodTriggerOptions): Disposable[] {
  const { store, runtime, resync } = options;
  /** A ConfigMap or Secret changed: the pods that use it re-sync (a waiting one starts, mounted files update). */
  const requeueUsersOf = (kind: 'configmap' | 'secret', obj: KubeObject) => {
    const pods = store.list(podType, { namespace: obj.metadata.namespace }).items as Pod[];
    for (const pod of pods) if (referencesConfig(pod, kind, obj.metadata.name ?? '')) resync(podKey(pod));
  };
  return [
    store.subscribe((event, type) => {
      if (type === podType && concernsKubelet(event)) resync(podKey(event.object as Pod));
      if (type === namespaceType && event.type === 'DELETED') options.relistSoon();
      if (type === configMapType) requeueUsersOf('configmap', event.object);
      if (type === secretType) requeueUsersOf('secret', event.object);
    }),
    runtime.watchEvents(
      (event) => {
        const ns = event.labels[LABEL.namespace];
        const name = event.labels[LABEL.podName];
        if (ns && name) resync(`${ns}/${name}`);
      },
      options.engineChanged,
      CONTAINER_STATE_CHANGES,
    ),
  ];
}
