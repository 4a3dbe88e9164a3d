import { describe, expect, it } from 'vitest';
import { contrastRatio } from './contrast';
import { DARK, LIGHT, type Palette } from './tokens';

// Every text colour on every background it is drawn on, in both themes: WCAG AA for normal text is 4.5:1.
const TEXT_PAIRS: Array<[keyof Palette, keyof Palette]> = [
  ['ink', 'bg'],
  ['ink', 'panel'],
  ['muted', 'panel'],
  ['muted', 'bg'],
  ['muted', 'tableHead'],
  ['accent', 'panel'],
  ['accent', 'bg'],
  ['onAccent', 'accent'],
  ['onDanger', 'danger'],
  ['danger', 'panel'],
  ['ok', 'panel'],
  ['warn', 'panel'],
  ['ok', 'okBg'],
  ['warn', 'warnBg'],
  ['danger', 'dangerBg'],
  ['info', 'infoBg'],
  ['ink', 'neutralBg'],
  ['ink', 'errorBg'],
  ['ink', 'warningBg'],
  ['ink', 'field'],
  ['ink', 'code'],
];

describe.each([
  ['light', LIGHT],
  ['dark', DARK],
])('%s theme', (_, palette) => {
  it.each(TEXT_PAIRS)('%s on %s passes AA (4.5:1)', (text, background) => {
    expect(contrastRatio(palette[text], palette[background])).toBeGreaterThanOrEqual(4.5);
  });
  it('draws control borders at 3:1 against their panel (AA for user-interface parts)', () => {
    expect(contrastRatio(palette.accent, palette.panel)).toBeGreaterThanOrEqual(3);
  });
});

describe('contrastRatio', () => {
  it('is 21 for black on white and 1 for a colour on itself', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#2557c7', '#2557c7')).toBe(1);
  });
  it('matches a published pair: #767676 on white is 4.54', () => {
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });
});
