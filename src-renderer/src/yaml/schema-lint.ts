// Checks a YAML text against Kubernetes' schemas, as the editor types: unknown fields and values of the wrong
// type, each at its place in the text. Reads the Lezer syntax tree CodeMirror already keeps.

import type { SyntaxNode, Tree } from '@lezer/common';
import { childSchema, ITEM, resolveSchema, type KubeSchema, type KubeSchemaMap } from './kube-schema';

export interface SchemaProblem {
  from: number;
  to: number;
  message: string;
}

/** The root schema of a document by its apiVersion and kind; undefined when unknown (nothing is checked). */
export type SchemaLookup = (
  apiVersion: string,
  kind: string,
) => { root: KubeSchema; schemas: KubeSchemaMap } | undefined;

const WRAPPERS = new Set(['Tagged', 'Anchored']);
const MAPPINGS = new Set(['BlockMapping', 'FlowMapping']);
const SEQUENCES = new Set(['BlockSequence', 'FlowSequence']);

function unwrap(node: SyntaxNode | null): SyntaxNode | null {
  while (node && WRAPPERS.has(node.name)) node = node.lastChild;
  return node;
}

const scalarText = (node: SyntaxNode, text: string): string => {
  const raw = text.slice(node.from, node.to);
  return node.name === 'QuotedLiteral' ? raw.slice(1, -1) : raw;
};

/** The key and value of a Pair (its value is the node after the `:`). */
function pairParts(
  pair: SyntaxNode,
  text: string,
): { key?: string; keyNode?: SyntaxNode; value: SyntaxNode | null } {
  const keyNode = pair.getChild('Key') ?? undefined;
  const keyScalar = keyNode?.firstChild;
  let value: SyntaxNode | null = null;
  for (let child = pair.firstChild; child; child = child.nextSibling)
    if (child.name !== 'Key' && child.name !== ':' && child.name !== 'Comment') value = child;
  return { key: keyScalar ? scalarText(keyScalar, text) : undefined, keyNode, value: unwrap(value) };
}

const NULL = /^(~|null|Null|NULL)?$/;
const INTEGER = /^[-+]?(0|[1-9][0-9]*|0x[0-9a-fA-F]+|0o[0-7]+)$/;
const FLOAT =
  /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$/;
const BOOLEAN = /^(true|True|TRUE|false|False|FALSE)$/;

/** What a scalar is in YAML 1.2's core schema, as js-yaml and the server read it. */
function scalarType(node: SyntaxNode, text: string): 'null' | 'integer' | 'number' | 'boolean' | 'string' {
  if (node.name !== 'Literal') return 'string';
  const value = text.slice(node.from, node.to);
  if (NULL.test(value)) return 'null';
  if (INTEGER.test(value)) return 'integer';
  if (FLOAT.test(value)) return 'number';
  if (BOOLEAN.test(value)) return 'boolean';
  return 'string';
}

const shown = (path: string[]) => path.join('.').replace(/\.\[/g, '[');

function check(
  node: SyntaxNode | null,
  schema: KubeSchema | undefined,
  path: string[],
  schemas: KubeSchemaMap,
  text: string,
  out: SchemaProblem[],
) {
  const s = resolveSchema(schema, schemas);
  if (!node || !s || s['x-kubernetes-preserve-unknown-fields']) return;
  const field = shown(path);
  const isMapping = MAPPINGS.has(node.name);
  const isSequence = SEQUENCES.has(node.name);
  if (!isMapping && !isSequence && scalarType(node, text) === 'null') return;
  const wrong = (expected: string) =>
    out.push({ from: node.from, to: node.to, message: `${field}: expected ${expected}` });
  if (s['x-kubernetes-int-or-string']) {
    if (isMapping || isSequence) wrong('an integer or a string');
    return;
  }
  switch (s.type) {
    case 'object': {
      if (!isMapping) return wrong('a mapping (field: value lines)');
      for (let pair = node.firstChild; pair; pair = pair.nextSibling) {
        if (pair.name !== 'Pair') continue;
        const { key, keyNode, value } = pairParts(pair, text);
        if (key === undefined) continue;
        const known = s.properties?.[key] !== undefined || typeof s.additionalProperties === 'object';
        if (!known && s.properties) {
          out.push({
            from: keyNode!.from,
            to: keyNode!.to,
            message: `${field ? `${field}: ` : ''}unknown field "${key}"`,
          });
          continue;
        }
        check(value, childSchema(s, key, schemas), [...path, key], schemas, text, out);
      }
      return;
    }
    case 'array': {
      if (!isSequence) return wrong('a list (lines starting with "- ")');
      let index = 0;
      for (let item = node.firstChild; item; item = item.nextSibling) {
        if (item.name !== 'Item') continue;
        let value: SyntaxNode | null = null;
        for (let child = item.firstChild; child; child = child.nextSibling)
          if (child.name !== '-' && child.name !== ',' && child.name !== 'Comment') value = child;
        check(unwrap(value), childSchema(s, ITEM, schemas), [...path, `[${index++}]`], schemas, text, out);
      }
      return;
    }
    case 'string':
      if (isMapping || isSequence) return wrong('a string');
      if (node.name === 'Literal' && scalarType(node, text) !== 'string')
        return wrong(`a string: quote it ("${text.slice(node.from, node.to)}")`);
      return;
    case 'integer':
      if (isMapping || isSequence || scalarType(node, text) !== 'integer')
        return wrong(`an integer, not ${describe(node, text)}`);
      return;
    case 'number':
      if (isMapping || isSequence || !['integer', 'number'].includes(scalarType(node, text)))
        return wrong(`a number, not ${describe(node, text)}`);
      return;
    case 'boolean':
      if (isMapping || isSequence || scalarType(node, text) !== 'boolean')
        return wrong(`true or false, not ${describe(node, text)}`);
      return;
  }
}

function describe(node: SyntaxNode, text: string): string {
  if (MAPPINGS.has(node.name)) return 'a mapping';
  if (SEQUENCES.has(node.name)) return 'a list';
  return JSON.stringify(scalarText(node, text));
}

/** Problems of every document in the text whose apiVersion and kind `lookup` knows. */
export function lintAgainstSchemas(tree: Tree, text: string, lookup: SchemaLookup): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  const stream = tree.topNode;
  for (let doc = stream.firstChild; doc; doc = doc.nextSibling) {
    if (doc.name !== 'Document') continue;
    let root: SyntaxNode | null = null;
    for (let child = doc.firstChild; child; child = child.nextSibling)
      if (MAPPINGS.has(unwrap(child)?.name ?? '')) root = unwrap(child);
    if (!root) continue;
    const top = new Map<string, string>();
    for (let pair = root.firstChild; pair; pair = pair.nextSibling) {
      if (pair.name !== 'Pair') continue;
      const { key, value } = pairParts(pair, text);
      if (key && value && !MAPPINGS.has(value.name) && !SEQUENCES.has(value.name))
        top.set(key, scalarText(value, text));
    }
    const apiVersion = top.get('apiVersion');
    const kind = top.get('kind');
    if (!apiVersion || !kind) continue;
    const found = lookup(apiVersion, kind);
    if (found) check(root, found.root, [], found.schemas, text, out);
  }
  return out;
}
