import type { StatusCause } from '../../shared/api-types';
import type { DownwardAPIVolumeFile, HostAlias, ResourceFieldSelector, Volume } from '../../shared/pod-types';
import { parseQuantity } from '../../shared/quantity';
import { validateName } from '../validate-meta';
import { appendAll } from '../../shared/append-all';

// Kubernetes 1.32's rules for downwardAPI and projected volumes, resourceFieldRef and hostAliases
// (pkg/apis/core/validation/validation.go: validateDownwardAPIVolumeFile, validateProjectionSources,
// validateContainerResourceFieldSelector, validateContainerResourceDivisor, ValidateHostAliases).

const cause = (type: string, field: string, message: string): StatusCause => ({ type, field, message });

const VOLUME_FIELD_PATHS = [
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
];
export const RESOURCE_FIELDS = [
  'limits.cpu',
  'limits.ephemeral-storage',
  'limits.memory',
  'requests.cpu',
  'requests.ephemeral-storage',
  'requests.memory',
];
const CPU_DIVISORS = ['1m', '1'];
const MEMORY_DIVISORS = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];
const SUBSCRIPT = /^metadata\.(labels|annotations)\['[^']+'\]$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

const quoted = (values: string[]) => values.map((v) => `"${v}"`).join(', ');

/** A path inside a volume: relative, no '..' element, not starting with '..' (validateLocalNonReservedPath). */
export function validateVolumePath(path: string | undefined, field: string): StatusCause[] {
  if (!path) return [cause('FieldValueRequired', field, 'Required value')];
  const causes: StatusCause[] = [];
  if (path.startsWith('/'))
    causes.push(cause('FieldValueInvalid', field, `Invalid value: "${path}": must be a relative path`));
  if (path.split('/').includes('..'))
    causes.push(cause('FieldValueInvalid', field, `Invalid value: "${path}": must not contain '..'`));
  if (path.startsWith('..'))
    causes.push(cause('FieldValueInvalid', field, `Invalid value: "${path}": must not start with '..'`));
  return causes;
}

/** resourceFieldRef: a known resource, a divisor that fits it, and (in volumes) the container it reads. */
export function validateResourceFieldRef(
  ref: ResourceFieldSelector,
  field: string,
  inVolume: boolean,
): StatusCause[] {
  const causes: StatusCause[] = [];
  if (inVolume && !ref.containerName)
    causes.push(cause('FieldValueRequired', `${field}.containerName`, 'Required value'));
  if (!RESOURCE_FIELDS.includes(ref.resource)) {
    causes.push(
      cause(
        'FieldValueNotSupported',
        `${field}.resource`,
        `Unsupported value: "${ref.resource}": supported values: ${quoted(RESOURCE_FIELDS)}`,
      ),
    );
    return causes;
  }
  if (ref.divisor === undefined) return causes;
  const divisor = String(ref.divisor);
  const cpu = ref.resource.endsWith('.cpu');
  const allowed = cpu ? CPU_DIVISORS : MEMORY_DIVISORS;
  const value = parseQuantity(divisor);
  if (!allowed.some((a) => parseQuantity(a) === value))
    causes.push(
      cause(
        'FieldValueInvalid',
        `${field}.divisor`,
        `Invalid value: "${divisor}": only divisor's values ${allowed.join(', ')} are supported with the ${cpu ? 'cpu' : ref.resource.split('.')[1]} resource`,
      ),
    );
  return causes;
}

function validateDownwardFile(file: DownwardAPIVolumeFile, field: string): StatusCause[] {
  const causes = validateVolumePath(file.path, `${field}.path`);
  if (file.fieldRef) {
    const path = file.fieldRef.fieldPath;
    if (!VOLUME_FIELD_PATHS.includes(path) && !SUBSCRIPT.test(path))
      causes.push(
        cause(
          'FieldValueNotSupported',
          `${field}.fieldRef.fieldPath`,
          `Unsupported value: "${path}": supported values: ${quoted(VOLUME_FIELD_PATHS)}, metadata.labels['key'], metadata.annotations['key']`,
        ),
      );
    if (file.resourceFieldRef)
      causes.push(
        cause(
          'FieldValueInvalid',
          field,
          'Invalid value: "resource": fieldRef and resourceFieldRef can not be specified simultaneously',
        ),
      );
  } else if (file.resourceFieldRef) {
    appendAll(causes, validateResourceFieldRef(file.resourceFieldRef, `${field}.resourceFieldRef`, true));
  } else {
    causes.push(
      cause('FieldValueRequired', field, 'Required value: one of fieldRef and resourceFieldRef is required'),
    );
  }
  return causes;
}

