import { describe, expect, it } from 'vitest';
import { bytesValue, isZero, varintValue } from './kube-values';
import { field, message } from './test-wire-writer';
import type { ScalarType } from './kube-schema';

const bytes = (b: number[]) => new Uint8Array(b);

describe('varintValue', () => {
  it.each<[ScalarType, bigint, unknown]>([
    ['bool', 0n, false],
    ['bool', 1n, true],
    ['int32', 8080n, 8080],
    ['int32', 0xffffffffffffffffn, -1],
    ['int64', 0xfffffffffffffffen, -2],
    ['int64', 9007199254740991n, Number.MAX_SAFE_INTEGER],
  ])('%s %s → %j', (type, value, expected) => {
    expect(varintValue(type, value)).toBe(expected);
  });

  it('refuses an int64 JSON numbers cannot hold', () => {
    expect(() => varintValue('int64', 9007199254740993n)).toThrow(
      'the integer 9007199254740993 is too large',
    );
  });
});

describe('bytesValue', () => {
  it.each<[string, ScalarType, number[], unknown]>([
    ['a string', 'string', [...Buffer.from('héllo')], 'héllo'],
    ['bytes as base64', 'bytes', [0x68, 0x75, 0x6e, 0x74, 0x65, 0x72, 0x32], 'aHVudGVyMg=='],
    ['a zero Time (Go: null)', 'time', [], undefined],
    [
      'a Time, to the second',
      'time',
      message(field(1, 1714557600), field(2, 999_000_000)),
      '2024-05-01T10:00:00Z',
    ],
    ['the Unix epoch', 'time', message(field(1, 0)), '1970-01-01T00:00:00Z'],
    ['a Time before 1970', 'time', message(field(1, -86400)), '1969-12-31T00:00:00Z'],
    [
      'a MicroTime',
      'microTime',
      message(field(1, 1714557600), field(2, 123_456_789)),
      '2024-05-01T10:00:00.123456Z',
    ],
    ['a Quantity', 'quantity', message(field(1, '250m')), '250m'],
    ['an IntOrString int', 'intOrString', message(field(1, 0), field(2, 8080)), 8080],
    ['an IntOrString string', 'intOrString', message(field(1, 1), field(3, 'http')), 'http'],
    ['an empty IntOrString (int 0)', 'intOrString', [], 0],
    ['FieldsV1', 'rawJson', message(field(1, '{"f:data":{}}')), { 'f:data': {} }],
  ])('%s', (_, type, input, expected) => {
    expect(bytesValue(type, bytes(input))).toEqual(expected);
  });

  it.each<[string, ScalarType, number[], string]>([
    ['an IntOrString of an unknown type', 'intOrString', message(field(1, 2)), 'unknown type 2'],
    ['a Time with a field of its own', 'time', message(field(3, 1)), 'unknown field'],
  ])('refuses %s', (_, type, input, error) => {
    expect(() => bytesValue(type, bytes(input))).toThrow(error);
  });
});

describe('isZero', () => {
  it.each([
    ['', true],
    [0, true],
    [false, true],
    [undefined, true],
    ['0', false],
    [1, false],
    [true, false],
  ])('%j → %s', (value, expected) => {
    expect(isZero(value)).toBe(expected);
  });
});
