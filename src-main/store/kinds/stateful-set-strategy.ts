import type { KubeObject, StatusCause } from '../../shared/api-types';
import type { StatefulSet } from '../../shared/apps-types';
import { deepEqual } from '../../shared/deep-equal';
import { statefulSetType } from '../../shared/resource-types';
import type { PersistentVolumeClaim } from '../../shared/storage-types';
import type { KindStrategy } from '../kind-strategy';
import { any, arr, checkSchema, int, intOrString, kindSchema, obj, str } from '../schema/schema';
import { persistentVolumeClaimStrategy } from './storage-strategies';
import {
  applyTemplateDefaults,
  labelSelectorSchema,
  validatePodTemplate,
  validateSelector,
} from './validate-pod-template';
import { forbidActiveDeadline } from './workload-fields';

const retention = str(['Retain', 'Delete']);
const statefulSetSchema = kindSchema({
  spec: obj({
    replicas: int(0),
    selector: labelSelectorSchema,
    template: any,
    volumeClaimTemplates: arr(any),
    serviceName: str(),
    podManagementPolicy: str(['OrderedReady', 'Parallel']),
    updateStrategy: obj({
      type: str(['RollingUpdate', 'OnDelete']),
      rollingUpdate: obj({ partition: int(0), maxUnavailable: intOrString }),
    }),
    revisionHistoryLimit: int(0),
    minReadySeconds: int(0),
    persistentVolumeClaimRetentionPolicy: obj({ whenDeleted: retention, whenScaled: retention }),
    ordinals: obj({ start: int(0) }),
  }),
  status: any,
});

/** The spec fields an update may change (ValidateStatefulSetUpdate). */
const MUTABLE = [
  'replicas',
  'ordinals',
  'template',
  'updateStrategy',
  'persistentVolumeClaimRetentionPolicy',
  'minReadySeconds',
];

function defaultClaimTemplate(claim: PersistentVolumeClaim): void {
  if (!claim || typeof claim !== 'object' || !claim.spec || typeof claim.spec !== 'object') return;
  claim.spec.volumeMode ??= 'Filesystem';
}

function validateClaimTemplates(set: StatefulSet): StatusCause[] {
  const causes: StatusCause[] = [];
  (set.spec.volumeClaimTemplates ?? []).forEach((template, i) => {
    const path = `spec.volumeClaimTemplates[${i}]`;
    if (!template?.metadata?.name) {
      causes.push({
        type: 'FieldValueRequired',
        field: `${path}.metadata.name`,
        message: 'Required value: name the claim template; pods mount it as a volume of that name',
      });
    }
    const claim = {
      ...template,
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { ...template?.metadata, name: template?.metadata?.name || 'template' },
    };
    for (const cause of persistentVolumeClaimStrategy.validate(claim as KubeObject, undefined, {
      list: () => [],
    }))
      causes.push({ ...cause, field: `${path}.${cause.field}` });
  });
  return causes;
}

/** The template as its pods will be: each claim template is a volume they may mount. */
function withClaimVolumes(set: StatefulSet): StatefulSet['spec']['template'] {
  const template = set.spec.template;
  if (!template?.spec || typeof template.spec !== 'object' || !Array.isArray(set.spec.volumeClaimTemplates))
    return template;
  const names = new Set((template.spec.volumes ?? []).map((v) => v.name));
  const extra = set.spec.volumeClaimTemplates
    .map((t) => t?.metadata?.name)
    .filter((name): name is string => Boolean(name) && !names.has(name!))
    .map((name) => ({ name, persistentVolumeClaim: { claimName: name } }));
  if (extra.length === 0) return template;
  return { ...template, spec: { ...template.spec, volumes: [...(template.spec.volumes ?? []), ...extra] } };
}

/** SetDefaults_StatefulSet (apps/v1), applied on every write as decoding does. Mutates `set`. */
function applyDefaults(set: StatefulSet): void {
  if (!set.spec || typeof set.spec !== 'object') return;
  set.spec.replicas ??= 1;
  set.spec.podManagementPolicy ??= 'OrderedReady';
  set.spec.updateStrategy ??= {};
  set.spec.updateStrategy.type ??= 'RollingUpdate';
  if (set.spec.updateStrategy.type === 'RollingUpdate') {
    set.spec.updateStrategy.rollingUpdate ??= {};
    set.spec.updateStrategy.rollingUpdate.partition ??= 0;
  }
  // MaxUnavailableStatefulSet is alpha (off) in 1.32: the API server drops the field.
  if (set.spec.updateStrategy.rollingUpdate) delete set.spec.updateStrategy.rollingUpdate.maxUnavailable;
  set.spec.revisionHistoryLimit ??= 10;
  set.spec.persistentVolumeClaimRetentionPolicy = {
    whenDeleted: 'Retain',
    whenScaled: 'Retain',
    ...set.spec.persistentVolumeClaimRetentionPolicy,
  };
  for (const claim of set.spec.volumeClaimTemplates ?? []) defaultClaimTemplate(claim);
  applyTemplateDefaults(set.spec.template);
}

export const statefulSetStrategy: KindStrategy = {
  type: statefulSetType,
  nameRule: 'dns1123-subdomain',
  scalable: true,
  prepareForCreate(obj) {
    applyDefaults(obj as StatefulSet);
    (obj as StatefulSet).status = { replicas: 0, availableReplicas: 0 };
  },
  prepareForUpdate(obj) {
    applyDefaults(obj as StatefulSet);
  },
  validate(obj: KubeObject, old?: KubeObject): StatusCause[] {
    const set = obj as StatefulSet;
    const structural = checkSchema(set, statefulSetSchema, '');
    if (structural.length > 0) return structural;
    if (!set.spec) return [{ type: 'FieldValueRequired', field: 'spec', message: 'Required value' }];
    const causes = [
      ...validateSelector(set.spec.selector, 'spec.selector'),
      ...validatePodTemplate(withClaimVolumes(set), set.spec.selector, 'spec.template'),
      ...forbidActiveDeadline(set.spec.template),
      ...validateClaimTemplates(set),
    ];
    const strategy = set.spec.updateStrategy;
    if (strategy?.type === 'OnDelete' && strategy.rollingUpdate) {
      causes.push({
        type: 'FieldValueInvalid',
        field: 'spec.updateStrategy.rollingUpdate',
        message:
          "Invalid value: only allowed for updateStrategy 'RollingUpdate'; remove it or use type RollingUpdate",
      });
    }
    const before = old as StatefulSet | undefined;
    if (before?.spec) {
      const fixed = (s: StatefulSet) =>
        Object.fromEntries(Object.entries(s.spec).filter(([k]) => !MUTABLE.includes(k)));
      if (!deepEqual(fixed(before), fixed(set)))
        causes.push({
          type: 'FieldValueForbidden',
          field: 'spec',
          message:
            "Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
        });
    }
    return causes;
  },
};
