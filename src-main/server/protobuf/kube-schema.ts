import { kubeMessages, kubeRootMessages } from './kube-messages';

// Reads the generated field table (kube-messages.ts). A field spec is "<json name> <type>":
//   "...name T"  the Go field is `json:",inline"`: its fields sit in the parent's JSON object
//   "[]T"        repeated;  "map<T>" a map with string keys (entries key = 1, value = 2)
//   "T?"         a pointer in Go: present means set, so a zero value is kept (replicas: 0)
//   plain "T"    a Go value field: protobuf always carries it, and its zero means "unset", so it is left out
// T is a scalar below or a message name such as "core.v1.PodSpec".

export const scalarTypes = [
  'string',
  'bytes',
  'bool',
  'int32',
  'int64',
  'time',
  'microTime',
  'quantity',
  'intOrString',
  'rawJson',
] as const;
export type ScalarType = (typeof scalarTypes)[number];

export interface FieldSpec {
  json: string;
  inline: boolean;
  shape: 'single' | 'repeated' | 'map';
  /** A scalar, or the name of a message in the table. */
  type: ScalarType | string;
  isMessage: boolean;
  keepZero: boolean;
}

const SPEC = /^(\.\.\.)?([A-Za-z]\w*) (\[\]|map<)?([\w.]+)(>)?(\?)?$/;

export function parseFieldSpec(spec: string): FieldSpec {
  const m = SPEC.exec(spec);
  if (!m || (m[3] === 'map<') !== (m[5] === '>'))
    throw new Error(`kube-messages: cannot read the field spec "${spec}"`);
  const type = m[4]!;
  const isMessage = type.includes('.');
  if (!isMessage && !(scalarTypes as readonly string[]).includes(type))
    throw new Error(`kube-messages: "${spec}" has the type "${type}", which the decoder does not know`);
  return {
    json: m[2]!,
    inline: m[1] !== undefined,
    shape: m[3] === '[]' ? 'repeated' : m[3] ? 'map' : 'single',
    type,
    isMessage,
    keepZero: m[6] !== undefined,
  };
}

const parsed = new Map<string, ReadonlyMap<number, FieldSpec>>();

/** The fields of a message by number, or undefined for a message the table does not have. */
export function messageFields(name: string): ReadonlyMap<number, FieldSpec> | undefined {
  const cached = parsed.get(name);
  if (cached) return cached;
  const table = kubeMessages[name];
  if (!table) return undefined;
  const fields = new Map(Object.entries(table).map(([n, spec]) => [Number(n), parseFieldSpec(spec)]));
  parsed.set(name, fields);
  return fields;
}

/** The message a protobuf object of this apiVersion and kind holds, if Skiff reads that kind as protobuf. */
export function rootMessage(apiVersion: string, kind: string): string | undefined {
  return kubeRootMessages[`${apiVersion}/${kind}`] ?? kubeRootMessages[`*/${kind}`];
}

/** "apiVersion/kind" of every kind Skiff reads as protobuf ("DeleteOptions" under any apiVersion), for errors. */
export function protobufKinds(): string[] {
  return Object.keys(kubeRootMessages).map((key) => key.replace(/^\*\//, ''));
}
