import type { KubeObject, StatusCause } from '../../shared/api-types';
import type {
  HorizontalPodAutoscaler,
  HPAScalingRules,
  MetricSpec,
  MetricTarget,
} from '../../shared/autoscaling-types';
import { generateScaleDownRules, generateScaleUpRules } from '../../shared/hpa-scaling-rules';
import { parseQuantity } from '../../shared/quantity';
import { horizontalPodAutoscalerType } from '../../shared/resource-types';
import type { KindStrategy } from '../kind-strategy';
import { horizontalPodAutoscalerV1 } from './horizontal-pod-autoscaler-v1';
import { any, arr, checkSchema, int, kindSchema, obj, quantity, str } from '../schema/schema';
import { appendAll } from '../../shared/append-all';

const METRIC_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'] as const;
const target = obj(
  {
    type: str(['Utilization', 'Value', 'AverageValue']),
    averageUtilization: int(),
    averageValue: quantity,
    value: quantity,
  },
  ['type'],
);
const rules = obj({
  stabilizationWindowSeconds: int(),
  selectPolicy: str(['Max', 'Min', 'Disabled']),
  policies: arr(
    obj({ type: str(['Pods', 'Percent']), value: int(), periodSeconds: int() }, [
      'type',
      'value',
      'periodSeconds',
    ]),
  ),
  tolerance: quantity,
});
const hpaSchema = kindSchema({
  spec: obj(
    {
      scaleTargetRef: obj({ apiVersion: str(), kind: str(), name: str() }, ['kind', 'name']),
      minReplicas: int(),
      maxReplicas: int(),
      metrics: arr(
        obj(
          {
            type: str(METRIC_TYPES),
            resource: obj({ name: str(), target }, ['name', 'target']),
            containerResource: obj({ name: str(), container: str(), target }, [
              'name',
              'container',
              'target',
            ]),
            pods: any,
            object: any,
            external: any,
          },
          ['type'],
        ),
      ),
      behavior: obj({ scaleUp: rules, scaleDown: rules }),
    },
    ['scaleTargetRef', 'maxReplicas'],
  ),
  status: any,
});

const invalid = (field: string, message: string): StatusCause => ({
  type: 'FieldValueInvalid',
  field,
  message: `Invalid value: ${message}`,
});

const SOURCE_FIELD: Record<MetricSpec['type'], string> = {
  Resource: 'resource',
  ContainerResource: 'containerResource',
  Pods: 'pods',
  Object: 'object',
  External: 'external',
};

function validateResourceTarget(t: MetricTarget, field: string): StatusCause[] {
  if (t.type === 'Value')
    return [
      {
        type: 'FieldValueNotSupported',
        field: `${field}.type`,
        message:
          'Unsupported value: "Value": resource metrics are averaged over pods: use "Utilization" (averageUtilization) or "AverageValue" (averageValue)',
      },
    ];
  if (t.type === 'Utilization') {
    if (t.averageUtilization === undefined)
      return [
        {
          type: 'FieldValueRequired',
          field: `${field}.averageUtilization`,
          message: "Required value: a percentage of the pods' requests, e.g. 50",
        },
      ];
    if (t.averageUtilization <= 0)
      return [invalid(`${field}.averageUtilization`, `${t.averageUtilization}: must be greater than 0`)];
  }
  if (t.type === 'AverageValue') {
    if (t.averageValue === undefined)
      return [
        {
          type: 'FieldValueRequired',
          field: `${field}.averageValue`,
          message: 'Required value: a per-pod quantity, e.g. "200m" or "128Mi"',
        },
      ];
    if ((parseQuantity(t.averageValue) ?? 0) <= 0)
      return [invalid(`${field}.averageValue`, `"${t.averageValue}": must be positive`)];
  }
  return [];
}

function validateMetric(metric: MetricSpec, field: string): StatusCause[] {
  const own = SOURCE_FIELD[metric.type];
  const others = Object.values(SOURCE_FIELD).filter((f) => f !== own && metric[f] !== undefined);
  if (others.length > 0)
    return [
      invalid(
        `${field}.${others[0]}`,
        `must populate the given metric source only: type is "${metric.type}", so set only "${own}"`,
      ),
    ];
  if (metric[own] === undefined)
    return [
      {
        type: 'FieldValueRequired',
        field: `${field}.${own}`,
        message: `Required value: must populate information for the given metric source (type "${metric.type}")`,
      },
    ];
  const source =
    metric.type === 'Resource'
      ? metric.resource
      : metric.type === 'ContainerResource'
        ? metric.containerResource
        : undefined;
  if (!source) return [];
  const causes: StatusCause[] = [];
  if (source.name !== 'cpu' && source.name !== 'memory')
    causes.push({
      type: 'FieldValueNotSupported',
      field: `${field}.${own}.name`,
      message: `Unsupported value: "${source.name}": supported values: "cpu", "memory"`,
    });
  appendAll(causes, validateResourceTarget(source.target, `${field}.${own}.target`));
  return causes;
}

