import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { schemaAt, typeName } from './kube-schema';
import type { SchemaSource } from './schema-source';
import { documentKind, yamlContextAt } from './yaml-context';

/** Completes field names from the kind's schema at the cursor, each with its type and description. */
export function kubeCompletion(source: SchemaSource) {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const line = context.state.doc.lineAt(context.pos);
    const before = line.text.slice(0, context.pos - line.from);
    // a key is being written: the line so far is indentation, item marks and a word
    const word = /^(\s*(?:-\s+)*)([A-Za-z0-9_.-]*)$/.exec(before);
    if (!word) return null;
    if (!context.explicit && word[2] === '' && !/-\s+$/.test(word[1]!)) return null;
    const lines = context.state.doc.toString().split('\n');
    const at = yamlContextAt(lines, line.number - 1, word[1]!.length);
    const { apiVersion, kind } = documentKind(lines, at.documentStart);
    if (!apiVersion || !kind) return null;
    const found = await source.lookupLoading(apiVersion, kind);
    if (!found) return null;
    const schema = schemaAt(found.root, at.path, found.schemas);
    const properties = schema?.properties;
    if (!properties) return null;
    return {
      from: context.pos - word[2]!.length,
      validFor: /^[A-Za-z0-9_.-]*$/,
      options: Object.entries(properties)
        .filter(([name]) => !at.siblings.includes(name) && name !== 'status')
        .map(([name, field]) => ({
          label: name,
          type: 'property',
          detail: typeName(field, found.schemas),
          info: field.description ?? schemaAt(field, [], found.schemas)?.description,
          apply: `${name}: `,
        })),
    };
  };
}
