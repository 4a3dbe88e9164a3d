import { describe, expect, it } from 'vitest';
import { cpuMillis, formatMilliQuantity, memoryBytes, milliValue, parseQuantity } from './quantity';

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

describe('Kubernetes Quantity milli-values', () => {
  it.each([
    [250, '250m'],
    [1000, '1'],
    [1500, '1500m'],
    [0, '0'],
    [12_582_912_000, '12582912'],
    [5_000_000_000, '5M'],
    [100_000, '100'],
    [10, '10m'],
  ])('formatMilliQuantity(%d) is %s, as NewMilliQuantity(…, DecimalSI).String()', (milli, text) => {
    expect(formatMilliQuantity(milli)).toBe(text);
  });

  it.each([
    ['100m', 100],
    ['0.1', 100],
    ['1Mi', 1_048_576_000],
    ['1n', 1],
  ])('milliValue(%s) is %d, rounded up as MilliValue()', (quantity, milli) => {
    expect(milliValue(quantity)).toBe(milli);
  });
});
