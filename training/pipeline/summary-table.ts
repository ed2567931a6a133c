/** The table printed at the end of `npm run train`: per section, ours (mean ± std over seeds) vs the original. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { summaryFile, type SeedStat } from '../../schema/results.ts';
import { pct, pm } from '../../core/format.ts';
import { RESULT_FILES } from '../../core/layout.ts';

const stat = (s: SeedStat | number) => (typeof s === 'number' ? (Number.isInteger(s) ? String(s) : pct(s)) : `${pm(s)} (n=${s.n})`);

/** One line per headline figure of every section, in the declaration's order. */
function summaryRows(resultsDir: string): string[][] {
  const path = join(resultsDir, RESULT_FILES.summary);
  if (!existsSync(path)) return [];
  const { rows } = summaryFile.parse(JSON.parse(readFileSync(path, 'utf8')));
  return rows.flatMap((row) => row.figures.map((f) => [row.section, f.label, stat(f.ours), f.original === null ? '-' : pct(f.original)]));
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
