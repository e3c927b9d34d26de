/**
 * npm run bench: each case against a floor measured in the same run on the same data, with
 * medians over several runs, printed as one table and written to bench/results/.
 * The machines are shared and noisy: ratios, not absolute figures, are what the budgets judge.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchCsvExport } from './cases/csv-export';
import { benchJsSize } from './cases/js-size';
import { benchMilestoneList } from './cases/milestone-list';
import { benchStatusChange } from './cases/status-change';
import { benchTimeline } from './cases/timeline';
import type { CaseResult } from './stats';

const only = process.argv.slice(2);
const cases: [string, (dir: string) => Promise<CaseResult>][] = [
  ['milestone.list', benchMilestoneList],
  ['csv export', benchCsvExport],
  ['timeline', benchTimeline],
  ['status change', benchStatusChange],
  ['js size', benchJsSize],
];

const work = mkdtempSync(join(tmpdir(), 'roadmap-bench-'));
const results: CaseResult[] = [];
try {
  for (const [name, run] of cases) {
    if (only.length && !only.some((o) => name.includes(o))) continue;
    console.log(`… ${name}`);
    results.push(await run(work));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const rows = results.map((r) => ({
  case: r.case,
  ours: `${r.ours.toFixed(2)} ${r.unit}`,
  floor: `${r.floor.toFixed(2)} ${r.unit}`,
  ratio: `${r.ratio.toFixed(2)}×`,
  budget: r.budget,
  result: r.pass ? 'pass' : 'FAIL',
  notes: Object.entries(r.notes)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? v.toFixed(2) : v}`)
    .join(' '),
}));
console.table(rows);
mkdirSync('bench/results', { recursive: true });
const file = `bench/results/bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2)}\n`);
console.log(`written ${file}`);
process.exit(results.every((r) => r.pass) ? 0 : 1);