function validateDownwardFiles(items: DownwardAPIVolumeFile[] | undefined, field: string): StatusCause[] {
  return (items ?? []).flatMap((file, i) => validateDownwardFile(file, `${field}.items[${i}]`));
}

/** downwardAPI and projected volumes; `path` is `spec.volumes[i]`. */
export function validateProjectedSources(volume: Volume, path: string): StatusCause[] {
  if (volume.downwardAPI) return validateDownwardFiles(volume.downwardAPI.items, `${path}.downwardAPI`);
  if (!volume.projected) return [];
  const causes: StatusCause[] = [];
  const seen = new Set<string>();
  const claim = (file: string, field: string) => {
    if (seen.has(file))
      causes.push(cause('FieldValueInvalid', field, `Invalid value: "${file}": conflicting duplicate paths`));
    seen.add(file);
  };
  (volume.projected.sources ?? []).forEach((source, i) => {
    const at = `${path}.projected.sources[${i}]`;
    const kinds = ['configMap', 'secret', 'downwardAPI', 'serviceAccountToken', 'clusterTrustBundle'].filter(
      (k) => (source as Record<string, unknown>)[k] !== undefined,
    );
    if (kinds.length > 1)
      causes.push(cause('FieldValueForbidden', at, 'Forbidden: may not specify more than 1 volume type'));
    const config = source.configMap ?? source.secret;
    if (config) {
      const field = `${at}.${source.configMap ? 'configMap' : 'secret'}`;
      if (!config.name) causes.push(cause('FieldValueRequired', `${field}.name`, 'Required value'));
      (config.items ?? []).forEach((item, j) => {
        appendAll(causes, validateVolumePath(item.path, `${field}.items[${j}].path`));
        if (!item.key) causes.push(cause('FieldValueRequired', `${field}.items[${j}].key`, 'Required value'));
        claim(item.path, `${field}.items[${j}].path`);
      });
    }
    if (source.downwardAPI) {
      appendAll(causes, validateDownwardFiles(source.downwardAPI.items, `${at}.downwardAPI`));
      (source.downwardAPI.items ?? []).forEach((item, j) =>
        claim(item.path, `${at}.downwardAPI.items[${j}].path`),
      );
    }
    const token = source.serviceAccountToken;
    if (token) {
      const field = `${at}.serviceAccountToken`;
      appendAll(causes, validateVolumePath(token.path, `${field}.path`));
      const seconds = token.expirationSeconds;
      if (seconds !== undefined && seconds < 600)
        causes.push(
          cause(
            'FieldValueInvalid',
            `${field}.expirationSeconds`,
            `Invalid value: ${seconds}: may not specify a duration less than 10 minutes`,
          ),
        );
      if (seconds !== undefined && seconds > 2 ** 32)
        causes.push(
          cause(
            'FieldValueInvalid',
            `${field}.expirationSeconds`,
            `Invalid value: ${seconds}: may not specify a duration larger than 2^32 seconds`,
          ),
        );
      claim(token.path, `${field}.path`);
    }
  });
  return causes;
}

export function validateHostAliases(aliases: HostAlias[] | undefined): StatusCause[] {
  const causes: StatusCause[] = [];
  (aliases ?? []).forEach((alias, i) => {
    const at = `spec.hostAliases[${i}]`;
    if (!IPV4.test(alias.ip) && !isIPv6(alias.ip))
      causes.push(
        cause('FieldValueInvalid', `${at}.ip`, `Invalid value: "${alias.ip}": must be a valid IP address`),
      );
    (alias.hostnames ?? []).forEach((host, j) =>
      appendAll(causes, validateName(host, 'dns1123-subdomain', `${at}.hostnames[${j}]`)),
    );
  });
  return causes;
}

function isIPv6(ip: string): boolean {
  return ip.includes(':') && /^[0-9a-fA-F:.]+$/.test(ip) && ip.split('::').length <= 2;
}
