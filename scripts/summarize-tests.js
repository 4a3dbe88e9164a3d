'use strict';
// Reads the stage reports of scripts/test.sh and prints one plain closing line: `N passed, N failed`.
// A runner that left no report (it crashed or never started) counts as one failure, so nothing fails silently.
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.argv[2] ?? '.test-reports';
let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];

function readJson(file) {
  const path = join(dir, file);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

const checks = existsSync(join(dir, 'checks.txt'))
  ? readFileSync(join(dir, 'checks.txt'), 'utf8').trim().split('\n')
  : [];
for (const line of checks.filter(Boolean)) {
  const [name, result] = line.split(' ');
  if (result === 'pass') passed++;
  else failed++;
  lines.push(`${name}: ${result === 'pass' ? 'passed' : 'FAILED'}`);
}

for (const [name, file] of [
  ['unit tests', 'unit.json'],
  ['integration tests', 'integration.json'],
  ['integration tests run alone', 'integration-exclusive.json'],
]) {
  const report = readJson(file);
  if (!report) {
    failed++;
    lines.push(`${name}: no report (the runner did not finish)`);
    continue;
  }
  const p = report.numPassedTests ?? 0;
  const f = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  const s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  passed += p;
  failed += f;
  skipped += s;
  lines.push(`${name}: ${p} passed, ${f} failed${s ? `, ${s} skipped` : ''}`);
}

const e2e = readJson('e2e.json');
if (!e2e) {
  failed++;
  lines.push('UI tests: no report (the runner did not finish)');
} else {
  const stats = e2e.stats ?? {};
  const p = (stats.expected ?? 0) + (stats.flaky ?? 0);
  const f = (stats.unexpected ?? 0) + (e2e.errors?.length ?? 0);
  const s = stats.skipped ?? 0;
  passed += p;
  failed += f;
  skipped += s;
  lines.push(`UI tests: ${p} passed, ${f} failed${s ? `, ${s} skipped` : ''}`);
}

for (const line of lines) console.log(`  ${line}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
