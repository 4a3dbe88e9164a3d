import { validateIntOrPercent } from './workload-fields';
import type { KubeObject, StatusCause } from '../../shared/api-types';
import { deepEqual } from '../../shared/deep-equal';
import { deploymentType } from '../../shared/resource-types';
import type { Deployment } from '../../shared/workload-types';
import type { KindStrategy } from '../kind-strategy';
import { any, bool, checkSchema, int, intOrString, kindSchema, obj, str } from '../schema/schema';
import {
  applyTemplateDefaults,
  labelSelectorSchema,
  validatePodTemplate,
  validateSelector,
} from './validate-pod-template';
import { appendAll } from '../../shared/append-all';

const deploymentSchema = kindSchema({
  spec: obj({
    replicas: int(0),
    selector: labelSelectorSchema,
    template: any,
    strategy: obj({
      type: str(['RollingUpdate', 'Recreate']),
      rollingUpdate: obj({ maxSurge: intOrString, maxUnavailable: intOrString }),
    }),
    minReadySeconds: int(0),
    revisionHistoryLimit: int(0),
    progressDeadlineSeconds: int(1),
    paused: bool,
  }),
  status: any,
});

const isZero = (value: number | string | undefined, fallback: string) =>
  String(value ?? fallback).replace('%', '') === '0';

export const deploymentStrategy: KindStrategy = {
  type: deploymentType,
  nameRule: 'dns1123-subdomain',
  scalable: true,
  prepareForCreate(obj) {
    const d = obj as Deployment;
    if (!d.spec || typeof d.spec !== 'object') return;
    d.spec.replicas ??= 1;
    d.spec.strategy ??= { type: 'RollingUpdate' };
    d.spec.strategy.type ??= 'RollingUpdate';
    if (d.spec.strategy.type === 'RollingUpdate')
      d.spec.strategy.rollingUpdate = {
        maxSurge: '25%',
        maxUnavailable: '25%',
        ...d.spec.strategy.rollingUpdate,
      };
    d.spec.revisionHistoryLimit ??= 10;
    d.spec.progressDeadlineSeconds ??= 600;
    d.spec.minReadySeconds ??= 0;
    applyTemplateDefaults(d.spec.template);
    d.status = {};
  },
  prepareForUpdate(obj) {
    const d = obj as Deployment;
    if (d.spec && typeof d.spec === 'object') applyTemplateDefaults(d.spec.template);
  },
  validate(obj: KubeObject, old?: KubeObject): StatusCause[] {
    const d = obj as Deployment;
    const structural = checkSchema(d, deploymentSchema, '');
    if (structural.length > 0) return structural;
    if (!d.spec) return [{ type: 'FieldValueRequired', field: 'spec', message: 'Required value' }];
    const causes = [
      ...validateSelector(d.spec.selector, 'spec.selector'),
      ...validatePodTemplate(d.spec.template, d.spec.selector, 'spec.template'),
    ];
    const strategy = d.spec.strategy;
    if (strategy?.type === 'Recreate' && strategy.rollingUpdate) {
      causes.push({
        type: 'FieldValueForbidden',
        field: 'spec.strategy.rollingUpdate',
        message: "Forbidden: may not be specified when strategy `type` is 'Recreate'",
      });
    }
    const rolling = strategy?.rollingUpdate;
    appendAll(causes, validateIntOrPercent(rolling?.maxSurge, 'spec.strategy.rollingUpdate.maxSurge'));
    causes.push(
      ...validateIntOrPercent(rolling?.maxUnavailable, 'spec.strategy.rollingUpdate.maxUnavailable'),
    );
    if (
      (strategy?.type ?? 'RollingUpdate') === 'RollingUpdate' &&
      isZero(rolling?.maxSurge, '25%') &&
      isZero(rolling?.maxUnavailable, '25%')
    ) {
      causes.push({
        type: 'FieldValueInvalid',
        field: 'spec.strategy.rollingUpdate.maxUnavailable',
        message:
          'Invalid value: 0: may not be 0 when `maxSurge` is 0; allow at least one extra or one unavailable pod',
      });
    }
    if (
      d.spec.progressDeadlineSeconds !== undefined &&
      d.spec.progressDeadlineSeconds <= (d.spec.minReadySeconds ?? 0)
    ) {
      causes.push({
        type: 'FieldValueInvalid',
        field: 'spec.progressDeadlineSeconds',
        message: `Invalid value: ${d.spec.progressDeadlineSeconds}: must be greater than minReadySeconds`,
      });
    }
    const before = old as Deployment | undefined;
    if (before && !deepEqual(before.spec.selector, d.spec.selector)) {
      causes.push({
        type: 'FieldValueInvalid',
        field: 'spec.selector',
        message:
          'Invalid value: field is immutable; delete and recreate the Deployment to change its selector',
      });
    }
    return causes;
  },
};
