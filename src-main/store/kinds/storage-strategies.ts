import type { KubeObject, StatusCause } from '../../shared/api-types';
import { deepEqual } from '../../shared/deep-equal';
import { parseQuantity } from '../../shared/quantity';
import {
  persistentVolumeClaimType,
  persistentVolumeType,
  storageClassType,
} from '../../shared/resource-types';
import {
  ACCESS_MODES,
  LOCAL_STORAGE_CLASS,
  PVC_PROTECTION_FINALIZER,
  type PersistentVolume,
  type PersistentVolumeClaim,
  type StorageClass,
} from '../../shared/storage-types';
import type { KindStrategy } from '../kind-strategy';
import { any, arr, bool, checkSchema, kindSchema, map, obj, quantity, str } from '../schema/schema';

const accessModes = arr(str(ACCESS_MODES));
const claimSchema = kindSchema({
  spec: obj({
    accessModes,
    resources: obj({ requests: map(quantity), limits: map(quantity) }),
    storageClassName: str(),
    volumeName: str(),
    volumeMode: str(['Filesystem', 'Block']),
    selector: any,
    dataSource: any,
    dataSourceRef: any,
    volumeAttributesClassName: str(),
  }),
  status: any,
});

function validateAccessModes(modes: unknown, field: string): StatusCause[] {
  if (!Array.isArray(modes) || modes.length === 0)
    return [
      {
        type: 'FieldValueRequired',
        field,
        message: 'Required value: at least 1 access mode is required (e.g. ReadWriteOnce)',
      },
    ];
  return [];
}

export const persistentVolumeClaimStrategy: KindStrategy = {
  type: persistentVolumeClaimType,
  nameRule: 'dns1123-subdomain',
  prepareForCreate(obj) {
    const claim = obj as PersistentVolumeClaim;
    // The DefaultStorageClass admission plugin: no class named means the default one ("" means none).
    if (claim.spec && claim.spec.storageClassName === undefined)
      claim.spec.storageClassName = LOCAL_STORAGE_CLASS;
    if (claim.spec) claim.spec.volumeMode ??= 'Filesystem';
    const finalizers = new Set(claim.metadata.finalizers ?? []);
    finalizers.add(PVC_PROTECTION_FINALIZER);
    claim.metadata.finalizers = [...finalizers];
    claim.status = { phase: 'Pending' };
  },
  validate(obj: KubeObject, old?: KubeObject): StatusCause[] {
    const claim = obj as PersistentVolumeClaim;
    const structural = checkSchema(claim, claimSchema, '');
    if (structural.length > 0) return structural;
    if (!claim.spec) return [{ type: 'FieldValueRequired', field: 'spec', message: 'Required value' }];
    const causes = validateAccessModes(claim.spec.accessModes, 'spec.accessModes');
    const storage = claim.spec.resources?.requests?.storage;
    if (storage === undefined)
      causes.push({
        type: 'FieldValueRequired',
        field: 'spec.resources.requests[storage]',
        message: 'Required value: the size the claim needs, e.g. storage: 1Gi',
      });
    else if ((parseQuantity(storage) ?? 0) <= 0)
      causes.push({
        type: 'FieldValueInvalid',
        field: 'spec.resources.requests[storage]',
        message: `Invalid value: "${storage}": must be greater than zero`,
      });
    const before = old as PersistentVolumeClaim | undefined;
    if (before) {
      const fixed = (c: PersistentVolumeClaim) => ({
        ...c.spec,
        resources: undefined,
        volumeName: undefined,
      });
      if (
        !deepEqual(fixed(before), fixed(claim)) ||
        (before.spec.volumeName && before.spec.volumeName !== claim.spec.volumeName)
      )
        causes.push({
          type: 'FieldValueForbidden',
          field: 'spec',
          message:
            'Forbidden: spec is immutable after creation except resources.requests; create a new claim to change it',
        });
      const was = parseQuantity(before.spec.resources?.requests?.storage) ?? 0;
      const now = parseQuantity(storage) ?? 0;
      if (now < was)
        causes.push({
          type: 'FieldValueForbidden',
          field: 'spec.resources.requests.storage',
          message: 'Forbidden: field can not be less than previous value',
        });
    }
    return causes;
  },
};

const volumeSchema = kindSchema({
  spec: obj({
    capacity: map(quantity),
    accessModes,
    claimRef: any,
    persistentVolumeReclaimPolicy: str(['Delete', 'Retain', 'Recycle']),
    storageClassName: str(),
    volumeMode: str(['Filesystem', 'Block']),
    mountOptions: arr(str()),
    nodeAffinity: any,
    csi: obj({ driver: str(), volumeHandle: str(), fsType: str(), readOnly: bool, volumeAttributes: any }, [
      'driver',
      'volumeHandle',
    ]),
    hostPath: obj({ path: str(), type: str() }, ['path']),
    local: obj({ path: str(), fsType: str() }, ['path']),
  }),
  status: any,
});

export const persistentVolumeStrategy: KindStrategy = {
  type: persistentVolumeType,
  nameRule: 'dns1123-subdomain',
  prepareForCreate(obj) {
    const pv = obj as PersistentVolume;
    if (pv.spec) pv.spec.persistentVolumeReclaimPolicy ??= 'Retain';
    pv.status = { phase: 'Pending' };
  },
  validate(obj: KubeObject): StatusCause[] {
    const pv = obj as PersistentVolume;
    const structural = checkSchema(pv, volumeSchema, '');
    if (structural.length > 0) return structural;
    if (!pv.spec) return [{ type: 'FieldValueRequired', field: 'spec', message: 'Required value' }];
    const causes = validateAccessModes(pv.spec.accessModes, 'spec.accessModes');
    if (!pv.spec.capacity?.storage)
      causes.push({ type: 'FieldValueRequired', field: 'spec.capacity', message: 'Required value: storage' });
    const sources = ['csi', 'hostPath', 'local'].filter((s) => (pv.spec as Record<string, unknown>)[s]);
    if (sources.length !== 1)
      causes.push({
        type: 'FieldValueRequired',
        field: 'spec',
        message: 'Required value: exactly one volume source (csi, hostPath or local)',
      });
    return causes;
  },
};

const classSchema = kindSchema({
  provisioner: str(),
  parameters: map(str()),
  reclaimPolicy: str(['Delete', 'Retain']),
  volumeBindingMode: str(['Immediate', 'WaitForFirstConsumer']),
  allowVolumeExpansion: bool,
  mountOptions: arr(str()),
  allowedTopologies: any,
});

export const storageClassStrategy: KindStrategy = {
  type: storageClassType,
  nameRule: 'dns1123-subdomain',
  prepareForCreate(obj) {
    const sc = obj as StorageClass;
    sc.reclaimPolicy ??= 'Delete';
    sc.volumeBindingMode ??= 'Immediate';
  },
  validate(obj: KubeObject, old?: KubeObject): StatusCause[] {
    const sc = obj as StorageClass;
    const structural = checkSchema(sc, classSchema, '');
    if (structural.length > 0) return structural;
    const causes: StatusCause[] = [];
    if (!sc.provisioner)
      causes.push({ type: 'FieldValueRequired', field: 'provisioner', message: 'Required value' });
    const before = old as StorageClass | undefined;
    if (before && (before.provisioner !== sc.provisioner || !deepEqual(before.parameters, sc.parameters)))
      causes.push({
        type: 'FieldValueForbidden',
        field: 'provisioner',
        message: 'Forbidden: updates to provisioner and parameters are forbidden',
      });
    return causes;
  },
};
