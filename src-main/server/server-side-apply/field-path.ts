// Field paths and sets in the spelling of Kubernetes' managedFields (FieldsV1): a path is a list of elements,
// `f:<field>` for a field, `k:{"name":"web"}` for an item of a list keyed by its fields, `v:"x"` for an item of a
// set of scalars.

export type PathElement = string;
export type FieldPath = readonly PathElement[];

/** FieldsV1 as stored: each element a key, `.` marking a path that is itself a member as well as a parent. */
export type FieldsV1 = { [element: string]: FieldsV1 };

export const fieldElement = (name: string): PathElement => `f:${name}`;
export const valueElement = (value: unknown): PathElement => `v:${JSON.stringify(value)}`;

/** Keys in name order, as Go's encoding/json writes a map. */
export function keyElement(key: Record<string, unknown>): PathElement {
  const sorted = Object.keys(key)
    .sort()
    .map((name) => `${JSON.stringify(name)}:${JSON.stringify(key[name])}`);
  return `k:{${sorted.join(',')}}`;
}

const pathKey = (path: FieldPath) => JSON.stringify(path);

/** An immutable set of field paths. */
export class FieldSet {
  private readonly paths: ReadonlyMap<string, FieldPath>;

  constructor(paths: Iterable<FieldPath> = []) {
    const map = new Map<string, FieldPath>();
    for (const path of paths) map.set(pathKey(path), path);
    this.paths = map;
  }

  get size(): number {
    return this.paths.size;
  }

  isEmpty(): boolean {
    return this.paths.size === 0;
  }

  has(path: FieldPath): boolean {
    return this.paths.has(pathKey(path));
  }

  [Symbol.iterator](): Iterator<FieldPath> {
    return this.paths.values();
  }

  union(other: FieldSet): FieldSet {
    return new FieldSet([...this, ...other]);
  }

  difference(other: FieldSet): FieldSet {
    return new FieldSet([...this].filter((p) => !other.has(p)));
  }

  intersection(other: FieldSet): FieldSet {
    return new FieldSet([...this].filter((p) => other.has(p)));
  }

  equals(other: FieldSet): boolean {
    return this.size === other.size && [...this].every((p) => other.has(p));
  }

  /** The paths, sorted as Kubernetes sorts them, for messages and tests. */
  sorted(): FieldPath[] {
    return [...this].sort((a, b) => pathString(a).localeCompare(pathString(b)));
  }
}

export function toFieldsV1(set: FieldSet): FieldsV1 {
  const root: FieldsV1 = {};
  for (const path of set) {
    let node = root;
    for (const element of path) node = node[element] ??= {};
    node['.'] = {};
  }
  // A member with no children is written `{}`, not `{".": {}}`.
  const tidy = (node: FieldsV1): FieldsV1 => {
    const keys = Object.keys(node);
    if (keys.length === 1 && keys[0] === '.') return {};
    const out: FieldsV1 = {};
    for (const key of keys.sort(fieldsV1Order)) out[key] = tidy(node[key]!);
    return out;
  };
  return tidy(root);
}

/** `.` first, then the rest in byte order, as Kubernetes serializes a field set. */
function fieldsV1Order(a: string, b: string): number {
  if (a === '.') return -1;
  if (b === '.') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Reads a stored FieldsV1 tree; what is not a tree of objects gives an error naming where. */
export function fromFieldsV1(tree: unknown, where = 'fieldsV1'): FieldSet {
  const paths: FieldPath[] = [];
  const walk = (node: unknown, path: PathElement[], at: string): void => {
    if (typeof node !== 'object' || node === null || Array.isArray(node))
      throw new Error(`${at}: must be an object of field path elements`);
    const keys = Object.keys(node);
    if (path.length > 0 && (keys.length === 0 || keys.includes('.'))) paths.push(path);
    for (const key of keys) {
      if (key === '.') continue;
      if (!/^[fkvi]:/.test(key))
        throw new Error(`${at}: "${key}" is not a field path element (f:, k:, v: or i:)`);
      walk((node as Record<string, unknown>)[key], [...path, key], `${at}.${key}`);
    }
  };
  walk(tree, [], where);
  return new FieldSet(paths);
}

/** A path as Kubernetes prints it in conflicts: `.spec.containers[name="web"].image`. */
export function pathString(path: FieldPath): string {
  return path
    .map((element) => {
      const body = element.slice(2);
      switch (element[0]) {
        case 'f':
          return `.${body}`;
        case 'k': {
          const key = JSON.parse(body) as Record<string, unknown>;
          return `[${Object.entries(key)
            .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
            .join(',')}]`;
        }
        case 'v':
          return `[=${body}]`;
        default:
          return `[${body}]`;
      }
    })
    .join('');
}
