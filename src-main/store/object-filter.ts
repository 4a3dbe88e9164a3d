import type { KubeObject } from '../shared/api-types';
import { matchesLabels, parseLabelSelector, SelectorParseError } from '../shared/label-selector';
import { apiErrors } from './api-error';
import type { KindStrategy } from './kind-strategy';

export interface SelectorOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

type FieldTerm = { field: string; value: string; negate: boolean };

function parseFieldSelector(selector: string): FieldTerm[] {
  return selector
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
    .map((term) => {
      const match = /^([^!=]+)(==|=|!=)(.*)$/.exec(term);
      if (!match)
        throw apiErrors.badRequest(`invalid field selector "${term}": expected field=value or field!=value`);
      return { field: match[1]!.trim(), value: match[3]!.trim(), negate: match[2] === '!=' };
    });
}

/** Compiles list/watch options into a predicate; a bad selector is a 400 that names it. */
export function compileFilter(
  strategy: KindStrategy,
  options: SelectorOptions,
): (obj: KubeObject) => boolean {
  let labels;
  try {
    labels = parseLabelSelector(options.labelSelector ?? '');
  } catch (err) {
    if (err instanceof SelectorParseError) {
      throw apiErrors.badRequest(
        `unable to parse requirement: ${err.message} in labelSelector "${options.labelSelector}"`,
      );
    }
    throw err;
  }
  const fields = parseFieldSelector(options.fieldSelector ?? '');
  const sample: KubeObject = { apiVersion: '', kind: '', metadata: {} };
  const known = new Set([
    'metadata.name',
    'metadata.namespace',
    ...Object.keys(strategy.selectableFields?.(sample) ?? {}),
  ]);
  for (const term of fields) {
    if (!known.has(term.field)) {
      throw apiErrors.badRequest(
        `field label not supported: ${term.field} (supported: ${[...known].join(', ')})`,
      );
    }
  }
  const namespace = strategy.type.namespaced ? options.namespace : undefined;
  return (obj) => {
    if (namespace && obj.metadata.namespace !== namespace) return false;
    if (!matchesLabels(labels, obj.metadata.labels)) return false;
    if (fields.length === 0) return true;
    // The kind's own fields are computed once per object, and only when a term needs one.
    let own: Record<string, string> | undefined;
    const valueOf = (field: string): string | undefined => {
      own ??= strategy.selectableFields?.(obj) ?? {};
      if (field in own) return own[field];
      if (field === 'metadata.name') return obj.metadata.name ?? '';
      if (field === 'metadata.namespace') return obj.metadata.namespace ?? '';
      return undefined;
    };
    return fields.every((t) => (valueOf(t.field) === t.value) !== t.negate);
  };
}
