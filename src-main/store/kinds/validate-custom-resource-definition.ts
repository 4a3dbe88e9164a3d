import type { StatusCause } from '../../shared/api-types';
import { appendAll } from '../../shared/append-all';
import {
  isEstablished,
  type CustomResourceDefinition,
  type CustomResourceDefinitionVersion,
} from '../../shared/custom-resource-types';
import { validateName } from '../validate-meta';
import { validateStructuralSchema } from './validate-structural-schema';

// Kubernetes' apiextensions validation (pkg/apis/apiextensions/validation/validation.go) for v1: the name is
// <plural>.<group>, exactly one storage version, unique DNS-1035 version names, a structural schema per
// version, names that are DNS-1035 labels, a known scope, printer columns and subresources that make sense.

const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_MESSAGE =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const COLUMN_TYPES = ['boolean', 'date', 'integer', 'number', 'string'];

const required = (field: string, detail = ''): StatusCause => ({
  type: 'FieldValueRequired',
  field,
  message: detail ? `Required value: ${detail}` : 'Required value',
});
const invalid = (field: string, value: unknown, detail: string): StatusCause => ({
  type: 'FieldValueInvalid',
  field,
  message: `Invalid value: ${typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value ?? null)}: ${detail}`,
});
const notSupported = (field: string, value: unknown, supported: string[]): StatusCause => ({
  type: 'FieldValueNotSupported',
  field,
  message: `Unsupported value: ${JSON.stringify(value ?? '')}: supported values: ${supported.map((s) => `"${s}"`).join(', ')}`,
});

function dns1035(field: string, value: string): StatusCause[] {
  return value.length > 63 || !DNS1035.test(value) ? [invalid(field, value, DNS1035_MESSAGE)] : [];
}

export function validateCustomResourceDefinition(
  crd: CustomResourceDefinition,
  old: CustomResourceDefinition | undefined,
): StatusCause[] {
  const causes: StatusCause[] = [];
  const spec = crd.spec;
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return [required('spec')];
  const names = typeof spec.names === 'object' && spec.names !== null ? spec.names : ({} as never);
  const expected = `${names.plural ?? ''}.${spec.group ?? ''}`;
  if (crd.metadata.name !== expected)
    causes.push(
      invalid('metadata.name', crd.metadata.name ?? '', 'must be spec.names.plural+"."+spec.group'),
    );
  if (!spec.group) causes.push(required('spec.group'));
  else {
    if (!spec.group.includes('.'))
      causes.push(invalid('spec.group', spec.group, 'should be a domain with at least one dot'));
    appendAll(causes, validateName(spec.group, 'dns1123-subdomain', 'spec.group'));
  }
  if (!spec.scope) causes.push(required('spec.scope'));
  else if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster')
    causes.push(notSupported('spec.scope', spec.scope, ['Cluster', 'Namespaced']));
  appendAll(causes, validateVersions(spec.versions));
  appendAll(causes, validateNames(names));
  if (spec.preserveUnknownFields === true)
    causes.push(
      invalid(
        'spec.preserveUnknownFields',
        true,
        'cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead',
      ),
    );
  const strategy = spec.conversion?.strategy;
  if (strategy !== undefined && strategy !== 'None' && strategy !== 'Webhook')
    causes.push(notSupported('spec.conversion.strategy', strategy, ['None', 'Webhook']));
  if (strategy === 'Webhook' && !spec.conversion?.webhook)
    causes.push(required('spec.conversion.webhook', 'required when strategy is set to Webhook'));
  appendAll(causes, validateStoredVersions(crd));
  if (old) appendAll(causes, validateUpdate(crd, old));
  return causes;
}

function validateVersions(versions: unknown): StatusCause[] {
  if (!Array.isArray(versions) || versions.length === 0)
    return [required('spec.versions', 'must have exactly one version marked as storage version')];
  const causes: StatusCause[] = [];
  const seen = new Set<string>();
  let unique = true;
  let storage = 0;
  versions.forEach((raw, i) => {
    const path = `spec.versions[${i}]`;
    const version = (raw ?? {}) as CustomResourceDefinitionVersion;
    if (version.storage) storage++;
    if (!version.name) causes.push(required(`${path}.name`));
    else {
      if (seen.has(version.name)) unique = false;
      seen.add(version.name);
      appendAll(causes, dns1035(`${path}.name`, version.name));
    }
    appendAll(causes, validateVersion(version, path));
  });
  const shown = versions.map((v) => (v as { name?: string })?.name ?? '');
  if (!unique) causes.push(invalid('spec.versions', shown, 'must contain unique version names'));
  if (storage !== 1)
    causes.push(invalid('spec.versions', shown, 'must have exactly one version marked as storage version'));
  return causes;
}

