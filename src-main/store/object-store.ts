import { randomBytes, randomUUID } from 'node:crypto';
import type { KubeList, KubeObject, WatchEvent } from '../shared/api-types';
import { deepEqual } from '../shared/deep-equal';
import type { Disposable } from '../shared/disposable';
import { apiVersionOf, namespaceType, type ResourceType } from '../shared/resource-types';
import { ApiError, apiErrors } from './api-error';
import { EventHistory, type StoreEvent } from './event-history';
import type { Journal, PersistedState } from './journal';
import type { KindRegistry, KindStrategy, StoreReader } from './kind-strategy';
import { compileFilter, type SelectorOptions } from './object-filter';
import { ObjectIndex } from './object-index';
import { validateObjectMeta } from './validate-meta';

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions {
  propagationPolicy?: PropagationPolicy;
  preconditions?: { uid?: string; resourceVersion?: string };
  gracePeriodSeconds?: number;
  dryRun?: boolean;
}

export interface WriteOptions {
  dryRun?: boolean;
  subresource?: 'status' | 'finalize' | 'binding';
}

export interface WatchOptions extends SelectorOptions {
  /** Unset or '0': start with an ADDED event per current object. Otherwise: every change after it. */
  resourceVersion?: string;
}

export const ORPHAN_FINALIZER = 'orphan';
export const FOREGROUND_FINALIZER = 'foregroundDeletion';

type Listener = (event: StoreEvent, strategy: KindStrategy) => void;

/** A validating admission check on creates (ResourceQuota): throws to refuse; sees the store as it is. */
export type CreateAdmission = (type: ResourceType, obj: KubeObject, store: ObjectStore) => void;

/** Stored objects of every kind: Kubernetes' rules for versions, generations and deletion, persisted by a Journal. */
export class ObjectStore {
  private readonly objects: ObjectIndex;
  /** The journal snapshots this map; `objects` indexes it and is the only writer. */
  private readonly persisted: Map<string, KubeObject>;
  private rv: number;
  private readonly history: EventHistory;
  private readonly listeners = new Set<Listener>();
  private journal: Journal | undefined;
  private readonly createAdmissions = new Set<CreateAdmission>();
  /** Keys changed in memory whose journal write is not yet durable: their last durable value, and how many. */
  private readonly unacknowledged = new Map<string, { durable: KubeObject | undefined; writes: number }>();

  constructor(
    private readonly kinds: KindRegistry,
    initial: PersistedState,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.persisted = initial.objects;
    this.objects = new ObjectIndex(initial.objects);
    this.rv = initial.rv;
    this.history = new EventHistory(initial.rv);
  }

  private readonly reader: StoreReader = {
    list: (type) => this.objects.ofKind(typePrefix(type)),
  };

  attachJournal(journal: Journal): void {
    this.journal = journal;
  }

  /** Runs `check` on every create, after validation and before the object is stored (dry runs included). */
  addCreateAdmission(check: CreateAdmission): Disposable {
    this.createAdmissions.add(check);
    return { dispose: () => this.createAdmissions.delete(check) };
  }

  /** The state the journal folds into a snapshot. */
  persistedState(): PersistedState {
    return { rv: this.rv, objects: this.persisted };
  }

  get resourceVersion(): string {
    return String(this.rv);
  }

  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject {
    const obj = this.objects.get(objectKey(type, namespace, name));
    if (!obj) throw apiErrors.notFound(type, name);
    return structuredClone(obj);
  }

  tryGet(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const obj = this.objects.get(objectKey(type, namespace, name));
    return obj && structuredClone(obj);
  }

  list(type: ResourceType, options: SelectorOptions = {}): KubeList {
    const filter = compileFilter(this.kinds.forType(type), options);
    const namespace = type.namespaced ? options.namespace || undefined : undefined;
    const items = this.objects
      .ofKind(typePrefix(type), namespace)
      .filter(filter)
      .sort((a, b) => collator.compare(sortKey(a), sortKey(b)))
      .map((o) => structuredClone(o));
    return {
      apiVersion: apiVersionOf(type),
      kind: `${type.kind}List`,
      metadata: { resourceVersion: this.resourceVersion },
      items,
    };
  }

