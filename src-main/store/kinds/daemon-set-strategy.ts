import type { KubeObject, StatusCause } from '../../shared/api-types';
import { DAEMONSET_TEMPLATE_GENERATION, type DaemonSet } from '../../shared/apps-types';
import { deepEqual } from '../../shared/deep-equal';
import { daemonSetType } from '../../shared/resource-types';
import type { KindStrategy } from '../kind-strategy';
import { any, checkSchema, int, intOrString, kindSchema, obj, str } from '../schema/schema';
import {
  applyTemplateDefaults,
  labelSelectorSchema,
  validatePodTemplate,
  validateSelector,
} from './validate-pod-template';
import { forbidActiveDeadline, isZeroIntOrPercent, validateIntOrPercent } from './workload-fields';

const daemonSetSchema = kindSchema({
  spec: obj({
    selector: labelSelectorSchema,
    template: any,
    updateStrategy: obj({
      type: str(['RollingUpdate', 'OnDelete']),
      rollingUpdate: obj({ maxUnavailable: intOrString, maxSurge: intOrString }),
    }),
    minReadySeconds: int(0),
    revisionHistoryLimit: int(0),
  }),
  status: any,
});

/** SetDefaults_DaemonSet (apps/v1), applied on every write as decoding does. Mutates `ds`. */
function applyDefaults(ds: DaemonSet): void {
  if (!ds.spec || typeof ds.spec !== 'object') return;
  ds.spec.updateStrategy ??= {};
  ds.spec.updateStrategy.type ??= 'RollingUpdate';
  if (ds.spec.updateStrategy.type === 'RollingUpdate')
    ds.spec.updateStrategy.rollingUpdate = {
      maxUnavailable: 1,
      maxSurge: 0,
      ...ds.spec.updateStrategy.rollingUpdate,
    };
  ds.spec.revisionHistoryLimit ??= 10;
  applyTemplateDefaults(ds.spec.template);
}

const templateGeneration = (ds: DaemonSet) =>
  Number(ds.metadata.annotations?.[DAEMONSET_TEMPLATE_GENERATION] ?? 0) || 0;

export const daemonSetStrategy: KindStrategy = {
  type: daemonSetType,
  nameRule: 'dns1123-subdomain',
  prepareForCreate(obj) {
    const ds = obj as DaemonSet;
    applyDefaults(ds);
    ds.metadata.annotations = { ...ds.metadata.annotations, [DAEMONSET_TEMPLATE_GENERATION]: '1' };
    ds.status = {
      currentNumberScheduled: 0,
      numberMisscheduled: 0,
      desiredNumberScheduled: 0,
      numberReady: 0,
    };
  },
  prepareForUpdate(obj, old) {
    const ds = obj as DaemonSet;
    const before = old as DaemonSet;
    applyDefaults(ds);
    // The template generation is the server's: it moves when the template does (pods carry it as a label).
    const generation =
      templateGeneration(before) + (deepEqual(before.spec?.template, ds.spec?.template) ? 0 : 1);
    ds.metadata.annotations = {
      ...ds.metadata.annotations,
      [DAEMONSET_TEMPLATE_GENERATION]: String(generation),
    };
  },
  validate(obj: KubeObject, old?: KubeObject): StatusCause[] {
    const ds = obj as DaemonSet;
    const structural = checkSchema(ds, daemonSetSchema, '');
    if (structural.length > 0) return structural;
    if (!ds.spec) return [{ type: 'FieldValueRequired', field: 'spec', message: 'Required value' }];
    const causes = [
      ...validateSelector(ds.spec.selector, 'spec.selector'),
      ...validatePodTemplate(ds.spec.template, ds.spec.selector, 'spec.template'),
      ...forbidActiveDeadline(ds.spec.template),
    ];
    const strategy = ds.spec.updateStrategy;
    const rolling = strategy?.rollingUpdate;
    if (strategy?.type === 'RollingUpdate') {
      const unavailablePath = 'spec.updateStrategy.rollingUpdate.maxUnavailable';
      causes.push(...validateIntOrPercent(rolling?.maxUnavailable, unavailablePath));
      causes.push(...validateIntOrPercent(rolling?.maxSurge, 'spec.updateStrategy.rollingUpdate.maxSurge'));
      if (isZeroIntOrPercent(rolling?.maxUnavailable) && isZeroIntOrPercent(rolling?.maxSurge))
        causes.push({
          type: 'FieldValueInvalid',
          field: unavailablePath,
          message:
            'Invalid value: 0: may not be 0 when `maxSurge` is 0; allow one pod unavailable or one extra pod per node',
        });
    }
    const before = old as DaemonSet | undefined;
    if (before && !deepEqual(before.spec.selector, ds.spec.selector)) {
      causes.push({
        type: 'FieldValueInvalid',
        field: 'spec.selector',
        message:
          'Invalid value: field is immutable; delete and recreate the DaemonSet to change its selector',
      });
    }
    return causes;
  },
};
