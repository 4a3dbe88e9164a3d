import { describe, expect, it } from 'vitest';
import { cells, describeGoal, formatTable, formatValue, meets, tableJson } from './table.mjs';

const row = (over) => ({
  figure: 'f',
  unit: 'ms',
  value: 700,
  baseline: 700,
  baselineLabel: 'docker run',
  ...over,
});

describe('bench table', () => {
  it.each([
    ['a ratio at the goal', row({ goal: { ratioAtMost: 1.0 } }), true],
    ['a ratio above it', row({ value: 701, goal: { ratioAtMost: 1.0 } }), false],
    ['an absolute ceiling', row({ unit: 'MiB', value: 150, goal: { valueAtMost: 150 } }), true],
    ['a strict bound at the bound', row({ value: 20, goal: { valueBelow: 20 } }), false],
    [
      'both: fast enough and 20× sooner',
      row({ value: 1000, baseline: 20_000, goal: { valueAtMost: 1500, timesSoonerAtLeast: 20 } }),
      true,
    ],
    [
      'both: fast enough but not 20× sooner',
      row({ value: 1400, baseline: 20_000, goal: { valueAtMost: 1500, timesSoonerAtLeast: 20 } }),
      false,
    ],
    ['a peer row has no goal', row({}), undefined],
    ['a failed bench is not judged', row({ error: 'boom', goal: { ratioAtMost: 1 } }), undefined],
    ['a ratio goal without a baseline fails', row({ baseline: undefined, goal: { ratioAtMost: 1 } }), false],
  ])('%s', (_, r, expected) => {
    expect(meets(r)).toBe(expected);
  });

  it('words goals and values', () => {
    expect(describeGoal({ ratioAtMost: 1.5 }, 'ms')).toBe('ratio ≤ 1.5');
    expect(describeGoal({ valueAtMost: 1500, timesSoonerAtLeast: 20 }, 'ms')).toBe(
      '≤ 1500 ms and ≥ 20× sooner',
    );
    expect(describeGoal({ valueBelow: 20 }, 'ms')).toBe('< 20 ms');
    expect(describeGoal(undefined, 'ms')).toBe('— (peer)');
    expect(formatValue(7.126, 'ms')).toBe('7.13 ms');
    expect(formatValue(713.6, 'ms')).toBe('714 ms');
    expect(formatValue(26_503, 'ms')).toBe('26.5 s');
    expect(formatValue(96.71, 'MiB')).toBe('96.7 MiB');
    expect(formatValue(undefined, 'ms')).toBe('—');
  });

  it('says a published baseline is published, and a failure is a failure', () => {
    expect(cells(row({ baseline: 20_000, published: true, baselineLabel: 'k3d' }))[2]).toBe(
      '20.0 s published: k3d',
    );
    expect(cells(row({ error: 'no engine', goal: { ratioAtMost: 1 } }))).toEqual([
      'f',
      'FAILED: no engine',
      '',
      '—',
      '—',
      '—',
    ]);
  });

  it('prints an aligned Markdown table with notes under it', () => {
    const text = formatTable([
      row({ figure: 'pod create → Ready', value: 980, baseline: 700, goal: { ratioAtMost: 1.0 } }),
      row({
        figure: 'RSS',
        unit: 'MiB',
        value: 120,
        baseline: 90,
        baselineLabel: 'idle',
        goal: { valueAtMost: 150 },
        note: 'idle is 5 s after start',
      }),
    ]);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(
      /^\| figure +\| Skiff +\| baseline \(same run unless published\) +\| ratio \| goal +\| met \|$/,
    );
    expect(lines[1]).toMatch(/^\|-+\|/);
    expect(lines[2]).toMatch(/\| 980 ms +\|/);
    expect(lines[2]).toMatch(/\| 1\.40 +\| ratio ≤ 1 +\| NO +\|$/);
    expect(lines[3]).toMatch(/\| 120\.0 MiB \| 90\.0 MiB idle .*\| 1\.33 +\| ≤ 150 MiB +\| yes \|$/);
    expect(new Set(lines.slice(0, 4).map((l) => [...l].length)).size).toBe(1);
    expect(lines.slice(4)).toEqual(['', '- RSS: idle is 5 s after start']);
  });

  it('keeps ratio, goal and verdict in the JSON', () => {
    expect(tableJson([row({ value: 1400, goal: { ratioAtMost: 1.5 } })])[0]).toMatchObject({
      ratio: 2,
      goalText: 'ratio ≤ 1.5',
      met: false,
    });
  });
});