  /** Every stored object of every kind, for controllers that look across kinds (namespace, garbage collector). */
  allObjects(): Array<{ type: ResourceType; object: KubeObject }> {
    const result: Array<{ type: ResourceType; object: KubeObject }> = [];
    const strategies = new Map<string, KindStrategy | undefined>();
    for (const [key, object] of this.objects.entries()) {
      const prefix = key.slice(0, key.indexOf('/', key.indexOf('/') + 1) + 1);
      if (!strategies.has(prefix)) strategies.set(prefix, this.strategyOfKey(key));
      // A custom resource whose kind is not (or no longer) served is left out rather than failing every caller.
      const strategy = strategies.get(prefix);
      if (strategy) result.push({ type: strategy.type, object });
    }
    return result;
  }

  async create(type: ResourceType, input: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    const strategy = this.kinds.forType(type);
    const obj = structuredClone(input);
    obj.apiVersion = apiVersionOf(type);
    obj.kind = type.kind;
    const meta = (obj.metadata ??= {});
    if (meta.resourceVersion)
      throw apiErrors.badRequest('resourceVersion should not be set on objects to be created');
    if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${randomSuffix()}`;
    if (!type.namespaced) delete meta.namespace;
    meta.uid = randomUUID();
    meta.creationTimestamp = rfc3339(this.now());
    meta.generation = 1;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    if (type.hasStatus) delete obj.status;
    strategy.prepareForCreate?.(obj, this.reader);
    this.validate(strategy, obj);
    const key = objectKey(type, meta.namespace, meta.name!);
    if (this.objects.has(key)) throw apiErrors.alreadyExists(type, meta.name!);
    if (type.namespaced) this.requireLiveNamespace(meta.namespace);
    for (const check of this.createAdmissions) check(type, obj, this);
    if (options.dryRun) return obj;
    return this.commit({ type: 'ADDED', key, object: obj }, strategy);
  }

  async update(type: ResourceType, input: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    const strategy = this.kinds.forType(type);
    const name = input.metadata?.name ?? '';
    const key = objectKey(type, input.metadata?.namespace, name);
    const old = this.objects.get(key);
    if (!old) throw apiErrors.notFound(type, name);
    const wanted = input.metadata.resourceVersion;
    if (wanted && wanted !== old.metadata.resourceVersion) {
      throw apiErrors.conflict(
        type,
        name,
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    }
    const next = this.mergeForUpdate(type, old, structuredClone(input), options.subresource);
    strategy.prepareForUpdate?.(next, old, this.reader);
    this.validate(strategy, next, old);
    if (!options.subresource && !deepEqual(specOf(old), specOf(next)))
      next.metadata.generation = (old.metadata.generation ?? 1) + 1;
    next.metadata.resourceVersion = old.metadata.resourceVersion;
    if (deepEqual(next, old)) return structuredClone(old);
    if (options.dryRun) return next;
    if (next.metadata.deletionTimestamp && this.readyToRemove(strategy, next)) {
      return this.commit({ type: 'DELETED', key, object: next, previous: old }, strategy);
    }
    return this.commit({ type: 'MODIFIED', key, object: next, previous: old }, strategy);
  }

  async delete(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): Promise<KubeObject> {
    const strategy = this.kinds.forType(type);
    const key = objectKey(type, namespace, name);
    const old = this.objects.get(key);
    if (!old) throw apiErrors.notFound(type, name);
    const pre = options.preconditions;
    if (pre?.uid && pre.uid !== old.metadata.uid) {
      throw apiErrors.conflict(
        type,
        name,
        `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`,
      );
    }
    if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) {
      throw apiErrors.conflict(
        type,
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`,
      );
    }
    strategy.checkDelete?.(old);
    const grace = strategy.deletionGracePeriod?.(old, options.gracePeriodSeconds) ?? 0;
    if (old.metadata.deletionTimestamp) {
      // Already going; a zero grace period (the kubelet's final word, or a forced delete) finishes it.
      if (
        strategy.deletionGracePeriod &&
        grace === 0 &&
        this.readyToRemove(strategy, old) &&
        !options.dryRun
      ) {
        return this.commit({ type: 'DELETED', key, object: structuredClone(old), previous: old }, strategy);
      }
      return structuredClone(old);
    }
    const next = structuredClone(old);
    const finalizers = new Set(next.metadata.finalizers ?? []);
    if (options.propagationPolicy === 'Orphan') finalizers.add(ORPHAN_FINALIZER);
    if (options.propagationPolicy === 'Foreground') finalizers.add(FOREGROUND_FINALIZER);
    if (finalizers.size > 0) next.metadata.finalizers = [...finalizers];
    if (options.dryRun) return next;
    if (grace === 0 && this.readyToRemove(strategy, next)) {
      return this.commit({ type: 'DELETED', key, object: next, previous: old }, strategy);
    }
    next.metadata.deletionTimestamp = rfc3339(new Date(this.now().getTime() + grace * 1000));
    next.metadata.deletionGracePeriodSeconds = grace;
    strategy.markDeleting?.(next);
    return this.commit({ type: 'MODIFIED', key, object: next, previous: old }, strategy);
  }

  /**
   * Streams changes of one kind. Throws 410 Gone when the requested resourceVersion is older than the
   * history held. Events are delivered synchronously, in resourceVersion order.
   */
  watch(type: ResourceType, options: WatchOptions, send: (event: WatchEvent) => void): Disposable {
    const strategy = this.kinds.forType(type);
    const filter = compileFilter(strategy, options);
    const typeKey = typePrefix(type);
    const translate = (event: StoreEvent): WatchEvent | undefined => {
      if (!event.key.startsWith(typeKey)) return undefined;
      const now = filter(event.object);
      const before = event.previous !== undefined && filter(event.previous);
      if (event.type === 'ADDED') return now ? { type: 'ADDED', object: event.object } : undefined;
      if (event.type === 'DELETED')
        return now || before ? { type: 'DELETED', object: event.object } : undefined;
      if (now && before) return { type: 'MODIFIED', object: event.object };
      if (now) return { type: 'ADDED', object: event.object };
      if (before) return { type: 'DELETED', object: event.object };
      return undefined;
    };
    let backlog: WatchEvent[];
    const from = options.resourceVersion;
    if (!from || from === '0') {
      backlog = this.list(type, options).items.map((object) => ({ type: 'ADDED' as const, object }));
    } else {
      const rv = Number(from);
      if (!Number.isInteger(rv) || rv < 0)
        throw apiErrors.badRequest(
          `invalid resourceVersion "${from}": must be a resourceVersion returned by this server`,
        );
      const events = this.history.since(rv);
      if (!events) throw apiErrors.gone(`too old resource version: ${from} (${this.rv})`);
      backlog = events
        .map(translate)
        .filter((e): e is WatchEvent => e !== undefined)
        .map(cloneEvent);
    }
    for (const event of backlog) send(event);
    const listener: Listener = (event) => {
      const translated = translate(event);
      if (translated) send(cloneEvent(translated));
    };
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** How many watches and controllers listen now (diagnostics: a closed watch must leave none behind). */
  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Every committed change of every kind, for controllers. */
  subscribe(listener: (event: StoreEvent, type: ResourceType) => void): Disposable {
    const wrapped: Listener = (event, strategy) => listener(event, strategy.type);
    this.listeners.add(wrapped);
    return { dispose: () => this.listeners.delete(wrapped) };
  }

  private mergeForUpdate(
    type: ResourceType,
    old: KubeObject,
    next: KubeObject,
    subresource: WriteOptions['subresource'],
  ): KubeObject {
    let merged: KubeObject;
    if (subresource === 'status') merged = { ...structuredClone(old), status: next.status };
    else if (subresource === 'binding') {
      merged = structuredClone(old);
      merged.spec = {
        ...(old.spec as object),
        nodeName: (next.spec as { nodeName?: string } | undefined)?.nodeName,
      };
    } else if (subresource === 'finalize') {
      merged = structuredClone(old);
      merged.spec = {
        ...(old.spec as object),
        finalizers: (next.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [],
      };
    } else {
      merged = next;
      if (type.hasStatus) merged.status = structuredClone(old.status);
      if (merged.status === undefined) delete merged.status;
    }
    merged.apiVersion = apiVersionOf(type);
    merged.kind = type.kind;
    const keep = old.metadata;
    merged.metadata = {
      ...merged.metadata,
      name: keep.name,
      uid: keep.uid,
      creationTimestamp: keep.creationTimestamp,
      generation: keep.generation,
    };
    if (type.namespaced) merged.metadata.namespace = keep.namespace;
    if (keep.deletionTimestamp) {
      merged.metadata.deletionTimestamp = keep.deletionTimestamp;
      merged.metadata.deletionGracePeriodSeconds = keep.deletionGracePeriodSeconds;
    } else {
      delete merged.metadata.deletionTimestamp;
      delete merged.metadata.deletionGracePeriodSeconds;
    }
    return merged;
  }

  private validate(strategy: KindStrategy, obj: KubeObject, old?: KubeObject): void {
    const causes = [
      ...validateObjectMeta(obj, strategy.nameRule),
      ...strategy.validate(obj, old, this.reader),
    ];
    if (causes.length > 0) throw apiErrors.invalid(strategy.type, obj.metadata.name ?? '', causes);
  }

  private readyToRemove(strategy: KindStrategy, obj: KubeObject): boolean {
    return (obj.metadata.finalizers?.length ?? 0) === 0 && !strategy.hasDeletionBlockers?.(obj);
  }

  private requireLiveNamespace(namespace: string | undefined): void {
    if (!namespace)
      throw apiErrors.badRequest(
        'a namespace is required for this kind: set metadata.namespace or use a namespaced path',
      );
    const ns = this.objects.get(objectKey(namespaceType, undefined, namespace));
    if (!ns)
      throw new ApiError(404, 'NotFound', `namespaces "${namespace}" not found`, {
        name: namespace,
        kind: 'namespaces',
      });
    if (ns.metadata.deletionTimestamp) {
      throw new ApiError(
        403,
        'Forbidden',
        `unable to create new content in namespace ${namespace} because it is being terminated`,
        {
          name: namespace,
          kind: 'namespaces',
          causes: [
            {
              type: 'NamespaceTerminating',
              field: 'metadata.namespace',
              message: `namespace ${namespace} is being terminated`,
            },
          ],
        },
      );
    }
  }

  private restoreDurableState(): void {
    for (const [key, { durable }] of this.unacknowledged) {
      if (durable) this.objects.set(key, durable);
      else this.objects.delete(key);
    }
    this.unacknowledged.clear();
  }

  private async commit(change: Omit<StoreEvent, 'rv'>, strategy: KindStrategy): Promise<KubeObject> {
    if (!this.journal) throw new Error('store: no journal attached');
    const rv = ++this.rv;
    const event: StoreEvent = { ...change, rv };
    event.object.metadata.resourceVersion = String(rv);
    const pending = this.unacknowledged.get(change.key) ?? {
      durable: this.objects.get(change.key),
      writes: 0,
    };
    pending.writes += 1;
    this.unacknowledged.set(change.key, pending);
    if (change.type === 'DELETED') this.objects.delete(change.key);
    else this.objects.set(change.key, event.object);
    try {
      await this.journal.append(
        change.type === 'DELETED'
          ? { rv, op: 'delete', key: change.key }
          : { rv, op: 'put', key: change.key, object: event.object },
      );
    } catch (err) {
      // A failed journal refuses every later write too: reads go back to what is on disk, so nothing that was
      // refused is ever seen (the watchers below never heard of it).
      this.restoreDurableState();
      throw new ApiError(503, 'ServiceUnavailable', (err as Error).message);
    }
    if (--pending.writes === 0 && this.unacknowledged.get(change.key) === pending)
      this.unacknowledged.delete(change.key);
    this.history.push(event);
    for (const listener of [...this.listeners]) {
      try {
        listener(event, strategy);
      } catch (err) {
        console.error('store: a watcher failed and was dropped:', err);
        this.listeners.delete(listener);
      }
    }
    return structuredClone(event.object);
  }

  private strategyOfKey(key: string): KindStrategy | undefined {
    const [group, plural] = key.split('/');
    return this.kinds.all().find((s) => s.type.group === group && s.type.plural === plural);
  }
}

export function objectKey(type: ResourceType, namespace: string | undefined, name: string): string {
  return `${typePrefix(type)}${type.namespaced ? (namespace ?? '') : ''}/${name}`;
}

function typePrefix(type: ResourceType): string {
  return `${type.group}/${type.plural}/`;
}

function specOf(obj: KubeObject): unknown {
  const { metadata: _m, status: _s, ...rest } = obj;
  return rest;
}

/** Lists are in namespace/name order as `localeCompare` gives it; one collator does the same, much faster. */
const collator = new Intl.Collator();

function sortKey(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
}

function cloneEvent(event: WatchEvent): WatchEvent {
  return { type: event.type, object: structuredClone(event.object) };
}

export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function randomSuffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return [...randomBytes(5)].map((b) => alphabet[b % alphabet.length]).join('');
}
