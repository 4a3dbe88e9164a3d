import type {
  CustomResourceDefinition,
  CustomResourceDefinitionCondition,
  CustomResourceDefinitionNames,
} from '../shared/custom-resource-types';

// apiextensions-apiserver's NamingConditionController and EstablishingController as one pure step: which of a
// CRD's requested names it may have (none another CRD of the group, or a built-in kind, has already taken),
// NamesAccepted with Kubernetes' reasons, and Established once the initial names are accepted.

export interface TakenNames {
  /** plural, singular and short names of the group's other resources. */
  resources: Set<string>;
  /** kinds and list kinds of the group's other resources. */
  kinds: Set<string>;
}

/** The names other CRDs of `crd`'s group (by their accepted names) and built-in kinds already hold. */
export function takenNames(
  crd: CustomResourceDefinition,
  others: CustomResourceDefinition[],
  builtIn: Array<{ group: string; plural: string; singular: string; kind: string; shortNames?: string[] }>,
): TakenNames {
  const taken: TakenNames = { resources: new Set(), kinds: new Set() };
  for (const other of others) {
    if (other.metadata.name === crd.metadata.name || other.spec?.group !== crd.spec.group) continue;
    const a = other.status?.acceptedNames ?? {};
    for (const n of [a.plural, a.singular, ...(a.shortNames ?? [])]) if (n) taken.resources.add(n);
    for (const n of [a.kind, a.listKind]) if (n) taken.kinds.add(n);
  }
  for (const type of builtIn) {
    if (type.group !== crd.spec.group) continue;
    for (const n of [type.plural, type.singular, ...(type.shortNames ?? [])]) taken.resources.add(n);
    taken.kinds.add(type.kind);
    taken.kinds.add(`${type.kind}List`);
  }
  return taken;
}

export interface NamesPlan {
  acceptedNames: Partial<CustomResourceDefinitionNames>;
  conditions: CustomResourceDefinitionCondition[];
}

function setCondition(
  conditions: CustomResourceDefinitionCondition[],
  next: CustomResourceDefinitionCondition,
  now: string,
): CustomResourceDefinitionCondition[] {
  const old = conditions.find((c) => c.type === next.type);
  const merged = {
    ...next,
    lastTransitionTime: old && old.status === next.status ? (old.lastTransitionTime ?? now) : now,
  };
  return old ? conditions.map((c) => (c.type === next.type ? merged : c)) : [...conditions, merged];
}

export function planCrdNames(crd: CustomResourceDefinition, taken: TakenNames, now: string): NamesPlan {
  const requested = crd.spec.names;
  const accepted: Partial<CustomResourceDefinitionNames> = { ...(crd.status?.acceptedNames ?? {}) };
  let failure: { reason: string; message: string } | undefined;
  const fail = (reason: string, message: string) => (failure ??= { reason, message });
  const check = (value: string | undefined, pool: Set<string>, old: string | undefined) =>
    !value || value === old || !pool.has(value);

  if (check(requested.plural, taken.resources, accepted.plural)) accepted.plural = requested.plural;
  else fail('PluralConflict', `"${requested.plural}" is already in use`);
  if (check(requested.singular, taken.resources, accepted.singular)) accepted.singular = requested.singular;
  else fail('SingularConflict', `"${requested.singular}" is already in use`);
  const shortConflict = (requested.shortNames ?? []).find(
    (s) => !(accepted.shortNames ?? []).includes(s) && taken.resources.has(s),
  );
  if (!shortConflict) {
    if (requested.shortNames?.length) accepted.shortNames = requested.shortNames;
    else delete accepted.shortNames;
  } else fail('ShortNamesConflict', `"${shortConflict}" is already in use`);
  if (check(requested.kind, taken.kinds, accepted.kind)) accepted.kind = requested.kind;
  else fail('KindConflict', `"${requested.kind}" is already in use`);
  if (check(requested.listKind, taken.kinds, accepted.listKind)) accepted.listKind = requested.listKind;
  else fail('ListKindConflict', `"${requested.listKind}" is already in use`);
  if (requested.categories?.length) accepted.categories = requested.categories;
  else delete accepted.categories;

  let conditions = crd.status?.conditions ?? [];
  conditions = setCondition(
    conditions,
    failure
      ? { type: 'NamesAccepted', status: 'False', ...failure }
      : { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found' },
    now,
  );
  const established = conditions.find((c) => c.type === 'Established');
  if (established?.status !== 'True') {
    conditions = setCondition(
      conditions,
      failure
        ? {
            type: 'Established',
            status: 'False',
            reason: 'NotAccepted',
            message: 'not all names are accepted',
          }
        : {
            type: 'Established',
            status: 'True',
            reason: 'InitialNamesAccepted',
            message: 'the initial names have been accepted',
          },
      now,
    );
  }
  return { acceptedNames: accepted, conditions };
}
