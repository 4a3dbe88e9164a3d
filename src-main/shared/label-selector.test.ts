import { describe, expect, it } from 'vitest';
import { matchesLabels, parseLabelSelector } from './label-selector';

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'front', 'skiff.io/track': 'stable' };
  const cases: Array<[string, boolean]> = [
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app=db', false],
    ['app in (db, web)', true],
    ['app notin (db,web)', false],
    ['tier,app=web', true],
    ['!missing', true],
    ['!app', false],
    ['missing', false],
    ['missing!=x', true],
    ['skiff.io/track=stable,app in (web)', true],
  ];
  it.each(cases)('%s matches: %s', (selector, expected) => {
    expect(matchesLabels(parseLabelSelector(selector), labels)).toBe(expected);
  });

  it('rejects malformed selectors with the offending part', () => {
    expect(() => parseLabelSelector('app=we b')).toThrow(/invalid label/);
    expect(() => parseLabelSelector('-bad=1')).toThrow(/invalid label key "-bad"/);
  });
});
