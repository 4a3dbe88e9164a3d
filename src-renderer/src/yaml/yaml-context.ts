// Where the cursor is in a YAML text, read from indentation alone so that it works on a half-typed line
// (which no parser reads as a mapping yet): the field path of the mapping being written and its keys so far.

import { ITEM, type SchemaStep } from './kube-schema';

interface LineShape {
  /** Columns of the `- ` item marks before the key. */
  dashes: number[];
  /** Column where the key (or the value, when there is no key) starts. */
  column: number;
  key?: string;
}

const KEY = /^("[^"]*"|'[^']*'|[^\s#'"{[][^:#]*?)\s*:(\s|$)/;

function shapeOf(line: string): LineShape | undefined {
  let column = line.length - line.trimStart().length;
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#') || trimmed === '---') return undefined;
  const dashes: number[] = [];
  let rest = line.slice(column);
  while (/^-(\s|$)/.test(rest)) {
    dashes.push(column);
    const after = rest.slice(1);
    const gap = after.length - after.trimStart().length;
    column += 1 + gap;
    rest = after.trimStart();
  }
  const key = KEY.exec(rest)?.[1]?.replace(/^["']|["']$/g, '');
  return { dashes, column, key };
}

export interface YamlContext {
  /** Field path from the document's root to the mapping the cursor writes into; `[]` steps into a list item. */
  path: SchemaStep[];
  /** Keys already written in that mapping, above the cursor. */
  siblings: string[];
  /** The line index where the document (after its `---`) starts. */
  documentStart: number;
}

/** The context of a key being written at `column` of line `lineIndex` (0-based) of `lines`. */
export function yamlContextAt(lines: string[], lineIndex: number, column: number): YamlContext {
  let documentStart = 0;
  for (let i = lineIndex; i >= 0; i--)
    if (/^---\s*$/.test(lines[i]!)) {
      documentStart = i + 1;
      break;
    }
  const path: SchemaStep[] = [];
  const siblings: string[] = [];
  // the dashes on the cursor's own line open items
  const own = shapeOf(lines[lineIndex]!.slice(0, column) + 'x');
  let target = column;
  let inItem = false;
  if (own && own.dashes.length > 0) {
    for (let d = 0; d < own.dashes.length; d++) path.unshift(ITEM);
    target = own.dashes[0]!;
    inItem = true;
  } else if (own) target = Math.min(column, own.column);
  let collecting = !inItem;
  for (let i = lineIndex - 1; i >= documentStart; i--) {
    const shape = shapeOf(lines[i]!);
    if (!shape) continue;
    if (inItem) {
      if (shape.dashes.includes(target)) continue; // an earlier item of the same list
      if (shape.column > target || !shape.key) continue;
    } else {
      if (shape.column === target && shape.key && collecting) siblings.push(shape.key);
      if (shape.column >= target) {
        const dash = [...shape.dashes].reverse().find((d) => d < target);
        if (dash === undefined) continue;
        // the first key of the item the cursor writes into
        collecting = false;
        for (let d = shape.dashes.filter((c) => c <= dash).length; d > 0; d--) path.unshift(ITEM);
        target = shape.dashes[0]!;
        inItem = true;
        continue;
      }
      if (!shape.key) continue;
    }
    path.unshift(shape.key!);
    collecting = false;
    if (shape.dashes.length > 0) {
      for (let d = 0; d < shape.dashes.length; d++) path.unshift(ITEM);
      target = shape.dashes[0]!;
      inItem = true;
    } else {
      target = shape.column;
      inItem = false;
    }
    if (target === 0 && !inItem) break;
  }
  return { path, siblings, documentStart };
}

/** The indentation of a new line after `line`: deeper after `key:` with no value, inside an item after `- `. */
export function indentAfter(line: string): number {
  const shape = shapeOf(line);
  const indent = line.length - line.trimStart().length;
  if (!shape) return indent;
  const opensBlock = /:\s*(\||>)?[-+]?\s*(#.*)?$/.test(line) && shape.key !== undefined;
  if (opensBlock) return shape.column + 2;
  return shape.column;
}

/** apiVersion and kind of the document that starts at `documentStart`. */
export function documentKind(lines: string[], documentStart: number): { apiVersion?: string; kind?: string } {
  const out: { apiVersion?: string; kind?: string } = {};
  for (let i = documentStart; i < lines.length && !/^---\s*$/.test(lines[i]!); i++) {
    const m = /^(apiVersion|kind):\s*["']?([^\s"'#]+)/.exec(lines[i]!);
    if (m) out[m[1] as 'apiVersion' | 'kind'] = m[2];
  }
  return out;
}
