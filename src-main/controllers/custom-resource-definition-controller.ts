import { deepEqual } from '../shared/deep-equal';
import type { Disposable } from '../shared/disposable';
import {
  customResourceDefinitionType,
  isEstablished,
  type CustomResourceDefinition,
} from '../shared/custom-resource-types';
import { ignoreGoneOrChanged } from '../store/api-error';
import type { KindRegistry } from '../store/kind-strategy';
import { customResourceStrategy } from '../store/custom/custom-resource-strategy';
import { CRD_CLEANUP_FINALIZER } from '../store/kinds/custom-resource-definition-strategy';
import { rfc3339, type ObjectStore } from '../store/object-store';
import { planCrdNames, takenNames } from './plan-crd-names';
import { WorkQueue, type WorkQueueOptions } from '../machinery/work-queue';

// The apiextensions controllers Skiff needs, keyed by CRD name: naming and establishing (status.acceptedNames,
// NamesAccepted, Established), serving (the kind is registered before Established is written, so a client
// that waits for Established finds the endpoint), and the customresourcecleanup finalizer (a deleted CRD's
// custom resources are deleted, then the CRD goes, and its kind with it).

/** Registers the kinds of the CRDs that were Established when Skiff last stopped, before anything reads them. */
export function registerStoredCustomResources(store: ObjectStore, kinds: KindRegistry): void {
  for (const crd of store.list(customResourceDefinitionType).items as CustomResourceDefinition[])
    if (isEstablished(crd)) serve(crd, store, kinds);
}

function serve(crd: CustomResourceDefinition, store: ObjectStore, kinds: KindRegistry): void {
  const name = crd.metadata.name ?? '';
  const strategy = customResourceStrategy(crd, () => {
    const live = store.tryGet(customResourceDefinitionType, undefined, name);
    return live?.metadata.deletionTimestamp !== undefined;
  });
  if (strategy) kinds.register(strategy);
}

export class CustomResourceDefinitionController implements Disposable {
  private readonly queue: WorkQueue;
  private readonly subscription: Disposable;
  /** CRD name → the group and plural its kind is registered under. */
  private readonly served = new Map<string, { group: string; plural: string }>();

  constructor(
    private readonly store: ObjectStore,
    private readonly kinds: KindRegistry,
    queueOptions: WorkQueueOptions = {},
  ) {
    this.queue = new WorkQueue((name) => this.reconcile(name), {
      onError: (name, err) => console.error(`customresourcedefinition-controller: ${name}:`, err),
      ...queueOptions,
    });
    this.subscription = store.subscribe((event, type) => {
      if (type === customResourceDefinitionType) {
        this.queue.add(event.object.metadata.name ?? '');
        // A name another CRD gave up may now be free for one that was refused it.
        if (event.type === 'DELETED')
          for (const crd of store.list(customResourceDefinitionType).items)
            this.queue.add(crd.metadata.name ?? '');
      } else if (event.type === 'DELETED') {
        const crdName = `${type.plural}.${type.group}`;
        if (this.served.has(crdName)) this.queue.add(crdName);
      }
    });
    for (const crd of store.list(customResourceDefinitionType).items) {
      const c = crd as CustomResourceDefinition;
      if (isEstablished(c))
        this.served.set(c.metadata.name ?? '', { group: c.spec.group, plural: c.spec.names.plural });
      this.queue.add(crd.metadata.name ?? '');
    }
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  dispose(): void {
    this.subscription.dispose();
    this.queue.dispose();
  }

  private async reconcile(name: string): Promise<number | void> {
    const crd = this.store.tryGet(customResourceDefinitionType, undefined, name) as
      CustomResourceDefinition | undefined;
    if (!crd) {
      const served = this.served.get(name);
      if (served) this.kinds.unregister(served);
      this.served.delete(name);
      return;
    }
    if (crd.metadata.deletionTimestamp) return this.finalize(crd);
    const others = this.store.list(customResourceDefinitionType).items as CustomResourceDefinition[];
    const builtIn = this.kinds
      .all()
      .map((s) => s.type)
      .filter((t) => !this.isCustom(t.group, t.plural));
    const plan = planCrdNames(crd, takenNames(crd, others, builtIn), rfc3339(new Date()));
    const establishedNow = plan.conditions.some((c) => c.type === 'Established' && c.status === 'True');
    if (establishedNow) {
      serve(crd, this.store, this.kinds);
      this.served.set(name, { group: crd.spec.group, plural: crd.spec.names.plural });
    }
    const status = { ...crd.status, acceptedNames: plan.acceptedNames, conditions: plan.conditions };
    if (deepEqual(status, crd.status)) return;
    await this.store
      .update(customResourceDefinitionType, { ...crd, status }, { subresource: 'status' })
      .catch(ignoreGoneOrChanged);
  }

  private isCustom(group: string, plural: string): boolean {
    for (const served of this.served.values())
      if (served.group === group && served.plural === plural) return true;
    return false;
  }

  /** Deletes the CRD's custom resources; once none is left, lifts the finalizer so the CRD goes. */
  private async finalize(crd: CustomResourceDefinition): Promise<number | void> {
    const name = crd.metadata.name ?? '';
    if (!(crd.metadata.finalizers ?? []).includes(CRD_CLEANUP_FINALIZER)) return;
    const strategy = this.kinds.find(
      crd.spec.group,
      crd.spec.versions.find((v) => v.storage)?.name ?? '',
      crd.spec.names.plural,
    );
    const remaining = strategy ? this.store.list(strategy.type).items : [];
    for (const item of remaining) {
      if (item.metadata.deletionTimestamp) continue;
      await this.store
        .delete(strategy!.type, item.metadata.namespace, item.metadata.name ?? '', {
          propagationPolicy: 'Background',
        })
        .catch(ignoreGoneOrChanged);
    }
    if (strategy && this.store.list(strategy.type).items.length > 0) return 1000;
    const fresh = this.store.tryGet(customResourceDefinitionType, undefined, name) as
      CustomResourceDefinition | undefined;
    if (!fresh) return;
    await this.store
      .update(customResourceDefinitionType, {
        ...fresh,
        metadata: {
          ...fresh.metadata,
          finalizers: (fresh.metadata.finalizers ?? []).filter((f) => f !== CRD_CLEANUP_FINALIZER),
        },
      })
      .catch(ignoreGoneOrChanged);
  }
}
