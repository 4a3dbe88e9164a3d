// Kubernetes label selector strings: `a=b,c!=d,e in (f,g),h notin (i),j,!k`.

export type Requirement =
  { key: string; op: 'in' | 'notin'; values: string[] } | { key: string; op: 'exists' | 'doesnotexist' };

export class SelectorParseError extends Error {}

const KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function checkKey(key: string): string {
  if (!KEY.test(key)) throw new SelectorParseError(`invalid label key "${key}"`);
  return key;
}

function checkValue(value: string): string {
  if (value.length > 63 || !VALUE.test(value)) throw new SelectorParseError(`invalid label value "${value}"`);
  return value;
}

/** Splits on commas that are not inside parentheses. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const ch = selector[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms.map((t) => t.trim()).filter((t) => t.length > 0);
}

function parseTerm(term: string): Requirement {
  const setMatch = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (setMatch) {
    const values = setMatch[3]!
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v.length > 0)
      .map(checkValue);
    return { key: checkKey(setMatch[1]!), op: setMatch[2] as 'in' | 'notin', values };
  }
  const eqMatch = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
  if (eqMatch) {
    const values = [checkValue(eqMatch[3]!)];
    return { key: checkKey(eqMatch[1]!), op: eqMatch[2] === '!=' ? 'notin' : 'in', values };
  }
  if (term.startsWith('!')) return { key: checkKey(term.slice(1).trim()), op: 'doesnotexist' };
  return { key: checkKey(term), op: 'exists' };
}

export function parseLabelSelector(selector: string): Requirement[] {
  return splitTerms(selector).map(parseTerm);
}

export function matchesLabels(
  requirements: Requirement[],
  labels: Record<string, string> | undefined,
): boolean {
  const actual = labels ?? {};
  return requirements.every((req) => {
    const has = Object.prototype.hasOwnProperty.call(actual, req.key);
    switch (req.op) {
      case 'exists':
        return has;
      case 'doesnotexist':
        return !has;
      case 'in':
        return has && req.values.includes(actual[req.key]!);
      case 'notin':
        return !has || !req.values.includes(actual[req.key]!);
    }
  });
}

/** A structured LabelSelector (matchLabels, matchExpressions) as requirements; an empty one matches everything. */
export function selectorRequirements(selector: {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}): Requirement[] {
  const requirements: Requirement[] = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => ({
    key,
    op: 'in',
    values: [value],
  }));
  for (const e of selector.matchExpressions ?? []) {
    if (e.operator === 'In') requirements.push({ key: e.key, op: 'in', values: e.values ?? [] });
    else if (e.operator === 'NotIn') requirements.push({ key: e.key, op: 'notin', values: e.values ?? [] });
    else if (e.operator === 'Exists') requirements.push({ key: e.key, op: 'exists' });
    else if (e.operator === 'DoesNotExist') requirements.push({ key: e.key, op: 'doesnotexist' });
  }
  return requirements;
}

/** The selector in the string form `kubectl get -l` and Scale.status.selector use. */
export function selectorString(requirements: Requirement[]): string {
  return requirements
    .map((r) => {
      if (r.op === 'exists') return r.key;
      if (r.op === 'doesnotexist') return `!${r.key}`;
      if (r.op === 'in' && r.values.length === 1) return `${r.key}=${r.values[0]}`;
      if (r.op === 'in' || r.op === 'notin') return `${r.key} ${r.op} (${r.values.join(',')})`;
      return r.key;
    })
    .join(',');
}
