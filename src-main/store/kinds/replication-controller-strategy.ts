import type { KubeObject, StatusCause } from '../../shared/api-types';
import { replicationControllerType } from '../../shared/resource-types';
import type { ReplicationController } from '../../shared/workload-types';
import type { KindStrategy } from '../kind-strategy';
import { any, checkSchema, int, kindSchema, map, obj, str } from '../schema/schema';
import { applyTemplateDefaults, validatePodTemplate } from './validate-pod-template';

// v1 ReplicationController, still served by Kubernetes 1.32: a ReplicaSet with an equality selector. Defaults
// as SetDefaults_ReplicationController (selector and labels from the template's labels, one replica); validation
// as ValidateReplicationController. The ReplicaSet controller runs it (replica-set-controller.ts).

const schema = kindSchema({
  spec: obj({ replicas: int(0), minReadySeconds: int(0), selector: map(str()), template: any }),
  status: any,
});

export const replicationControllerStrategy: KindStrategy = {
  type: replicationControllerType,
  nameRule: 'dns1123-subdomain',
  scalable: true,
  prepareForCreate(obj) {
    const rc = obj as ReplicationController;
    if (!rc.spec || typeof rc.spec !== 'object') return;
    const labels = rc.spec.template?.metadata?.labels;
    if (labels && typeof labels === 'object') {
      if (Object.keys(rc.spec.selector ?? {}).length === 0) rc.spec.selector = { ...labels };
      if (Object.keys(rc.metadata.labels ?? {}).length === 0) rc.metadata.labels = { ...labels };
    }
    rc.spec.replicas ??= 1;
    rc.spec.minReadySeconds ??= 0;
    applyTemplateDefaults(rc.spec.template);
    rc.status = { replicas: 0 };
  },
  prepareForUpdate(obj) {
    const rc = obj as ReplicationController;
    if (rc.spec && typeof rc.spec === 'object') applyTemplateDefaults(rc.spec.template);
  },
  validate(obj: KubeObject): StatusCause[] {
    const rc = obj as ReplicationController;
    const structural = checkSchema(rc, schema, '');
    if (structural.length > 0) return structural;
    if (!rc.spec) return [{ type: 'FieldValueRequired', field: 'spec', message: 'Required value' }];
    const causes: StatusCause[] = [];
    const selector = rc.spec.selector ?? {};
    if (Object.keys(selector).length === 0)
      causes.push({
        type: 'FieldValueRequired',
        field: 'spec.selector',
        message: 'Required value: give spec.selector or labels in spec.template.metadata.labels',
      });
    causes.push(...validatePodTemplate(rc.spec.template, { matchLabels: selector }, 'spec.template'));
    // Unlike a ReplicaSet's, an RC's selector may change on update; the template must still match it.
    return causes;
  },
};
