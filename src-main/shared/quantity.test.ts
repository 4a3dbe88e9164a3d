import { describe, expect, it } from 'vitest';
import { cpuMillis, memoryBytes, parseQuantity } from './quantity';

describe('quantities', () => {
  it.each([
    ['500m', 0.5],
    ['2', 2],
    ['1.5', 1.5],
    ['128Mi', 128 * 2 ** 20],
    ['1G', 1e9],
    ['1e3', 1000],
    ['100k', 100000],
  ])('%s', (text, value) => expect(parseQuantity(text)).toBeCloseTo(value));
  it('rejects what is not a quantity', () => {
    expect(parseQuantity('lots')).toBeUndefined();
    expect(parseQuantity('12 Mi')).toBeUndefined();
    expect(parseQuantity('1Mb')).toBeUndefined();
  });
  it('converts to CPU millicores and memory bytes', () => {
    expect(cpuMillis('250m')).toBe(250);
    expect(cpuMillis(1)).toBe(1000);
    expect(memoryBytes('64Mi')).toBe(67108864);
  });
});