function validateVersion(version: CustomResourceDefinitionVersion, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const schema = version.schema?.openAPIV3Schema;
  if (schema === undefined) causes.push(required(`${path}.schema.openAPIV3Schema`, 'schemas are required'));
  else appendAll(causes, validateStructuralSchema(schema, `${path}.schema.openAPIV3Schema`));
  (version.additionalPrinterColumns ?? []).forEach((column, i) => {
    const where = `${path}.additionalPrinterColumns[${i}]`;
    if (!column?.name) causes.push(required(`${where}.name`));
    if (!column?.type) causes.push(required(`${where}.type`));
    else if (!COLUMN_TYPES.includes(column.type))
      causes.push(notSupported(`${where}.type`, column.type, COLUMN_TYPES));
    if (!column?.jsonPath) causes.push(required(`${where}.JSONPath`));
    else if (!column.jsonPath.startsWith('.') && !column.jsonPath.startsWith('{'))
      causes.push(
        invalid(`${where}.JSONPath`, column.jsonPath, 'must be a simple json path starting with .'),
      );
  });
  const scale = version.subresources?.scale;
  if (scale) {
    const where = `${path}.subresources.scale`;
    if (!scale.specReplicasPath) causes.push(required(`${where}.specReplicasPath`));
    else if (!scale.specReplicasPath.startsWith('.spec.'))
      causes.push(
        invalid(`${where}.specReplicasPath`, scale.specReplicasPath, 'should be a json path under .spec'),
      );
    if (!scale.statusReplicasPath) causes.push(required(`${where}.statusReplicasPath`));
    else if (!scale.statusReplicasPath.startsWith('.status.'))
      causes.push(
        invalid(
          `${where}.statusReplicasPath`,
          scale.statusReplicasPath,
          'should be a json path under .status',
        ),
      );
    if (scale.labelSelectorPath && !/^\.(spec|status)\./.test(scale.labelSelectorPath))
      causes.push(
        invalid(
          `${where}.labelSelectorPath`,
          scale.labelSelectorPath,
          'should be a json path under either .spec or .status',
        ),
      );
  }
  return causes;
}

function validateNames(names: Partial<CustomResourceDefinition['spec']['names']>): StatusCause[] {
  const causes: StatusCause[] = [];
  const path = 'spec.names';
  if (!names.plural) causes.push(required(`${path}.plural`));
  else appendAll(causes, dns1035(`${path}.plural`, names.plural));
  if (!names.singular) causes.push(required(`${path}.singular`));
  else appendAll(causes, dns1035(`${path}.singular`, names.singular));
  if (!names.kind) causes.push(required(`${path}.kind`));
  else if (!DNS1035.test(names.kind.toLowerCase()))
    causes.push(
      invalid(
        `${path}.kind`,
        names.kind,
        `may have mixed case, but should otherwise match: ${DNS1035_MESSAGE}`,
      ),
    );
  if (!names.listKind) causes.push(required(`${path}.listKind`));
  else if (!DNS1035.test(names.listKind.toLowerCase()))
    causes.push(
      invalid(
        `${path}.listKind`,
        names.listKind,
        `may have mixed case, but should otherwise match: ${DNS1035_MESSAGE}`,
      ),
    );
  if (names.kind && names.kind === names.listKind)
    causes.push(invalid(`${path}.listKind`, names.listKind, 'kind and listKind may not be the same'));
  (names.shortNames ?? []).forEach((s, i) =>
    appendAll(causes, dns1035(`${path}.shortNames[${i}]`, String(s))),
  );
  (names.categories ?? []).forEach((s, i) =>
    appendAll(causes, dns1035(`${path}.categories[${i}]`, String(s))),
  );
  return causes;
}

function validateStoredVersions(crd: CustomResourceDefinition): StatusCause[] {
  const causes: StatusCause[] = [];
  const served = new Set((Array.isArray(crd.spec.versions) ? crd.spec.versions : []).map((v) => v?.name));
  (crd.status?.storedVersions ?? []).forEach((stored, i) => {
    if (!served.has(stored))
      causes.push(invalid(`status.storedVersions[${i}]`, stored, 'must appear in spec.versions'));
  });
  return causes;
}

function validateUpdate(crd: CustomResourceDefinition, old: CustomResourceDefinition): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!isEstablished(old)) return causes;
  if (crd.spec.scope !== old.spec.scope)
    causes.push(invalid('spec.scope', crd.spec.scope, 'field is immutable'));
  if (crd.spec.names?.kind !== old.spec.names?.kind)
    causes.push(invalid('spec.names.kind', crd.spec.names?.kind, 'field is immutable'));
  return causes;
}
