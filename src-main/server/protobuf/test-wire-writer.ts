// For tests: builds protobuf bytes by hand, for what kubectl never sends (a Scale, DeleteOptions, bad bodies).

type Value = number | bigint | boolean | string | number[];

export function varint(value: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const bytes: number[] = [];
  do {
    const low = Number(v & 0x7fn);
    v >>= 7n;
    bytes.push(v > 0n ? low | 0x80 : low);
  } while (v > 0n);
  return bytes;
}

/** One field: numbers and booleans as varints, strings and byte arrays (messages) length-delimited. */
export function field(number: number, value: Value): number[] {
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return [...varint(number << 3), ...varint(typeof value === 'boolean' ? Number(value) : value)];
  const bytes = typeof value === 'string' ? [...Buffer.from(value, 'utf8')] : value;
  return [...varint((number << 3) | 2), ...varint(bytes.length), ...bytes];
}

export const message = (...fields: number[][]): number[] => fields.flat();

/** The "k8s\0" + runtime.Unknown envelope around an object's message. */
export function envelope(
  apiVersion: string,
  kind: string,
  raw: number[],
  extra: number[][] = [],
): Uint8Array {
  const typeMeta = message(field(1, apiVersion), field(2, kind));
  return new Uint8Array([0x6b, 0x38, 0x73, 0x00, ...field(1, typeMeta), ...field(2, raw), ...extra.flat()]);
}
