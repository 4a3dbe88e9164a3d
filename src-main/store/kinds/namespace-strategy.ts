import type { KubeObject, Namespace, StatusCause } from '../../shared/api-types';
import { namespaceType, PROTECTED_NAMESPACES } from '../../shared/resource-types';
import { apiErrors } from '../api-error';
import type { KindStrategy } from '../kind-strategy';

export const NAMESPACE_FINALIZER = 'kubernetes';

function setNameLabel(obj: KubeObject): void {
  obj.metadata.labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': obj.metadata.name ?? '' };
}

export const namespaceStrategy: KindStrategy = {
  type: namespaceType,
  nameRule: 'dns1123-label',
  prepareForCreate(obj) {
    const ns = obj as Namespace;
    ns.spec = { finalizers: [NAMESPACE_FINALIZER] };
    ns.status = { phase: 'Active' };
    setNameLabel(ns);
  },
  prepareForUpdate(obj) {
    setNameLabel(obj);
  },
  validate(obj: KubeObject): StatusCause[] {
    const spec = (obj as Namespace).spec;
    if (spec?.finalizers !== undefined && !Array.isArray(spec.finalizers)) {
      return [
        {
          type: 'FieldValueInvalid',
          field: 'spec.finalizers',
          message: 'Invalid value: must be a list of strings',
        },
      ];
    }
    return [];
  },
  checkDelete(obj) {
    const name = obj.metadata.name ?? '';
    if (PROTECTED_NAMESPACES.includes(name)) {
      throw apiErrors.forbidden(`namespaces "${name}" is forbidden: this namespace may not be deleted`);
    }
  },
  markDeleting(obj) {
    const ns = obj as Namespace;
    ns.status = { ...ns.status, phase: 'Terminating' };
  },
  hasDeletionBlockers(obj) {
    return ((obj as Namespace).spec?.finalizers?.length ?? 0) > 0;
  },
  selectableFields(obj) {
    return { 'status.phase': (obj as Namespace).status?.phase ?? '' };
  },
};
