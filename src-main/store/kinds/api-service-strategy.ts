import type { KubeObject, StatusCause } from '../../shared/api-types';
import { ADMISSION_NOT_ENFORCED, apiServiceType } from '../../shared/admission-resource-types';
import type { KindStrategy } from '../kind-strategy';
import { pathSegmentNameProblems, validateName } from '../validate-meta';
import { invalid, required } from './admission-fields';
import { decodeApiService } from './api-service-schema';

// apiregistration.k8s.io/v1 APIService (kube-aggregator's ValidateAPIService). Skiff proxies no aggregated API,
// so an APIService naming a Service is reported unavailable, saying why; a local one (no service) is Available
// only for a group version Skiff serves itself (metrics.k8s.io/v1beta1).

interface ApiServiceSpec {
  service?: { namespace?: string; name?: string; port?: number } | null;
  group?: string;
  version?: string;
  insecureSkipTLSVerify?: boolean;
  caBundle?: string;
  groupPriorityMinimum?: number;
  versionPriority?: number;
}
type ApiService = KubeObject & {
  spec?: ApiServiceSpec;
  status?: { conditions?: Array<Record<string, string>> };
};

/** Group versions Skiff serves itself (besides its built-in kinds): a local APIService for one is Available. */
const SERVED_LOCALLY = new Set(['v1beta1.metrics.k8s.io']);

export function availableCondition(
  spec: ApiServiceSpec,
  name: string,
): { status: string; reason: string; message: string } {
  const gv = spec.group ? `${spec.group}/${spec.version}` : `${spec.version}`;
  if (!spec.service)
    return SERVED_LOCALLY.has(name)
      ? { status: 'True', reason: 'Local', message: 'Local APIServices are always available' }
      : { status: 'False', reason: 'NotServedBySkiff', message: `Skiff does not serve ${gv} itself` };
  return {
    status: 'False',
    reason: 'NotProxiedBySkiff',
    message: `Skiff does not proxy aggregated APIs: ${gv} is not served through service ${spec.service.namespace}/${spec.service.name}${SERVED_LOCALLY.has(name) ? ` (Skiff serves ${gv} itself)` : ''}`,
  };
}

function prepare(obj: KubeObject, old: KubeObject | undefined): void {
  const api = obj as ApiService;
  api.spec ??= {};
  if (api.spec.service && typeof api.spec.service === 'object') api.spec.service.port ??= 443;
  const next = availableCondition(api.spec, api.metadata.name ?? '');
  const before = (old as ApiService | undefined)?.status?.conditions?.find((c) => c.type === 'Available');
  const lastTransitionTime =
    before && before.status === next.status && before.lastTransitionTime
      ? before.lastTransitionTime
      : new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  api.status = { conditions: [{ type: 'Available', ...next, lastTransitionTime }] };
}

export function validateApiService(obj: KubeObject): StatusCause[] {
  const api = obj as ApiService;
  const spec = api.spec ?? {};
  const causes: StatusCause[] = [];
  const name = api.metadata.name ?? '';
  const requiredName = `${spec.version ?? ''}.${spec.group ?? ''}`;
  if (name && pathSegmentNameProblems(name).length === 0 && name !== requiredName)
    causes.push(
      invalid(
        'metadata.name',
        name,
        `must be \`spec.version+"."+spec.group\`: ${JSON.stringify(requiredName)}`,
      ),
    );
  if (!spec.group && spec.version !== 'v1')
    causes.push(required('spec.group', 'only v1 may have an empty group and it better be legacy kube'));
  if (spec.group) causes.push(...validateName(spec.group, 'dns1123-subdomain', 'spec.group'));
  causes.push(...validateName(spec.version ?? '', 'dns1035-label', 'spec.version'));
  const min = spec.groupPriorityMinimum ?? 0;
  if (min <= 0 || min > 20000)
    causes.push(invalid('spec.groupPriorityMinimum', min, 'must be positive and less than 20000'));
  const priority = spec.versionPriority ?? 0;
  if (priority <= 0 || priority > 1000)
    causes.push(invalid('spec.versionPriority', priority, 'must be positive and less than 1000'));
  const caBytes = spec.caBundle ? Buffer.from(spec.caBundle, 'base64').length : 0;
  if (!spec.service) {
    if (caBytes)
      causes.push(invalid('spec.caBundle', `${caBytes} bytes`, 'local APIServices may not have a caBundle'));
    if (spec.insecureSkipTLSVerify)
      causes.push(
        invalid('spec.insecureSkipTLSVerify', true, 'local APIServices may not have insecureSkipTLSVerify'),
      );
    return causes;
  }
  if (!spec.service.namespace) causes.push(required('spec.service.namespace'));
  if (!spec.service.name) causes.push(required('spec.service.name'));
  if (spec.insecureSkipTLSVerify && caBytes)
    causes.push(invalid('spec.insecureSkipTLSVerify', true, 'may not be true if caBundle is present'));
  return causes;
}

export const apiServiceStrategy: KindStrategy = {
  type: apiServiceType,
  nameRule: 'path-segment',
  prepareForCreate: (obj) => prepare(obj, undefined),
  prepareForUpdate: (obj, old) => prepare(obj, old),
  validate: validateApiService,
  decodeBody: decodeApiService,
  warnings: () => [ADMISSION_NOT_ENFORCED.APIService!],
};
