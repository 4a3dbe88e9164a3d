import type { KubeObject } from '../shared/api-types';
import { selectorRequirements, selectorString } from '../shared/label-selector';
import type { ResourceType } from '../shared/resource-types';
import type { Scale } from '../shared/workload-types';
import type { LabelSelector } from '../shared/workload-types';
import { apiErrors } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';

/** The autoscaling/v1 Scale view of a workload, as `kubectl scale` and autoscalers read and write it. */
export function scaleOf(object: KubeObject): Scale {
  const spec = object.spec as { replicas?: number; selector?: LabelSelector };
  const status = object.status as { replicas?: number } | undefined;
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: {
      name: object.metadata.name,
      namespace: object.metadata.namespace,
      uid: object.metadata.uid,
      resourceVersion: object.metadata.resourceVersion,
      creationTimestamp: object.metadata.creationTimestamp,
    },
    spec: { replicas: spec.replicas ?? 0 },
    status: {
      replicas: status?.replicas ?? 0,
      // a ReplicationController's selector is an equality map, not a LabelSelector
      selector: selectorString(
        selectorRequirements(
          object.kind === 'ReplicationController'
            ? { matchLabels: spec.selector as Record<string, string> | undefined }
            : (spec.selector ?? {}),
        ),
      ),
    },
  };
}

/** Writes a Scale back: only spec.replicas moves; a stale resourceVersion in the Scale is a 409. */
export async function applyScale(
  store: ObjectStore,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
  scale: Scale,
  dryRun: boolean,
  /** Records the write's field ownership on the object about to be stored. */
  recordOwnership: (live: KubeObject, next: KubeObject) => KubeObject = (_live, next) => next,
): Promise<Scale> {
  const replicas = scale.spec?.replicas;
  if (replicas === undefined || !Number.isInteger(replicas) || replicas < 0) {
    throw apiErrors.invalid({ ...type, kind: 'Scale' }, name, [
      {
        type: 'FieldValueInvalid',
        field: 'spec.replicas',
        message: `Invalid value: ${JSON.stringify(replicas)}: must be a whole number, 0 or more`,
      },
    ]);
  }
  const current = store.get(type, namespace, name);
  const wanted = scale.metadata?.resourceVersion;
  const next = {
    ...current,
    spec: { ...(current.spec as object), replicas },
    metadata: { ...current.metadata, ...(wanted ? { resourceVersion: wanted } : {}) },
  };
  return scaleOf(await store.update(type, recordOwnership(current, next), { dryRun }));
}
