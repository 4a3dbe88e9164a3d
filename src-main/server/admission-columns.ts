import type { KubeObject } from '../shared/api-types';
import { selectorRequirements, selectorString } from '../shared/label-selector';
import { humanDuration, type Column } from './table-columns';

// `kubectl get` columns of the admissionregistration.k8s.io kinds (pkg/printers/internalversion/printers.go)
// and of APIService (kube-aggregator's table convertor), keyed by group/kind.

const NAME: Column = { name: 'Name', cell: (o) => o.metadata.name ?? '' };
const AGE: Column = {
  name: 'Age',
  cell: (o, now) =>
    o.metadata.creationTimestamp
      ? humanDuration(now - Date.parse(o.metadata.creationTimestamp))
      : '<unknown>',
};

type Fields = Record<string, unknown>;
const specOf = (o: KubeObject): Fields => ((o as { spec?: Fields }).spec ?? {}) as Fields;
const count = (value: unknown) => (Array.isArray(value) ? value.length : 0);

const WEBHOOKS: Column[] = [
  NAME,
  { name: 'Webhooks', type: 'integer', cell: (o) => count((o as { webhooks?: unknown }).webhooks) },
  AGE,
];

/** printValidatingAdmissionPolicyBinding's PARAMREF: namespace/name, * for any namespace, or the selector. */
function paramRef(o: KubeObject): string {
  const ref = specOf(o).paramRef as
    { name?: string; namespace?: string; selector?: Parameters<typeof selectorRequirements>[0] } | undefined;
  if (!ref) return '<unset>';
  if (ref.name) return `${ref.namespace || '*'}/${ref.name}`;
  if (ref.selector) return selectorString(selectorRequirements(ref.selector)) || '<none>';
  return '<unset>';
}

/** kube-aggregator: "True", or "False (Reason)" when not available. */
function available(o: KubeObject): string {
  const conditions = (o as { status?: { conditions?: Fields[] } }).status?.conditions ?? [];
  const condition = conditions.find((c) => c.type === 'Available');
  if (!condition) return 'Unknown';
  const status = String(condition.status);
  return status !== 'True' && condition.reason ? `${status} (${String(condition.reason)})` : status;
}

export const ADMISSION_COLUMNS: Record<string, Column[]> = {
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration': WEBHOOKS,
  'admissionregistration.k8s.io/MutatingWebhookConfiguration': WEBHOOKS,
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy': [
    NAME,
    { name: 'Validations', type: 'integer', cell: (o) => count(specOf(o).validations) },
    {
      name: 'ParamKind',
      cell: (o) => {
        const kind = specOf(o).paramKind as { apiVersion?: string; kind?: string } | undefined;
        return kind ? `${kind.apiVersion ?? ''}/${kind.kind ?? ''}` : '<unset>';
      },
    },
    AGE,
  ],
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding': [
    NAME,
    { name: 'PolicyName', cell: (o) => String(specOf(o).policyName ?? '') },
    { name: 'ParamRef', cell: paramRef },
    AGE,
  ],
  'apiregistration.k8s.io/APIService': [
    NAME,
    {
      name: 'Service',
      cell: (o) => {
        const service = specOf(o).service as { namespace?: string; name?: string } | undefined;
        return service ? `${service.namespace ?? ''}/${service.name ?? ''}` : 'Local';
      },
    },
    { name: 'Available', cell: available },
    AGE,
  ],
};
