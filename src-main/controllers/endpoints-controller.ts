import { createHash } from 'node:crypto';
import type { Disposable } from '../shared/disposable';
import { deepEqual } from '../shared/deep-equal';
import { controllerRef } from '../shared/owner-refs';
import type { Pod } from '../shared/pod-types';
import { endpointSliceType, endpointsType, podType, serviceType } from '../shared/resource-types';
import {
  SERVICE_NAME_LABEL,
  SLICE_MANAGED_BY_LABEL,
  SLICE_MANAGER,
  type EndpointSlice,
  type Endpoints,
  type Service,
} from '../shared/service-types';
import { ignoreGoneOrChanged } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import { startControllerLoop, type ControllerLoop } from '../machinery/controller-loop';
import { planEndpoints, sliceLabels } from './plan-endpoints';

/** Marks Endpoints this controller owns; Endpoints without it belong to a user (selector-less Services). */
export const ENDPOINTS_MANAGED_BY_LABEL = 'endpoints.kubernetes.io/managed-by';
const ENDPOINTS_MANAGER = 'endpoint-controller';

const keyOf = (namespace: string | undefined, name: string | undefined) => `${namespace ?? ''}/${name ?? ''}`;

/** Keeps each selector Service's Endpoints and EndpointSlices equal to its pods' addresses and readiness. */
export class EndpointsController implements Disposable {
  private readonly loop: ControllerLoop;

  constructor(private readonly store: ObjectStore) {
    this.loop = startControllerLoop({
      store,
      name: 'endpoints-controller',
      reconcile: (key) => this.reconcile(key),
      keysFor: (event, type) => {
        if (type === serviceType) return [keyOf(event.object.metadata.namespace, event.object.metadata.name)];
        if (type !== podType) return [];
        const namespace = (event.object as Pod).metadata.namespace;
        return store.list(serviceType, { namespace }).items.map((s) => keyOf(namespace, s.metadata.name));
      },
      initialKeys: () => [
        ...store.list(serviceType).items.map((s) => keyOf(s.metadata.namespace, s.metadata.name)),
        ...store
          .list(endpointsType)
          .items.filter((e) => e.metadata.labels?.[ENDPOINTS_MANAGED_BY_LABEL])
          .map((e) => keyOf(e.metadata.namespace, e.metadata.name)),
      ],
    });
  }

  idle(): Promise<void> {
    return this.loop.idle();
  }

  dispose(): void {
    this.loop.dispose();
  }

  private async reconcile(key: string): Promise<void> {
    const [namespace, name] = key.split('/') as [string, string];
    const service = this.store.tryGet(serviceType, namespace, name) as Service | undefined;
    const current = this.store.tryGet(endpointsType, namespace, name) as Endpoints | undefined;
    const managed = current?.metadata.labels?.[ENDPOINTS_MANAGED_BY_LABEL] === ENDPOINTS_MANAGER;
    const wanted = service?.spec.selector && service.spec.type !== 'ExternalName';
    if (!service || service.metadata.deletionTimestamp || !wanted) {
      // A selector-less Service's Endpoints are the user's (manual endpoints); ours go with our Service. An
      // ExternalName gets none (as the endpointslice controller: kubernetes#105986).
      if (managed)
        await this.store
          .delete(endpointsType, namespace, name, { preconditions: { uid: current!.metadata.uid } })
          .catch(ignoreGoneOrChanged);
      return;
    }
    const pods = this.store.list(podType, { namespace }).items as Pod[];
    const plan = planEndpoints(service, pods);
    const labels = { ...service.metadata.labels, [ENDPOINTS_MANAGED_BY_LABEL]: ENDPOINTS_MANAGER };
    if (!current) {
      await this.store
        .create(endpointsType, {
          apiVersion: 'v1',
          kind: 'Endpoints',
          metadata: { name, namespace, labels },
          subsets: plan.subsets,
        } as Endpoints)
        .catch(ignoreGoneOrChanged);
    } else if (
      !deepEqual(current.subsets ?? [], plan.subsets) ||
      !deepEqual(current.metadata.labels, labels)
    ) {
      await this.store
        .update(endpointsType, {
          ...current,
          metadata: { ...current.metadata, labels },
          subsets: plan.subsets,
        })
        .catch(ignoreGoneOrChanged);
    }
    await this.syncSlices(service, plan.slices);
  }

  private async syncSlices(
    service: Service,
    wanted: ReturnType<typeof planEndpoints>['slices'],
  ): Promise<void> {
    const namespace = service.metadata.namespace;
    const existing = (this.store.list(endpointSliceType, { namespace }).items as EndpointSlice[]).filter(
      (s) =>
        s.metadata.labels?.[SERVICE_NAME_LABEL] === service.metadata.name &&
        s.metadata.labels?.[SLICE_MANAGED_BY_LABEL] === SLICE_MANAGER,
    );
    const desired = (wanted.length > 0 ? wanted : [{ portKey: '[]', ports: [], endpoints: [] }]).map((w) => ({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: `${service.metadata.name}-${createHash('sha256').update(w.portKey).digest('hex').slice(0, 5)}`,
        namespace,
        labels: sliceLabels(service),
        ownerReferences: [controllerRef(service)],
      },
      addressType: 'IPv4' as const,
      endpoints: w.endpoints,
      ports: w.ports,
    }));
    for (const slice of desired) {
      const found = existing.find((e) => e.metadata.name === slice.metadata.name);
      if (!found)
        await this.store.create(endpointSliceType, slice as EndpointSlice).catch(ignoreGoneOrChanged);
      else if (!deepEqual(found.endpoints, slice.endpoints) || !deepEqual(found.ports, slice.ports))
        await this.store
          .update(endpointSliceType, {
            ...found,
            endpoints: slice.endpoints,
            ports: slice.ports,
          } as EndpointSlice)
          .catch(ignoreGoneOrChanged);
    }
    for (const stale of existing.filter((e) => !desired.some((d) => d.metadata.name === e.metadata.name)))
      await this.store
        .delete(endpointSliceType, namespace, stale.metadata.name ?? '')
        .catch(ignoreGoneOrChanged);
  }
}
