import type { Disposable } from '../shared/disposable';
import { deepEqual } from '../shared/deep-equal';
import { resourceQuotaType } from '../shared/policy-resource-types';
import type { ResourceQuota } from '../shared/policy-types';
import { ignoreGoneOrChanged } from '../store/api-error';
import { quotaUsage, trackedNames } from '../store/admission/quota-admission';
import { toResourceList } from '../store/admission/resource-list';
import type { ObjectStore } from '../store/object-store';
import { startControllerLoop, type ControllerLoop } from '../machinery/controller-loop';

// Keeps each ResourceQuota's status.hard (its spec.hard) and status.used (what the namespace's objects use of
// every tracked resource), as Kubernetes' resourcequota controller does. Admission counts the same way.

const keyOf = (namespace: string | undefined, name: string | undefined) => `${namespace ?? ''}/${name ?? ''}`;

export class ResourceQuotaController implements Disposable {
  private readonly loop: ControllerLoop;

  constructor(
    private readonly store: ObjectStore,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.loop = startControllerLoop({
      store,
      name: 'resourcequota-controller',
      reconcile: (key) => this.reconcile(key),
      keysFor: (event, type) => {
        const namespace = event.object.metadata.namespace;
        if (type === resourceQuotaType) return [keyOf(namespace, event.object.metadata.name)];
        if (!type.namespaced || !namespace) return [];
        return (store.list(resourceQuotaType, { namespace }).items as ResourceQuota[])
          .filter((q) => trackedNames(type, Object.keys(q.spec?.hard ?? {})).length > 0)
          .map((q) => keyOf(namespace, q.metadata.name));
      },
      initialKeys: () =>
        store.list(resourceQuotaType).items.map((q) => keyOf(q.metadata.namespace, q.metadata.name)),
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
    const quota = this.store.tryGet(resourceQuotaType, namespace, name) as ResourceQuota | undefined;
    if (!quota || quota.metadata.deletionTimestamp) return;
    const hard = quota.spec?.hard ?? {};
    const objects = this.store.allObjects().filter((o) => o.object.metadata.namespace === namespace);
    const used = toResourceList(quotaUsage(quota, objects, this.now()), Object.keys(hard));
    const status = { hard: { ...hard }, used };
    if (deepEqual(status, quota.status)) return;
    await this.store
      .update(resourceQuotaType, { ...quota, status }, { subresource: 'status' })
      .catch(ignoreGoneOrChanged);
  }
}
