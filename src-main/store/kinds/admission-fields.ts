import type { StatusCause } from '../../shared/api-types';
import { validateName } from '../validate-meta';

// Field checks shared by the admissionregistration.k8s.io kinds (pkg/apis/admissionregistration/validation and
// k8s.io/apiserver/pkg/util/webhook), with Kubernetes' messages.

export const required = (field: string, detail = ''): StatusCause => ({
  type: 'FieldValueRequired',
  field,
  message: detail ? `Required value: ${detail}` : 'Required value',
});

export const invalid = (field: string, value: unknown, detail: string): StatusCause => ({
  type: 'FieldValueInvalid',
  field,
  message: `Invalid value: ${JSON.stringify(value)}: ${detail}`,
});

export function notSupported(field: string, value: unknown, supported: string[]): StatusCause {
  return {
    type: 'FieldValueNotSupported',
    field,
    message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${supported.map((s) => `"${s}"`).join(', ')}`,
  };
}

export const duplicate = (field: string, value: unknown): StatusCause => ({
  type: 'FieldValueDuplicate',
  field,
  message: `Duplicate value: ${JSON.stringify(value)}`,
});

/** Checks an optional enum field: NotSupported when set to something else. */
export function checkEnum(value: unknown, field: string, supported: string[]): StatusCause[] {
  return value !== undefined && !supported.includes(value as string)
    ? [notSupported(field, value, supported)]
    : [];
}

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const hasWildcard = (list: unknown[]) => list.includes('*');

/** utilvalidation.IsFullyQualifiedName: a DNS subdomain of at least three segments. */
export function validateFullyQualifiedName(name: unknown, field: string): StatusCause[] {
  if (typeof name !== 'string' || name === '') return [required(field)];
  const dns = validateName(name, 'dns1123-subdomain', field);
  if (dns.length > 0) return dns;
  return name.split('.').length < 3
    ? [invalid(field, name, 'should be a domain with at least three segments separated by dots')]
    : [];
}

/** validateResources: resources with optional subresources, and the wildcard rules between them. */
function validateResources(resources: unknown[], field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (resources.length === 0) causes.push(required(field));
  const wildSub = new Set<string>();
  const wildRes = new Set<string>();
  let plain = false;
  resources.forEach((entry, i) => {
    const resSub = String(entry ?? '');
    if (resSub === '') return void causes.push(required(`${field}[${i}]`));
    const slash = resSub.indexOf('/');
    if (slash < 0) return void (plain = resSub !== '*');
    const [res, sub] = [resSub.slice(0, slash), resSub.slice(slash + 1)];
    if (wildSub.has(res))
      causes.push(invalid(`${field}[${i}]`, resSub, `if '${res}/*' is present, must not specify ${resSub}`));
    if (wildRes.has(sub))
      causes.push(invalid(`${field}[${i}]`, resSub, `if '*/${sub}' is present, must not specify ${resSub}`));
    if (sub === '*') wildSub.add(res);
    if (res === '*') wildRes.add(sub);
  });
  if (resources.length > 1 && resources.includes('*/*'))
    causes.push(invalid(field, resources, "if '*/*' is present, must not specify other resources"));
  if (resources.includes('*') && plain)
    causes.push(
      invalid(field, resources, "if '*' is present, must not specify other resources without subresources"),
    );
  return causes;
}

const OPERATIONS = ['*', 'CONNECT', 'CREATE', 'DELETE', 'UPDATE'];
const SCOPES = ['*', 'Cluster', 'Namespaced'];

/** validateRuleWithOperations (webhook rules and a policy's resourceRules). */
export function validateRuleWithOperations(rule: Record<string, unknown>, at: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const operations = asArray(rule.operations);
  if (operations.length === 0) causes.push(required(`${at}.operations`));
  if (operations.length > 1 && hasWildcard(operations))
    causes.push(
      invalid(`${at}.operations`, operations, "if '*' is present, must not specify other operations"),
    );
  operations.forEach((op, i) => causes.push(...checkEnum(op, `${at}.operations[${i}]`, OPERATIONS)));
  const groups = asArray(rule.apiGroups);
  if (groups.length === 0) causes.push(required(`${at}.apiGroups`));
  if (groups.length > 1 && hasWildcard(groups))
    causes.push(invalid(`${at}.apiGroups`, groups, "if '*' is present, must not specify other API groups"));
  const versions = asArray(rule.apiVersions);
  if (versions.length === 0) causes.push(required(`${at}.apiVersions`));
  if (versions.length > 1 && hasWildcard(versions))
    causes.push(
      invalid(`${at}.apiVersions`, versions, "if '*' is present, must not specify other API versions"),
    );
  versions.forEach((v, i) => {
    if (v === '' || v === undefined || v === null) causes.push(required(`${at}.apiVersions[${i}]`));
  });
  causes.push(...validateResources(asArray(rule.resources), `${at}.resources`));
  causes.push(...checkEnum(rule.scope, `${at}.scope`, SCOPES));
  return causes;
}

/** SetDefaults_Rule: scope "*". */
export function defaultRules(rules: unknown): void {
  for (const rule of asArray(rules))
    if (rule && typeof rule === 'object') (rule as { scope?: string }).scope ??= '*';
}

/** webhook.ValidateWebhookURL with forceHttps. */
function validateWebhookUrl(value: unknown, field: string): StatusCause[] {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    return [invalid(field, value, `parse ${JSON.stringify(value)}: invalid URI for request`)];
  }
  const causes: StatusCause[] = [];
  if (url.protocol !== 'https:')
    causes.push(invalid(field, url.protocol.replace(/:$/, ''), "'https' is the only allowed URL scheme"));
  if (!url.host) causes.push(invalid(field, url.host, 'host must be specified'));
  if (url.username || url.password)
    causes.push(invalid(field, url.username, 'user information is not permitted in the URL'));
  if (url.hash) causes.push(invalid(field, url.hash.slice(1), 'fragments are not permitted in the URL'));
  if (url.search)
    causes.push(invalid(field, url.search.slice(1), 'query parameters are not permitted in the URL'));
  return causes;
}

/** webhook.ValidateWebhookService. */
function validateWebhookService(service: Record<string, unknown>, at: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!service.name) causes.push(required(`${at}.name`, 'service name is required'));
  if (!service.namespace) causes.push(required(`${at}.namespace`, 'service namespace is required'));
  const port = service.port;
  if (typeof port === 'number' && (port < 1 || port > 65535))
    causes.push(invalid(`${at}.port`, port, 'port is not valid: must be between 1 and 65535, inclusive'));
  if (typeof service.path === 'string' && !service.path.startsWith('/'))
    causes.push(invalid(`${at}.path`, service.path, "must start with a '/'"));
  return causes;
}

/** A webhook's clientConfig: exactly one of url or service. */
export function validateClientConfig(config: unknown, at: string): StatusCause[] {
  const cc = (config && typeof config === 'object' ? config : {}) as { url?: unknown; service?: unknown };
  const hasUrl = cc.url !== undefined && cc.url !== null;
  const hasService = cc.service !== undefined && cc.service !== null;
  if (hasUrl === hasService)
    return [required(`${at}.clientConfig`, 'exactly one of url or service is required')];
  if (hasUrl) return validateWebhookUrl(cc.url, `${at}.clientConfig.url`);
  return validateWebhookService(cc.service as Record<string, unknown>, `${at}.clientConfig.service`);
}
