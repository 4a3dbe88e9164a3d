import { dump } from 'js-yaml';
import type { KubeObject, StatusCause } from '@shared/api-types';
import { lineOfField, type ManifestDocument } from './manifests';

/** A problem to show at a line of the editor. */
export interface YamlProblem {
  line: number;
  message: string;
}

/**
 * An object as YAML to edit and PUT back: without status (the server ignores it in a replace) and managedFields
 * (noise no one edits by hand), but with resourceVersion, so saving over someone else's change is a conflict.
 */
export function editableYaml(object: KubeObject): string {
  // in the order people write manifests, whatever order the server sent
  const { apiVersion, kind, metadata: _metadata, status: _status, ...body } = object;
  const { managedFields: _managed, ...metadata } = object.metadata as KubeObject['metadata'] & {
    managedFields?: unknown;
  };
  return dump({ apiVersion, kind, metadata, ...body }, { noRefs: true, lineWidth: 120 });
}

/**
 * Why the edited object cannot replace the original (the field and the words), or undefined when it can: Edit
 * YAML changes one object, so its kind, name and namespace stay. A namespace left out is the original's.
 */
export function identityProblem(
  original: KubeObject,
  edited: KubeObject,
): { field: string; message: string } | undefined {
  const instead = 'to make another object use Create from YAML; to rename, create a copy and delete this one';
  const changed = (field: string, from: string | undefined, to: string | undefined) => ({
    field,
    message: `${field}: cannot change from "${from ?? ''}" to "${to ?? ''}" in Edit YAML; ${instead}`,
  });
  if (edited.kind !== original.kind) return changed('kind', original.kind, edited.kind);
  if (edited.metadata.name !== original.metadata.name)
    return changed('metadata.name', original.metadata.name, edited.metadata.name);
  const namespace = edited.metadata.namespace ?? original.metadata.namespace;
  if (namespace !== original.metadata.namespace)
    return changed('metadata.namespace', original.metadata.namespace, namespace);
  return undefined;
}

/** The edited object as it is sent: in the original's namespace when it names none. */
export function forReplace(original: KubeObject, edited: KubeObject): KubeObject {
  if (edited.metadata.namespace !== undefined || original.metadata.namespace === undefined) return edited;
  return { ...edited, metadata: { ...edited.metadata, namespace: original.metadata.namespace } };
}

/** The server's reasons for refusing an object, each at the line of its field (the document's first without one). */
export function problemsAtFields(
  doc: ManifestDocument,
  causes: StatusCause[],
  fallback: string,
): YamlProblem[] {
  if (causes.length === 0) return [{ line: doc.line, message: fallback }];
  return causes.map((cause) => ({
    line: cause.field ? lineOfField(doc, cause.field) : doc.line,
    message: cause.field ? `${cause.field}: ${cause.message}` : cause.message,
  }));
}
