// The one table of `npm run bench`: each figure, Skiff's value, the baseline measured in the same run (or a
// published one, said so), their ratio, the goal and whether it is met. Pure: no I/O, unit-tested.

/**
 * @typedef {{ ratioAtMost?: number, valueAtMost?: number, valueBelow?: number, timesSoonerAtLeast?: number }} Goal
 * @typedef {{ figure: string, unit: 'ms' | 'MiB', value?: number, baseline?: number, baselineLabel: string,
 *   published?: boolean, goal?: Goal, note?: string, error?: string }} Row
 */

/** The goal in words, e.g. "ratio ≤ 1.5", "≤ 150 MiB", "≤ 1500 ms and ≥ 20× sooner". */
export function describeGoal(goal, unit) {
  if (!goal) return '— (peer)';
  const parts = [];
  if (goal.ratioAtMost !== undefined) parts.push(`ratio ≤ ${goal.ratioAtMost}`);
  if (goal.valueAtMost !== undefined) parts.push(`≤ ${goal.valueAtMost} ${unit}`);
  if (goal.valueBelow !== undefined) parts.push(`< ${goal.valueBelow} ${unit}`);
  if (goal.timesSoonerAtLeast !== undefined) parts.push(`≥ ${goal.timesSoonerAtLeast}× sooner`);
  return parts.join(' and ');
}

/** Whether the row meets its goal: true, false, or undefined when it has no goal or no value. */
export function meets(row) {
  const { goal, value, baseline } = row;
  if (!goal || value === undefined || row.error) return undefined;
  const ratio = baseline ? value / baseline : undefined;
  const checks = [];
  if (goal.ratioAtMost !== undefined) checks.push(ratio !== undefined && ratio <= goal.ratioAtMost);
  if (goal.valueAtMost !== undefined) checks.push(value <= goal.valueAtMost);
  if (goal.valueBelow !== undefined) checks.push(value < goal.valueBelow);
  if (goal.timesSoonerAtLeast !== undefined)
    checks.push(ratio !== undefined && ratio > 0 && 1 / ratio >= goal.timesSoonerAtLeast);
  return checks.every(Boolean);
}

export function formatValue(value, unit) {
  if (value === undefined || Number.isNaN(value)) return '—';
  if (unit === 'MiB') return `${value.toFixed(1)} MiB`;
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 100) return `${value.toFixed(0)} ms`;
  return `${value.toFixed(2)} ms`;
}

/** One row's cells, in the table's column order. */
export function cells(row) {
  const ratio = !row.error && row.value !== undefined && row.baseline ? row.value / row.baseline : undefined;
  const met = meets(row);
  const baseline = row.error
    ? ''
    : `${formatValue(row.baseline, row.unit)} ${row.published ? 'published: ' : ''}${row.baselineLabel}`;
  return [
    row.figure,
    row.error ? `FAILED: ${row.error}` : formatValue(row.value, row.unit),
    baseline.trim(),
    ratio === undefined ? '—' : ratio.toFixed(2),
    row.error ? '—' : describeGoal(row.goal, row.unit),
    met === undefined ? '—' : met ? 'yes' : 'NO',
  ];
}

const HEADER = ['figure', 'Skiff', 'baseline (same run unless published)', 'ratio', 'goal', 'met'];

/** The table as aligned plain text (a Markdown table: it pastes into an issue as is). */
export function formatTable(rows) {
  const table = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, c) => Math.max(...table.map((r) => [...r[c]].length)));
  const line = (r) =>
    `| ${r.map((cell, c) => cell + ' '.repeat(widths[c] - [...cell].length)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.figure}: ${r.note}`);
  return [line(HEADER), rule, ...table.slice(1).map(line), ...(notes.length ? ['', ...notes] : [])].join(
    '\n',
  );
}

/** The table as data, for the JSON file. */
export function tableJson(rows) {
  return rows.map((row) => ({
    ...row,
    ratio: row.value !== undefined && row.baseline ? row.value / row.baseline : undefined,
    goalText: describeGoal(row.goal, row.unit),
    met: meets(row),
  }));
}
