import { priorityClassType } from '../shared/policy-resource-types';
import type { PriorityClass } from '../shared/policy-types';
import { SYSTEM_PRIORITY_CLASSES } from './kinds/pod-priority';
import type { ObjectStore } from './object-store';

const DESCRIPTIONS: Record<string, string> = {
  'system-node-critical': 'Used for system critical pods that must not be moved from their current node.',
  'system-cluster-critical':
    'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
};

/** Creates the PriorityClasses every cluster has (the scheduling plugin's SystemPriorityClasses). */
export async function ensureSystemPriorityClasses(store: ObjectStore): Promise<void> {
  for (const [name, value] of Object.entries(SYSTEM_PRIORITY_CLASSES)) {
    if (store.tryGet(priorityClassType, undefined, name)) continue;
    await store.create(priorityClassType, {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name },
      value,
      description: DESCRIPTIONS[name],
    } as PriorityClass);
  }
}
