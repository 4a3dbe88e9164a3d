/** What a piece of a YAML line is, for colouring; `plain` is whitespace and anything not worth a colour. */
export type YamlTokenType =
  | 'key'
  | 'string'
  | 'number'
  | 'boolean'
  | 'null'
  | 'comment'
  | 'separator'
  | 'dash'
  | 'anchor'
  | 'alias'
  | 'tag'
  | 'block'
  | 'punctuation'
  | 'plain';

export interface YamlToken {
  type: YamlTokenType;
  text: string;
}

// YAML 1.2 core schema, as js-yaml reads it: what is not one of these is a string.
const NUMBER =
  /^(?:[-+]?(?:0|[1-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\.[0-9]+(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0o[0-7_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const BOOLEAN = /^(?:true|True|TRUE|false|False|FALSE)$/;
const NULL = /^(?:null|Null|NULL|~)$/;
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?=\s|$)/;
const BLOCK_INDICATOR = /^[|>][-+0-9]*(?=\s*(?:#.*)?$)/;
const PROPERTY = /^(?:&[^\s,[\]{}]+|\*[^\s,[\]{}]+|![^\s,[\]{}]*)/;

function scalarType(text: string): YamlTokenType {
  if (NUMBER.test(text)) return 'number';
  if (BOOLEAN.test(text)) return 'boolean';
  if (NULL.test(text)) return 'null';
  return 'string';
}

/** The end (exclusive) of a quoted scalar that starts at `start`, or the line's end when it runs on. */
function quotedEnd(line: string, start: number): number {
  const quote = line[start];
  for (let i = start + 1; i < line.length; i++) {
    if (quote === '"' && line[i] === '\\') i++;
    else if (line[i] === quote) {
      if (quote === "'" && line[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return line.length;
}

/** The end of a plain scalar: before ` #`, before `: ` or a final `:`, and in flow context before , ] }. */
function plainEnd(line: string, start: number, inFlow: boolean, stopAtColon: boolean): number {
  let i = start;
  for (; i < line.length; i++) {
    const c = line[i];
    if (c === '#' && i > start && /\s/.test(line[i - 1]!)) break;
    if (c === ':' && stopAtColon && (i + 1 === line.length || /[\s,[\]{}]/.test(line[i + 1]!))) break;
    if (inFlow && (c === ',' || c === ']' || c === '}' || c === '[' || c === '{')) break;
  }
  while (i > start && /\s/.test(line[i - 1]!)) i--;
  return i;
}

/** Tokens of one line, outside block scalars; `openBlock` says the line ends by opening a block scalar. */
function tokenizeLine(line: string): { tokens: YamlToken[]; openBlock: boolean } {
  const tokens: YamlToken[] = [];
  const push = (type: YamlTokenType, text: string) => {
    if (!text) return;
    const last = tokens[tokens.length - 1];
    if (last && last.type === type && type === 'plain') last.text += text;
    else tokens.push({ type, text });
  };
  const marker = DOCUMENT_MARKER.exec(line);
  let i = 0;
  if (marker) {
    push('separator', marker[0]);
    i = marker[0].length;
  }
  let flowDepth = 0;
  // at the start of a node, where a key may stand (line start, after "- ", "{" or ",")
  let keyPosition = !marker;
  let openBlock = false;
  while (i < line.length) {
    const rest = line.slice(i);
    const c = line[i]!;
    if (/\s/.test(c)) {
      const ws = /^\s+/.exec(rest)![0];
      push('plain', ws);
      i += ws.length;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) {
      push('comment', rest);
      break;
    }
    if (c === '-' && flowDepth === 0 && keyPosition && (rest.length === 1 || /\s/.test(rest[1]!))) {
      push('dash', '-');
      i++;
      continue;
    }
    if (c === '?' && flowDepth === 0 && keyPosition && (rest.length === 1 || /\s/.test(rest[1]!))) {
      push('punctuation', '?');
      i++;
      continue;
    }
    const property = PROPERTY.exec(rest);
    if (property) {
      push(c === '&' ? 'anchor' : c === '*' ? 'alias' : 'tag', property[0]);
      i += property[0].length;
      continue;
    }
    if (flowDepth === 0 && !keyPosition) {
      const block = BLOCK_INDICATOR.exec(rest);
      if (block) {
        push('block', block[0]);
        i += block[0].length;
        openBlock = true;
        continue;
      }
    }
    if (c === '{' || c === '[') {
      flowDepth++;
      push('punctuation', c);
      i++;
      keyPosition = true;
      continue;
    }
    if (flowDepth > 0 && (c === '}' || c === ']' || c === ',')) {
      if (c !== ',') flowDepth--;
      push('punctuation', c);
      i++;
      keyPosition = c === ',';
      continue;
    }
    if (c === ':' && (rest.length === 1 || /[\s,[\]{}]/.test(rest[1]!))) {
      push('punctuation', ':');
      i++;
      keyPosition = false;
      continue;
    }
    // a scalar: a key when a colon follows it where a key may stand
    const end =
      c === '"' || c === "'"
        ? quotedEnd(line, i)
        : plainEnd(line, i, flowDepth > 0, keyPosition || flowDepth > 0);
    const text = line.slice(i, Math.max(end, i + 1));
    const after = line.slice(i + text.length);
    const isKey = (keyPosition || flowDepth > 0) && /^\s*:(?:[\s,[\]{}]|$)/.test(after);
    push(isKey ? 'key' : c === '"' || c === "'" ? 'string' : scalarType(text), text);
    i += text.length;
    keyPosition = false;
  }
  return { tokens, openBlock };
}

const indentOf = (line: string) => /^ */.exec(line)![0].length;

/**
 * Splits YAML as people write it in manifests into coloured tokens, line by line (each line's tokens join back
 * to the line exactly). Not a parser: it only needs to be right about what a reader sees on one line, plus
 * block scalars (`|`, `>`), whose indented lines are text whatever they look like.
 */
export function highlightYaml(text: string): YamlToken[][] {
  const result: YamlToken[][] = [];
  let blockParentIndent: number | undefined;
  for (const line of text.split('\n')) {
    if (blockParentIndent !== undefined) {
      if (line.trim() === '') {
        result.push(line ? [{ type: 'plain', text: line }] : []);
        continue;
      }
      if (indentOf(line) > blockParentIndent) {
        result.push([{ type: 'block', text: line }]);
        continue;
      }
      blockParentIndent = undefined;
    }
    const { tokens, openBlock } = tokenizeLine(line);
    if (openBlock) blockParentIndent = indentOf(line);
    result.push(tokens);
  }
  return result;
}
