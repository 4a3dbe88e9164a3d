import type { StatusCause } from '../../shared/api-types';
import type { PodSpec } from '../../shared/pod-types';
import type {
  Affinity,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  PodAffinityTerm,
  Toleration,
  TopologySpreadConstraint,
} from '../../shared/scheduling-types';
import { validateName, validateQualifiedName } from '../validate-meta';

// ValidateAffinity, validateTolerations and validateTopologySpreadConstraints of Kubernetes 1.32
// (pkg/apis/core/validation/validation.go), with its messages; the shapes are checked before, by the schema.

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const cause = (type: string, field: string, message: string): StatusCause => ({ type, field, message });
const weightError = (field: string, weight: number) =>
  weight < 1 || weight > 100
    ? [cause('FieldValueInvalid', field, `Invalid value: ${weight}: must be in the range 1-100`)]
    : [];

function nodeSelectorRequirement(req: NodeSelectorRequirement, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0)
        causes.push(
          cause(
            'FieldValueRequired',
            `${path}.values`,
            "Required value: must be specified when `operator` is 'In' or 'NotIn'",
          ),
        );
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0)
        causes.push(
          cause(
            'FieldValueForbidden',
            `${path}.values`,
            "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
          ),
        );
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1)
        causes.push(
          cause(
            'FieldValueRequired',
            `${path}.values`,
            "Required value: must be specified single value when `operator` is 'Lt' or 'Gt'",
          ),
        );
      break;
  }
  causes.push(...validateQualifiedName(req.key, `${path}.key`));
  return causes;
}

function nodeFieldSelectorRequirement(req: NodeSelectorRequirement, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (req.operator !== 'In' && req.operator !== 'NotIn')
    causes.push(
      cause(
        'FieldValueInvalid',
        `${path}.operator`,
        `Invalid value: "${req.operator}": not a valid selector operator`,
      ),
    );
  else if ((req.values ?? []).length !== 1)
    causes.push(
      cause(
        'FieldValueRequired',
        `${path}.values`,
        "Required value: must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
      ),
    );
  if (req.key !== 'metadata.name')
    causes.push(
      cause(
        'FieldValueInvalid',
        `${path}.key`,
        `Invalid value: "${req.key}": not a valid field selector key`,
      ),
    );
  return causes;
}

function nodeSelectorTerm(term: NodeSelectorTerm, path: string): StatusCause[] {
  return [
    ...(term.matchExpressions ?? []).flatMap((r, i) =>
      nodeSelectorRequirement(r, `${path}.matchExpressions[${i}]`),
    ),
    ...(term.matchFields ?? []).flatMap((r, i) =>
      nodeFieldSelectorRequirement(r, `${path}.matchFields[${i}]`),
    ),
  ];
}

function podAffinityTerm(term: PodAffinityTerm, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  (term.namespaces ?? []).forEach((ns, i) =>
    causes.push(...validateName(ns, 'dns1123-label', `${path}.namespaces[${i}]`)),
  );
  if (!term.topologyKey)
    causes.push(cause('FieldValueRequired', `${path}.topologyKey`, 'Required value: can not be empty'));
  else causes.push(...validateQualifiedName(term.topologyKey, `${path}.topologyKey`));
  return causes;
}

type Weighted = { weight: number; podAffinityTerm: PodAffinityTerm };
type PodAffinitySpec = {
  requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
  preferredDuringSchedulingIgnoredDuringExecution?: Weighted[];
};

