import type { KubeObject, StatusCause } from '../../shared/api-types';
import {
  customResourceDefinitionType,
  isEstablished,
  type CustomResourceDefinition,
} from '../../shared/custom-resource-types';
import type { KindStrategy } from '../kind-strategy';
import { decodeCustomResourceDefinition } from '../custom/custom-resource-definition-schema';
import { validateCustomResourceDefinition } from './validate-custom-resource-definition';

// apiextensions.k8s.io/v1 CustomResourceDefinition as its registry strategy stores it: v1 defaults, the spec
// validated as validation.go does, status.storedVersions kept to include the storage version, and deletion
// held (the customresourcecleanup finalizer, a Terminating condition) until its custom resources are gone —
// controllers/custom-resource-definition-controller.ts does the rest.

export const CRD_CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

function applyDefaults(crd: CustomResourceDefinition): void {
  const spec = crd.spec;
  if (typeof spec !== 'object' || spec === null) return;
  const names = spec.names;
  if (typeof names === 'object' && names !== null && typeof names.kind === 'string') {
    if (!names.singular) names.singular = names.kind.toLowerCase();
    if (!names.listKind) names.listKind = `${names.kind}List`;
  }
  if (spec.conversion === undefined) spec.conversion = { strategy: 'None' };
}

function storageVersion(crd: CustomResourceDefinition): string | undefined {
  return Array.isArray(crd.spec?.versions) ? crd.spec.versions.find((v) => v?.storage)?.name : undefined;
}

function recordStorageVersion(crd: CustomResourceDefinition): void {
  const storage = storageVersion(crd);
  if (!storage) return;
  const stored = crd.status?.storedVersions ?? [];
  if (!stored.includes(storage)) crd.status = { ...crd.status, storedVersions: [...stored, storage] };
}

export const customResourceDefinitionStrategy: KindStrategy = {
  type: customResourceDefinitionType,
  nameRule: 'dns1123-subdomain',
  decodeBody: decodeCustomResourceDefinition,
  prepareForCreate(obj) {
    const crd = obj as CustomResourceDefinition;
    applyDefaults(crd);
    crd.status = { conditions: [], acceptedNames: { plural: '', kind: '' }, storedVersions: [] };
    recordStorageVersion(crd);
  },
  prepareForUpdate(obj) {
    const crd = obj as CustomResourceDefinition;
    applyDefaults(crd);
    recordStorageVersion(crd);
  },
  validate(obj: KubeObject, old: KubeObject | undefined): StatusCause[] {
    return validateCustomResourceDefinition(
      obj as CustomResourceDefinition,
      old as CustomResourceDefinition | undefined,
    );
  },
  markDeleting(obj) {
    const crd = obj as CustomResourceDefinition;
    crd.metadata.finalizers = [...new Set([...(crd.metadata.finalizers ?? []), CRD_CLEANUP_FINALIZER])];
    const conditions = (crd.status?.conditions ?? []).filter((c) => c.type !== 'Terminating');
    conditions.push({
      type: 'Terminating',
      status: 'True',
      lastTransitionTime: crd.metadata.deletionTimestamp,
      reason: 'InstanceDeletionPending',
      message: 'CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon',
    });
    crd.status = { ...crd.status, conditions };
  },
  // The first delete always waits: the cleanup finalizer goes on, and comes off once the instances are gone.
  hasDeletionBlockers(obj) {
    return obj.metadata.deletionTimestamp === undefined;
  },
};

export { isEstablished };
