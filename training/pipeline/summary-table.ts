/** The table printed at the end of `npm run train`: per section, ours (mean ± std over seeds) vs the original. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ORIGINAL } from '../../schema/original.ts';
import { summaryFile, type SeedStat } from '../../schema/results.ts';

const pct = (v: number) => `${(v * 100).toFixed(2)} %`;
const stat = (s: SeedStat) => `${pct(s.mean)} ± ${(s.std * 100).toFixed(2)} (n=${s.n})`;

export function summaryRows(resultsDir: string): string[][] {
  const path = join(resultsDir, 'summary.json');
  if (!existsSync(path)) return [];
  const { sections: s } = summaryFile.parse(JSON.parse(readFileSync(path, 'utf8')));
  const orig = (id: string, i = 0) => (ORIGINAL[id]?.[i] ? pct(ORIGINAL[id][i].value) : '-');
  const rows: string[][] = [];
  for (const id of ['1', '2', '3'] as const) {
    const t = s[id];
    if (!t) continue;
    rows.push([id, `${t.model} train (running)`, stat(t.train_accuracy), orig(id, 0)]);
    rows.push([id, `${t.model} test`, stat(t.test_accuracy), orig(id, 1)]);
  }
  if (s['4']) rows.push(['4', 'correct / incorrect', `${pct(s['4'].correct_fraction)} / ${pct(s['4'].incorrect_fraction)}`, `${orig('4', 0)} / ${orig('4', 1)}`]);
  if (s['5a']) rows.push(['5a', `${s['5a'].model} on fashion`, stat(s['5a'].test_accuracy), 'random']);
  if (s['5b']) rows.push(['5b', `${s['5b'].model} on digits`, stat(s['5b'].test_accuracy), 'random']);
  for (const id of ['6', '9'] as const) {
    const a = s[id];
    if (a) rows.push([id, `blends (published; all seeds; random pairs)`, `${pct(a.accuracy)}; ${stat(a.accuracy_by_seed)}; ${pct(a.random_pairs_mean)}`, orig(id)]);
  }
  if (s['7']) rows.push(['7', 'hidden outputs', `${s['7'].images} images × ${s['7'].units} units`, '-']);
  if (s['8']) rows.push(['8', 'argmax = evaluate', `${pct(s['8'].argmax_accuracy)} = ${pct(s['8'].evaluate_accuracy)}: ${s['8'].equal ? 'equal' : 'NOT EQUAL'}`, 'equal']);
  return rows;
}

export function printSummary(resultsDir: string, log: (line: string) => void): void {
  const rows = [['section', 'what', 'ours', 'original'], ...summaryRows(resultsDir)];
  if (rows.length === 1) return;
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const [i, row] of rows.entries()) {
    log(row.map((cell, c) => cell.padEnd(widths[c])).join('  '));
    if (i === 0) log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}