function podAffinity(spec: PodAffinitySpec | undefined, path: string): StatusCause[] {
  if (!spec) return [];
  return [
    ...(spec.requiredDuringSchedulingIgnoredDuringExecution ?? []).flatMap((t, i) =>
      podAffinityTerm(t, `${path}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`),
    ),
    ...(spec.preferredDuringSchedulingIgnoredDuringExecution ?? []).flatMap((t, i) => {
      const at = `${path}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      return [
        ...weightError(`${at}.weight`, t.weight),
        ...podAffinityTerm(t.podAffinityTerm, `${at}.podAffinityTerm`),
      ];
    }),
  ];
}

export function validateAffinity(affinity: Affinity | undefined, path: string): StatusCause[] {
  if (!affinity) return [];
  const causes: StatusCause[] = [];
  const node = affinity.nodeAffinity as
    | (Affinity['nodeAffinity'] & {
        preferredDuringSchedulingIgnoredDuringExecution?: Array<{
          weight: number;
          preference: NodeSelectorTerm;
        }>;
      })
    | undefined;
  const required = node?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required) {
    const terms = `${path}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
    if ((required.nodeSelectorTerms ?? []).length === 0)
      causes.push(
        cause('FieldValueRequired', terms, 'Required value: must have at least one node selector term'),
      );
    required.nodeSelectorTerms?.forEach((t, i) => causes.push(...nodeSelectorTerm(t, `${terms}[${i}]`)));
  }
  node?.preferredDuringSchedulingIgnoredDuringExecution?.forEach((t, i) => {
    const at = `${path}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    causes.push(
      ...weightError(`${at}.weight`, t.weight),
      ...nodeSelectorTerm(t.preference, `${at}.preference`),
    );
  });
  causes.push(...podAffinity(affinity.podAffinity as PodAffinitySpec | undefined, `${path}.podAffinity`));
  causes.push(
    ...podAffinity(affinity.podAntiAffinity as PodAffinitySpec | undefined, `${path}.podAntiAffinity`),
  );
  return causes;
}

export function validateTolerations(tolerations: Toleration[] | undefined, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const at = `${path}[${i}]`;
    if (t.key) causes.push(...validateQualifiedName(t.key, `${at}.key`));
    if (!t.key && t.operator !== 'Exists')
      causes.push(
        cause(
          'FieldValueInvalid',
          `${at}.operator`,
          `Invalid value: "${t.operator ?? ''}": operator must be Exists when \`key\` is empty, which means "match all values and all keys"`,
        ),
      );
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute')
      causes.push(
        cause(
          'FieldValueInvalid',
          `${at}.effect`,
          `Invalid value: "${t.effect ?? ''}": effect must be 'NoExecute' when \`tolerationSeconds\` is set`,
        ),
      );
    const operator = t.operator ?? '';
    if (operator === 'Equal' || operator === '') {
      if ((t.value ?? '').length > 63 || !LABEL_VALUE.test(t.value ?? ''))
        causes.push(
          cause(
            'FieldValueInvalid',
            `${at}.operator`,
            `Invalid value: "${t.value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
          ),
        );
    } else if (operator === 'Exists') {
      if (t.value)
        causes.push(
          cause(
            'FieldValueInvalid',
            `${at}.operator`,
            "Invalid value: value must be empty when `operator` is 'Exists'",
          ),
        );
    } else
      causes.push(
        cause(
          'FieldValueNotSupported',
          `${at}.operator`,
          `Unsupported value: "${operator}": supported values: "Equal", "Exists"`,
        ),
      );
    if (t.effect && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect))
      causes.push(
        cause(
          'FieldValueNotSupported',
          `${at}.effect`,
          `Unsupported value: "${t.effect}": supported values: "NoExecute", "NoSchedule", "PreferNoSchedule"`,
        ),
      );
  });
  return causes;
}

export function validateTopologySpreadConstraints(
  constraints:
    Array<TopologySpreadConstraint & { minDomains?: number; nodeTaintsPolicy?: string }> | undefined,
  path: string,
): StatusCause[] {
  const causes: StatusCause[] = [];
  const seen = new Set<string>();
  (constraints ?? []).forEach((c, i) => {
    const at = `${path}[${i}]`;
    if (!(c.maxSkew > 0))
      causes.push(
        cause('FieldValueInvalid', `${at}.maxSkew`, `Invalid value: ${c.maxSkew}: must be greater than zero`),
      );
    if (!c.topologyKey)
      causes.push(cause('FieldValueRequired', `${at}.topologyKey`, 'Required value: can not be empty'));
    else causes.push(...validateQualifiedName(c.topologyKey, `${at}.topologyKey`));
    if (!['DoNotSchedule', 'ScheduleAnyway'].includes(c.whenUnsatisfiable))
      causes.push(
        cause(
          'FieldValueNotSupported',
          `${at}.whenUnsatisfiable`,
          `Unsupported value: "${c.whenUnsatisfiable}": supported values: "DoNotSchedule", "ScheduleAnyway"`,
        ),
      );
    if (c.minDomains !== undefined) {
      if (!(c.minDomains > 0))
        causes.push(
          cause(
            'FieldValueInvalid',
            `${at}.minDomains`,
            `Invalid value: ${c.minDomains}: must be greater than zero`,
          ),
        );
      else if (c.whenUnsatisfiable !== 'DoNotSchedule')
        causes.push(
          cause(
            'FieldValueInvalid',
            `${at}.minDomains`,
            `Invalid value: ${c.minDomains}: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${c.whenUnsatisfiable}`,
          ),
        );
    }
    for (const field of ['nodeAffinityPolicy', 'nodeTaintsPolicy'] as const) {
      const value = c[field];
      if (value !== undefined && value !== 'Honor' && value !== 'Ignore')
        causes.push(
          cause(
            'FieldValueNotSupported',
            `${at}.${field}`,
            `Unsupported value: "${value}": supported values: "Honor", "Ignore"`,
          ),
        );
    }
    const key = `{${c.topologyKey}, ${c.whenUnsatisfiable}}`;
    if (seen.has(key)) causes.push(cause('FieldValueDuplicate', at, `Duplicate value: "${key}"`));
    seen.add(key);
  });
  return causes;
}

/** The pod's scheduling fields, at `spec.<field>` (templates re-prefix the paths). */
export function validateSchedulingFields(spec: PodSpec): StatusCause[] {
  const s = spec as PodSpec & { topologySpreadConstraints?: TopologySpreadConstraint[] };
  return [
    ...validateAffinity(s.affinity as Affinity | undefined, 'spec.affinity'),
    ...validateTolerations(s.tolerations as Toleration[] | undefined, 'spec.tolerations'),
    ...validateTopologySpreadConstraints(s.topologySpreadConstraints, 'spec.topologySpreadConstraints'),
  ];
}
