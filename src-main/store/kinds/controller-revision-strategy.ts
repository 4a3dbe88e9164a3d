import type { KubeObject, StatusCause } from '../../shared/api-types';
import type { ControllerRevision } from '../../shared/apps-types';
import { deepEqual } from '../../shared/deep-equal';
import { controllerRevisionType } from '../../shared/resource-types';
import type { KindStrategy } from '../kind-strategy';
import { any, checkSchema, int64, kindSchema } from '../schema/schema';

const revisionSchema = kindSchema({ data: any, revision: int64(0) });

/** ControllerRevision: a snapshot of a workload's template; its data never changes, its number may. */
export const controllerRevisionStrategy: KindStrategy = {
  type: controllerRevisionType,
  nameRule: 'dns1123-subdomain',
  validate(obj: KubeObject, old?: KubeObject): StatusCause[] {
    const revision = obj as ControllerRevision;
    const causes = checkSchema(revision, revisionSchema, '');
    if (causes.length > 0) return causes;
    if (revision.revision === undefined)
      causes.push({
        type: 'FieldValueRequired',
        field: 'revision',
        message: 'Required value: a revision number, 0 or more',
      });
    const before = old as ControllerRevision | undefined;
    if (before && !deepEqual(before.data, revision.data))
      causes.push({
        type: 'FieldValueInvalid',
        field: 'data',
        message: 'Invalid value: field is immutable; create a new ControllerRevision instead',
      });
    return causes;
  },
};
