import type { KubeObject, StatusCause } from '../../shared/api-types';
import type { CronJob } from '../../shared/batch-types';
import { isKnownTimeZone, parseCronSchedule } from '../../shared/cron-schedule';
import { cronJobType } from '../../shared/resource-types';
import type { KindStrategy } from '../kind-strategy';
import { any, bool, checkSchema, int64, int, kindSchema, obj, str } from '../schema/schema';
import { objectMetaSchema } from '../schema/schema';
import { jobSpecSchema, validateJobSpec } from './job-strategy';
import { applyTemplateDefaults } from './validate-pod-template';
import { appendAll } from '../../shared/append-all';

// batch/v1 CronJob: SetDefaults_CronJob and validateCronJobSpec of Kubernetes 1.32.

const cronJobSchema = kindSchema({
  spec: obj(
    {
      schedule: str(),
      timeZone: str(),
      startingDeadlineSeconds: int64(0),
      concurrencyPolicy: str(['Allow', 'Forbid', 'Replace']),
      suspend: bool,
      jobTemplate: obj({ metadata: objectMetaSchema, spec: jobSpecSchema }),
      successfulJobsHistoryLimit: int(0),
      failedJobsHistoryLimit: int(0),
    },
    ['schedule', 'jobTemplate'],
  ),
  status: any,
});

/** Job names are `<cronjob>-<minutes since epoch>` (11 characters), and must fit in a 63-character label. */
const MAX_NAME = 52;

function validateSchedule(cj: CronJob, old: CronJob | undefined): StatusCause[] {
  const { schedule, timeZone } = cj.spec;
  const field = 'spec.schedule';
  const causes: StatusCause[] = [];
  if (!schedule) return [{ type: 'FieldValueRequired', field, message: 'Required value' }];
  try {
    parseCronSchedule(schedule);
  } catch (err) {
    causes.push({
      type: 'FieldValueInvalid',
      field,
      message: `Invalid value: "${schedule}": ${(err as Error).message}`,
    });
  }
  // A TZ in the schedule is allowed only on objects that had one before (validation got stricter in 1.27).
  const allowTZ = !!old?.spec.schedule?.includes('TZ');
  if (allowTZ && schedule.includes('TZ') && timeZone !== undefined)
    causes.push({
      type: 'FieldValueInvalid',
      field,
      message: `Invalid value: "${schedule}": cannot use both timeZone field and TZ or CRON_TZ in schedule`,
    });
  else if (!allowTZ && schedule.includes('TZ'))
    causes.push({
      type: 'FieldValueInvalid',
      field,
      message: `Invalid value: "${schedule}": cannot use TZ or CRON_TZ in schedule, use timeZone field instead`,
    });
  if (timeZone !== undefined) {
    const tzField = 'spec.timeZone';
    if (timeZone === '' || timeZone.toLowerCase() === 'local')
      causes.push({
        type: 'FieldValueInvalid',
        field: tzField,
        message: `Invalid value: "${timeZone}": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones`,
      });
    else if (!isKnownTimeZone(timeZone))
      causes.push({
        type: 'FieldValueInvalid',
        field: tzField,
        message: `Invalid value: "${timeZone}": unknown time zone ${timeZone}; use an IANA name such as "Europe/Paris" or "Etc/UTC"`,
      });
  }
  return causes;
}

export const cronJobStrategy: KindStrategy = {
  type: cronJobType,
  nameRule: 'dns1123-subdomain',
  prepareForCreate(o) {
    const cj = o as CronJob;
    if (!cj.spec || typeof cj.spec !== 'object') return;
    cj.spec.concurrencyPolicy ??= 'Allow';
    cj.spec.suspend ??= false;
    cj.spec.successfulJobsHistoryLimit ??= 3;
    cj.spec.failedJobsHistoryLimit ??= 1;
    if (cj.spec.jobTemplate?.spec?.template && typeof cj.spec.jobTemplate.spec.template === 'object')
      applyTemplateDefaults(cj.spec.jobTemplate.spec.template);
    cj.status = {};
  },
  prepareForUpdate(o) {
    const cj = o as CronJob;
    if (cj.spec?.jobTemplate?.spec?.template && typeof cj.spec.jobTemplate.spec.template === 'object')
      applyTemplateDefaults(cj.spec.jobTemplate.spec.template);
  },
  validate(o: KubeObject, old?: KubeObject): StatusCause[] {
    const cj = o as CronJob;
    const structural = checkSchema(cj, cronJobSchema, '');
    if (structural.length > 0) return structural;
    if (!cj.spec) return [{ type: 'FieldValueRequired', field: 'spec', message: 'Required value' }];
    const causes: StatusCause[] = [];
    if ((cj.metadata.name ?? '').length > MAX_NAME)
      causes.push({
        type: 'FieldValueInvalid',
        field: 'metadata.name',
        message: `Invalid value: "${cj.metadata.name}": must be no more than ${MAX_NAME} characters`,
      });
    appendAll(causes, validateSchedule(cj, old as CronJob | undefined));
    const jobSpec = cj.spec.jobTemplate.spec;
    if (!jobSpec?.template)
      causes.push({
        type: 'FieldValueRequired',
        field: 'spec.jobTemplate.spec.template',
        message: 'Required value',
      });
    else appendAll(causes, validateJobSpec(jobSpec, 'spec.jobTemplate.spec', !jobSpec.manualSelector));
    return causes;
  },
};
