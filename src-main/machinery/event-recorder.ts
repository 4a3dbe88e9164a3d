import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../shared/api-types';
import type { KubeEvent } from '../shared/pod-types';
import { eventType } from '../shared/resource-types';
import { ApiError } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import { rfc3339 } from '../store/object-store';

export interface EventSource {
  component: string;
  host?: string;
}

/**
 * Records Kubernetes Events about objects; a repeat of the same reason and message for the same object bumps
 * the count of the existing Event instead of adding another. Failures to record are logged, never thrown:
 * an event must not break the work it describes.
 */
export class EventRecorder {
  private readonly recent = new Map<string, string>(); // dedupe key → event name

  constructor(
    private readonly store: ObjectStore,
    private readonly source: EventSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(
    object: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    fieldPath?: string,
  ): Promise<void> {
    const namespace = object.metadata.namespace ?? 'default';
    const key = `${object.metadata.uid}|${fieldPath ?? ''}|${reason}|${message}`;
    const timestamp = rfc3339(this.now());
    try {
      const existingName = this.recent.get(key);
      const existing = existingName
        ? (this.store.tryGet(eventType, namespace, existingName) as KubeEvent | undefined)
        : undefined;
      if (existing) {
        await this.store.update(eventType, {
          ...existing,
          count: (existing.count ?? 1) + 1,
          lastTimestamp: timestamp,
        });
        return;
      }
      const name = `${object.metadata.name}.${randomBytes(8).toString('hex')}`;
      const event: KubeEvent = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace },
        involvedObject: {
          apiVersion: object.apiVersion,
          kind: object.kind,
          namespace: object.metadata.namespace,
          name: object.metadata.name,
          uid: object.metadata.uid,
          resourceVersion: object.metadata.resourceVersion,
          ...(fieldPath ? { fieldPath } : {}),
        },
        reason,
        message,
        type,
        source: this.source,
        reportingComponent: this.source.component,
        reportingInstance: this.source.host ?? '',
        firstTimestamp: timestamp,
        lastTimestamp: timestamp,
        count: 1,
      };
      await this.store.create(eventType, event);
      this.recent.set(key, name);
      if (this.recent.size > 5000) this.recent.delete(this.recent.keys().next().value!);
    } catch (err) {
      // A namespace being deleted takes no new content, events included: nothing to report.
      if (
        err instanceof ApiError &&
        err.code === 403 &&
        err.details?.causes?.some((c) => c.type === 'NamespaceTerminating')
      )
        return;
      console.error(
        `events: could not record ${reason} for ${namespace}/${object.metadata.name}: ${(err as Error).message}`,
      );
    }
  }
}
