import type { KubeObject, StatusCause } from '../../shared/api-types';
import {
  CONTROLLER_UID_LABEL,
  JOB_NAME_LABEL,
  LEGACY_CONTROLLER_UID_LABEL,
  LEGACY_JOB_NAME_LABEL,
  type Job,
  type JobSpec,
} from '../../shared/batch-types';
import { deepEqual } from '../../shared/deep-equal';
import { jobType } from '../../shared/resource-types';
import type { KindStrategy } from '../kind-strategy';
import { any, arr, bool, checkSchema, int, int64, kindSchema, obj, str, type Schema } from '../schema/schema';
import {
  applyTemplateDefaults,
  labelSelectorSchema,
  validatePodTemplate,
  validateSelector,
} from './validate-pod-template';
import { appendAll } from '../../shared/append-all';

// batch/v1 Job: Kubernetes' defaults (SetDefaults_Job), the generated selector and labels
// (pkg/registry/batch/job/strategy.go) and validation (pkg/apis/batch/validation).

export const jobSpecSchema: Schema = obj({
  parallelism: int(0),
  completions: int(0),
  activeDeadlineSeconds: int64(1),
  podFailurePolicy: obj(
    {
      rules: arr(
        obj(
          {
            action: str(['FailJob', 'FailIndex', 'Ignore', 'Count']),
            onExitCodes: obj({ containerName: str(), operator: str(['In', 'NotIn']), values: arr(int()) }, [
              'operator',
              'values',
            ]),
            onPodConditions: arr(obj({ type: str(), status: str(['True', 'False', 'Unknown']) }, ['type'])),
          },
          ['action'],
        ),
      ),
    },
    ['rules'],
  ),
  successPolicy: any,
  backoffLimit: int(0),
  backoffLimitPerIndex: int(0),
  maxFailedIndexes: int(0),
  selector: labelSelectorSchema,
  manualSelector: bool,
  template: any,
  ttlSecondsAfterFinished: int(0),
  completionMode: str(['NonIndexed', 'Indexed']),
  suspend: bool,
  podReplacementPolicy: str(['TerminatingOrFailed', 'Failed']),
  managedBy: str(),
});

const jobSchema = kindSchema({ spec: jobSpecSchema, status: any });

/** Job spec defaults; also used for a CronJob's template when a Job is made from it. Mutates `spec`. */
export function applyJobSpecDefaults(spec: JobSpec): void {
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.completionMode ??= 'NonIndexed';
  spec.backoffLimit ??= spec.backoffLimitPerIndex === undefined ? 6 : 2147483647;
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  applyTemplateDefaults(spec.template);
}

/** A Job's spec checked as Kubernetes' validateJobSpec does; `path` is where the spec sits. */
export function validateJobSpec(spec: JobSpec, path: string, generated: boolean): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!generated || spec.manualSelector)
    appendAll(causes, validateSelector(spec.selector, `${path}.selector`));
  causes.push(
    ...validatePodTemplate(spec.template, spec.selector, `${path}.template`, ['OnFailure', 'Never']),
  );
  if (spec.completionMode === 'Indexed' && spec.completions === undefined)
    causes.push({
      type: 'FieldValueRequired',
      field: `${path}.completions`,
      message: 'Required value: when completion mode is Indexed',
    });
  if (spec.podFailurePolicy && spec.template?.spec?.restartPolicy !== 'Never')
    causes.push({
      type: 'FieldValueInvalid',
      field: `${path}.template.spec.restartPolicy`,
      message: `Invalid value: "${spec.template?.spec?.restartPolicy}": only "Never" is supported when podFailurePolicy is specified`,
    });
  (spec.podFailurePolicy?.rules ?? []).forEach((rule, i) => {
    const where = `${path}.podFailurePolicy.rules[${i}]`;
    if (!!rule.onExitCodes === !!rule.onPodConditions?.length)
      causes.push({
        type: 'FieldValueInvalid',
        field: where,
        message: 'Invalid value: specify exactly one of onExitCodes and onPodConditions',
      });
    if (rule.onExitCodes?.operator === 'In' && rule.onExitCodes.values.includes(0))
      causes.push({
        type: 'FieldValueInvalid',
        field: `${where}.onExitCodes.values`,
        message: 'Invalid value: 0: must not be 0 for the In operator',
      });
  });
  return causes;
}

const immutable = (field: string) => ({
  type: 'FieldValueInvalid',
  field,
  message: 'Invalid value: field is immutable; delete and recreate the Job to change it',
});

export const jobStrategy: KindStrategy = {
  type: jobType,
  nameRule: 'dns1123-subdomain',
  prepareForCreate(o) {
    const job = o as Job;
    if (
      !job.spec ||
      typeof job.spec !== 'object' ||
      !job.spec.template ||
      typeof job.spec.template !== 'object'
    )
      return;
    applyJobSpecDefaults(job.spec);
    if (!job.spec.manualSelector) {
      const uid = job.metadata.uid ?? '';
      const name = job.metadata.name ?? '';
      const meta = (job.spec.template.metadata ??= {});
      meta.labels = {
        ...meta.labels,
        [LEGACY_CONTROLLER_UID_LABEL]: uid,
        [CONTROLLER_UID_LABEL]: uid,
        [LEGACY_JOB_NAME_LABEL]: name,
        [JOB_NAME_LABEL]: name,
      };
      job.spec.selector ??= { matchLabels: { [CONTROLLER_UID_LABEL]: uid } };
    }
    job.status = {};
  },
  prepareForUpdate(o) {
    const job = o as Job;
    if (job.spec?.template && typeof job.spec.template === 'object') applyTemplateDefaults(job.spec.template);
  },
  validate(o: KubeObject, old?: KubeObject): StatusCause[] {
    const job = o as Job;
    const structural = checkSchema(job, jobSchema, '');
    if (structural.length > 0) return structural;
    if (!job.spec) return [{ type: 'FieldValueRequired', field: 'spec', message: 'Required value' }];
    if (!job.spec.template)
      return [{ type: 'FieldValueRequired', field: 'spec.template', message: 'Required value' }];
    const causes = validateJobSpec(job.spec, 'spec', !job.spec.manualSelector);
    if (!job.spec.manualSelector) {
      const want = { [CONTROLLER_UID_LABEL]: job.metadata.uid };
      if (!deepEqual(job.spec.selector?.matchLabels, want) || job.spec.selector?.matchExpressions?.length)
        causes.push({
          type: 'FieldValueInvalid',
          field: 'spec.selector',
          message:
            'Invalid value: `selector` not auto-generated; leave the selector out (Kubernetes makes one) or set spec.manualSelector: true',
        });
    }
    const before = old as Job | undefined;
    if (before) {
      if (!deepEqual(before.spec.selector, job.spec.selector)) causes.push(immutable('spec.selector'));
      if (before.spec.completionMode !== job.spec.completionMode)
        causes.push(immutable('spec.completionMode'));
      if (!deepEqual(before.spec.podFailurePolicy, job.spec.podFailurePolicy))
        causes.push(immutable('spec.podFailurePolicy'));
      const elastic = job.spec.completionMode === 'Indexed' && job.spec.completions === job.spec.parallelism;
      if (before.spec.completions !== job.spec.completions && !elastic)
        causes.push(immutable('spec.completions'));
      if (!deepEqual(before.spec.template, job.spec.template)) causes.push(immutable('spec.template'));
    }
    return causes;
  },
  selectableFields(o) {
    const job = o as Job;
    return { 'status.successful': String(job.status?.succeeded ?? 0) };
  },
};