function validateRules(r: HPAScalingRules | undefined, field: string): StatusCause[] {
  if (!r) return [];
  const causes: StatusCause[] = [];
  const window = r.stabilizationWindowSeconds;
  if (window !== undefined && (window < 0 || window > 3600))
    causes.push(invalid(`${field}.stabilizationWindowSeconds`, `${window}: must be from 0 to 3600 seconds`));
  (r.policies ?? []).forEach((p, i) => {
    if (p.value <= 0)
      causes.push(invalid(`${field}.policies[${i}].value`, `${p.value}: must be greater than zero`));
    if (p.periodSeconds <= 0 || p.periodSeconds > 1800)
      causes.push(
        invalid(
          `${field}.policies[${i}].periodSeconds`,
          `${p.periodSeconds}: must be from 1 to 1800 seconds`,
        ),
      );
  });
  return causes;
}

/**
 * SetDefaults_HorizontalPodAutoscalerBehavior: a behavior that is given gets every rule it leaves out; the
 * scale-down window stays unset so the controller's default (300 s) applies, as in Kubernetes.
 */
function defaultBehavior(hpa: HorizontalPodAutoscaler): void {
  const behavior = hpa.spec.behavior;
  if (!behavior || typeof behavior !== 'object') return;
  const window = behavior.scaleDown?.stabilizationWindowSeconds;
  const { stabilizationWindowSeconds: _controllerDefault, ...scaleDown } = generateScaleDownRules(
    behavior.scaleDown,
  );
  hpa.spec.behavior = {
    scaleUp: generateScaleUpRules(behavior.scaleUp),
    scaleDown: window === undefined ? scaleDown : { ...scaleDown, stabilizationWindowSeconds: window },
  };
}

export const horizontalPodAutoscalerStrategy: KindStrategy = {
  type: horizontalPodAutoscalerType,
  otherVersions: [horizontalPodAutoscalerV1],
  nameRule: 'dns1123-subdomain',
  prepareForCreate(o) {
    const hpa = o as HorizontalPodAutoscaler;
    if (!hpa.spec || typeof hpa.spec !== 'object') return;
    hpa.spec.minReplicas ??= 1;
    if (!hpa.spec.metrics?.length)
      hpa.spec.metrics = [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
        },
      ];
    defaultBehavior(hpa);
    hpa.status = { currentReplicas: 0, desiredReplicas: 0 };
  },
  prepareForUpdate(o) {
    const hpa = o as HorizontalPodAutoscaler;
    if (hpa.spec && typeof hpa.spec === 'object') defaultBehavior(hpa);
  },
  validate(o: KubeObject): StatusCause[] {
    const hpa = o as HorizontalPodAutoscaler;
    const structural = checkSchema(hpa, hpaSchema, '');
    if (structural.length > 0) return structural;
    if (!hpa.spec) return [{ type: 'FieldValueRequired', field: 'spec', message: 'Required value' }];
    const { minReplicas = 1, maxReplicas } = hpa.spec;
    const causes: StatusCause[] = [];
    if (minReplicas < 1)
      causes.push(invalid('spec.minReplicas', `${minReplicas}: must be greater than or equal to 1`));
    if (maxReplicas < 1) causes.push(invalid('spec.maxReplicas', `${maxReplicas}: must be greater than 0`));
    else if (maxReplicas < minReplicas)
      causes.push(
        invalid(
          'spec.maxReplicas',
          `${maxReplicas}: must be greater than or equal to \`minReplicas\` (${minReplicas})`,
        ),
      );
    (hpa.spec.metrics ?? []).forEach((m, i) => appendAll(causes, validateMetric(m, `spec.metrics[${i}]`)));
    appendAll(causes, validateRules(hpa.spec.behavior?.scaleUp, 'spec.behavior.scaleUp'));
    appendAll(causes, validateRules(hpa.spec.behavior?.scaleDown, 'spec.behavior.scaleDown'));
    return causes;
  },
};
