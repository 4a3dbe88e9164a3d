import { describe, expect, it } from 'vitest';
import { formatBytes, formatCpuHuman } from './units';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [-5, '0 B'],
    [NaN, '0 B'],
    [1, '1 B'],
    [1023, '1023 B'],
    [1024, '1 KiB'],
    [1536, '1.5 KiB'],
    [512 * 1024, '512 KiB'],
    [96 * 2 ** 20, '96 MiB'],
    [2 ** 20 * 1023.9, '1 GiB'],
    [1.5 * 2 ** 30, '1.5 GiB'],
    [12.34 * 2 ** 30, '12 GiB'],
    [3 * 2 ** 40, '3 TiB'],
  ])('%d → %s', (bytes, shown) => expect(formatBytes(bytes)).toBe(shown));
});

describe('formatCpuHuman', () => {
  it.each([
    [0, '0 CPU'],
    [0.4, '0m CPU'],
    [1, '1m CPU'],
    [250, '250m CPU'],
    [999.6, '1000m CPU'],
    [1000, '1 CPU'],
    [1500, '1.5 CPU'],
    [2345, '2.35 CPU'],
  ])('%d → %s', (millis, shown) => expect(formatCpuHuman(millis)).toBe(shown));
});
