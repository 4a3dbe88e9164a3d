import { describe, expect, it } from 'vitest';
import { field, varint } from './test-wire-writer';
import { readFields, readPackedVarints, readVarint, WireFormatError } from './wire-reader';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('readVarint', () => {
  it.each([
    [[0x00], 0n, 1],
    [[0x01], 1n, 1],
    [[0x96, 0x01], 150n, 2],
    [[0xff, 0xff, 0xff, 0xff, 0x0f], 0xffffffffn, 5],
    // -1 as an int32 or int64: ten bytes, two's complement in 64 bits
    [varint(-1), 0xffffffffffffffffn, 10],
  ])('%j → %s', (input, value, next) => {
    expect(readVarint(bytes(...input), 0)).toEqual({ value, next });
  });

  it.each([
    ['ends inside', [0x96], 'the message ends inside a varint at byte 0'],
    ['is too long', Array(11).fill(0x80), 'a varint is longer than 10 bytes at byte 0'],
  ])('refuses a varint that %s', (_, input, message) => {
    expect(() => readVarint(bytes(...input), 0)).toThrow(message);
  });
});

describe('readFields', () => {
  it('reads each wire type with its number and offset', () => {
    const input = bytes(
      ...field(1, 150),
      ...field(2, 'hi'),
      ...[(3 << 3) | 1, 1, 0, 0, 0, 0, 0, 0, 0],
      ...[(4 << 3) | 5, 2, 0, 0, 0],
    );
    expect(readFields(input)).toEqual([
      { number: 1, wireType: 0, value: 150n, offset: 0 },
      { number: 2, wireType: 2, bytes: bytes(0x68, 0x69), offset: 3 },
      { number: 3, wireType: 1, bytes: bytes(1, 0, 0, 0, 0, 0, 0, 0), offset: 7 },
      { number: 4, wireType: 5, bytes: bytes(2, 0, 0, 0), offset: 16 },
    ]);
  });

  it('reads large field numbers', () => {
    expect(readFields(bytes(...field(300, 1)))).toEqual([{ number: 300, wireType: 0, value: 1n, offset: 0 }]);
  });

  it.each([
    [
      'a length past the end',
      [0x12, 0x05, 0x61],
      'a field of 5 bytes runs past the end of the message at byte 0',
    ],
    ['a truncated fixed64', [0x09, 0x01], 'a field of 8 bytes runs past the end of the message at byte 0'],
    ['a group', [0x0b], 'field 1 has wire type 3, which this reader does not accept at byte 0'],
    ['field number 0', [0x00, 0x01], 'field number 0 is not allowed at byte 0'],
    ['a key cut short', [0x08, 0x01, 0x80], 'the message ends inside a varint at byte 2'],
  ])('refuses %s', (_, input, message) => {
    const read = () => readFields(bytes(...input));
    expect(read).toThrow(WireFormatError);
    expect(read).toThrow(message);
  });
});

describe('readPackedVarints', () => {
  it('reads a packed run', () => {
    expect(readPackedVarints(bytes(0x03, 0x8e, 0x02, 0x9e, 0xa7, 0x05))).toEqual([3n, 270n, 86942n]);
  });
});
