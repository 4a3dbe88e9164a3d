import type { KubeObject, StatusCause } from '../../shared/api-types';
import type { KubeEvent } from '../../shared/pod-types';
import { eventType } from '../../shared/resource-types';
import type { KindStrategy } from '../kind-strategy';

export const eventStrategy: KindStrategy = {
  type: eventType,
  nameRule: 'dns1123-subdomain',
  validate(obj: KubeObject): StatusCause[] {
    const event = obj as KubeEvent;
    const causes: StatusCause[] = [];
    if (!event.involvedObject || typeof event.involvedObject !== 'object') {
      causes.push({ type: 'FieldValueRequired', field: 'involvedObject', message: 'Required value' });
    } else if (
      event.involvedObject.namespace &&
      event.involvedObject.namespace !== event.metadata.namespace
    ) {
      causes.push({
        type: 'FieldValueInvalid',
        field: 'involvedObject.namespace',
        message: 'Invalid value: does not match event.namespace',
      });
    }
    if (event.type !== undefined && event.type !== 'Normal' && event.type !== 'Warning') {
      causes.push({
        type: 'FieldValueNotSupported',
        field: 'type',
        message: 'Unsupported value: supported values: "Normal", "Warning"',
      });
    }
    return causes;
  },
  selectableFields(obj) {
    const e = obj as KubeEvent;
    return {
      'involvedObject.kind': e.involvedObject?.kind ?? '',
      'involvedObject.name': e.involvedObject?.name ?? '',
      'involvedObject.namespace': e.involvedObject?.namespace ?? '',
      'involvedObject.uid': e.involvedObject?.uid ?? '',
      'involvedObject.fieldPath': e.involvedObject?.fieldPath ?? '',
      reason: e.reason ?? '',
      type: e.type ?? '',
      'source.component': e.source?.component ?? '',
    };
  },
};
