import { describe, expect, it } from 'vitest';
import { formatAge } from './format-age';

describe('formatAge', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');
  it.each([
    ['2026-11-23T11:59:15Z', '45s'],
    ['2026-11-23T11:48:00Z', '12m'],
    ['2026-11-23T09:00:00Z', '3h'],
    ['2026-11-21T12:00:00Z', '2d'],
    [undefined, ''],
  ])('%s → %s', (ts, age) => expect(formatAge(ts, now)).toBe(age));
});
