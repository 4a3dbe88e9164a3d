// The protobuf wire format (https://protobuf.dev/programming-guides/encoding/): a message is a run of fields,
// each a varint key (field number << 3 | wire type) and a value whose length the wire type tells.

export const WireType = { varint: 0, fixed64: 1, lengthDelimited: 2, fixed32: 5 } as const;
export type WireType = (typeof WireType)[keyof typeof WireType];

export type WireField =
  | { number: number; wireType: 0; value: bigint; offset: number }
  | { number: number; wireType: 1 | 2 | 5; bytes: Uint8Array; offset: number };

/** A body that is not well-formed protobuf; `offset` is where in the message it went wrong. */
export class WireFormatError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`);
  }
}

/** Reads a base-128 varint (at most 10 bytes, the 64-bit limit); returns the value and the next position. */
export function readVarint(bytes: Uint8Array, start: number): { value: bigint; next: number } {
  let value = 0n;
  for (let i = 0; i < 10; i++) {
    const at = start + i;
    if (at >= bytes.length) throw new WireFormatError('the message ends inside a varint', start);
    const byte = bytes[at]!;
    value |= BigInt(byte & 0x7f) << BigInt(7 * i);
    if ((byte & 0x80) === 0) return { value: BigInt.asUintN(64, value), next: at + 1 };
  }
  throw new WireFormatError('a varint is longer than 10 bytes', start);
}

function take(bytes: Uint8Array, at: number, length: number, keyOffset: number): Uint8Array {
  if (at + length > bytes.length)
    throw new WireFormatError(`a field of ${length} bytes runs past the end of the message`, keyOffset);
  return bytes.subarray(at, at + length);
}

/** Splits one message into its fields, in wire order. Groups (wire types 3 and 4) are long obsolete: refused. */
export function readFields(bytes: Uint8Array): WireField[] {
  const fields: WireField[] = [];
  let at = 0;
  while (at < bytes.length) {
    const offset = at;
    const key = readVarint(bytes, at);
    at = key.next;
    const number = Number(key.value >> 3n);
    const wireType = Number(key.value & 7n);
    if (number === 0) throw new WireFormatError('field number 0 is not allowed', offset);
    switch (wireType) {
      case WireType.varint: {
        const { value, next } = readVarint(bytes, at);
        fields.push({ number, wireType, value, offset });
        at = next;
        break;
      }
      case WireType.lengthDelimited: {
        const length = readVarint(bytes, at);
        const data = take(bytes, length.next, Number(length.value), offset);
        fields.push({ number, wireType, bytes: data, offset });
        at = length.next + data.length;
        break;
      }
      case WireType.fixed64:
      case WireType.fixed32: {
        const data = take(bytes, at, wireType === WireType.fixed64 ? 8 : 4, offset);
        fields.push({ number, wireType, bytes: data, offset });
        at += data.length;
        break;
      }
      default:
        throw new WireFormatError(
          `field ${number} has wire type ${wireType}, which this reader does not accept`,
          offset,
        );
    }
  }
  return fields;
}

/** The varints of a packed repeated field (one length-delimited run of varints). */
export function readPackedVarints(bytes: Uint8Array): bigint[] {
  const values: bigint[] = [];
  for (let at = 0; at < bytes.length;) {
    const { value, next } = readVarint(bytes, at);
    values.push(value);
    at = next;
  }
  return values;
}
