import type { StatusCause } from '../../shared/api-types';
import { matchesLabels, selectorRequirements } from '../../shared/label-selector';
import type { Pod } from '../../shared/pod-types';
import type { LabelSelector, PodTemplateSpec } from '../../shared/workload-types';
import { appendAll, arr, checkSchema, obj, str, type Schema } from '../schema/schema';
import { applyPodDefaults } from './pod-defaults';
import { validatePod } from './validate-pod';

export const labelSelectorSchema: Schema = obj({
  matchLabels: { type: 'map', values: str() },
  matchExpressions: arr(
    obj({ key: str(), operator: str(['In', 'NotIn', 'Exists', 'DoesNotExist']), values: arr(str()) }, [
      'key',
      'operator',
    ]),
  ),
});

export function validateSelector(selector: LabelSelector | undefined, path: string): StatusCause[] {
  if (
    !selector ||
    (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0)
  ) {
    return [
      {
        type: 'FieldValueRequired',
        field: path,
        message: 'Required value: give matchLabels (or matchExpressions) that the pod template labels match',
      },
    ];
  }
  const causes = checkSchema(selector, labelSelectorSchema, path);
  (selector.matchExpressions ?? []).forEach((e, i) => {
    const needsValues = e.operator === 'In' || e.operator === 'NotIn';
    if (needsValues && !(e.values ?? []).length)
      causes.push({
        type: 'FieldValueRequired',
        field: `${path}.matchExpressions[${i}].values`,
        message: `Required value: must be specified when operator is ${e.operator}`,
      });
    if (!needsValues && (e.values ?? []).length)
      causes.push({
        type: 'FieldValueForbidden',
        field: `${path}.matchExpressions[${i}].values`,
        message: `Forbidden: may not be specified when operator is ${e.operator}`,
      });
  });
  return causes;
}

/** A workload's pod template, checked as a Pod would be, with paths under `path` (e.g. spec.template). */
export function validatePodTemplate(
  template: PodTemplateSpec | undefined,
  selector: LabelSelector | undefined,
  path: string,
  restartPolicies: readonly string[] = ['Always'],
): StatusCause[] {
  if (!template || typeof template !== 'object')
    return [{ type: 'FieldValueRequired', field: path, message: 'Required value' }];
  const causes: StatusCause[] = [];
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'template', ...template.metadata },
    spec: template.spec,
  } as Pod;
  appendAll(
    causes,
    validatePod(pod).map((c) => ({ ...c, field: `${path}.${c.field}` })),
  );
  const labels = template.metadata?.labels ?? {};
  if (selector && causes.length === 0 && !matchesLabels(selectorRequirements(selector), labels)) {
    causes.push({
      type: 'FieldValueInvalid',
      field: `${path}.metadata.labels`,
      message: `Invalid value: ${JSON.stringify(labels)}: \`selector\` does not match template \`labels\`; give the template the labels the selector asks for`,
    });
  }
  const restartPolicy = template.spec?.restartPolicy;
  if (restartPolicies.includes('Always') && restartPolicy !== undefined && restartPolicy !== 'Always') {
    causes.push({
      type: 'FieldValueNotSupported',
      field: `${path}.spec.restartPolicy`,
      message: `Unsupported value: "${restartPolicy}": supported values: "Always"`,
    });
  } else if (!restartPolicies.includes('Always') && !restartPolicies.includes(restartPolicy ?? 'Always')) {
    // Kubernetes' message for a Job's template (which defaults to Always when left out).
    causes.push({
      type: 'FieldValueRequired',
      field: `${path}.spec.restartPolicy`,
      message: `Required value: valid values: ${restartPolicies.map((p) => `"${p}"`).join(', ')}; a Job's pods must not restart forever: set restartPolicy to OnFailure or Never`,
    });
  }
  return causes;
}

/** Applies pod defaults to a template's spec, as the API server does for workloads. Mutates `template`. */
export function applyTemplateDefaults(template: PodTemplateSpec | undefined): void {
  if (!template?.spec || typeof template.spec !== 'object') return;
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: template.spec } as Pod;
  applyPodDefaults(pod);
}
