/**
 * Number formatting, one typography for the site, the CLI and the widgets: "97.87%", "97.77 ± 0.15%",
 * "+0.21 points", "−1.00". Sentences built from these live in src/lib/readings.ts.
 */
import type { SeedStat } from '../schema/results.ts';

/** 0.97871 → "97.87%" */
export function pct(x: number, digits = 2): string {
  return `${(x * 100).toFixed(digits)}%`;
}

/** Mean ± std in percent: "97.77 ± 0.15%"; a single seed prints without the ±. */
export function pm(s: Pick<SeedStat, 'mean' | 'std' | 'n'>, digits = 2): string {
  if (s.n < 2) return `${pct(s.mean, digits)} (one seed)`;
  return `${(s.mean * 100).toFixed(digits)} ± ${(s.std * 100).toFixed(digits)}%`;
}

/** Difference in percentage points with a sign: "+0.21 points". */
export function points(diff: number, digits = 2): string {
  const v = diff * 100;
  const sign = v > 0 ? '+' : v < 0 ? '−' : '±';
  return `${sign}${Math.abs(v).toFixed(digits)} points`;
}

/** "2.75 points higher" / "0.40 points lower" / "the same" — a difference in words. */
export function higherLower(diff: number, digits = 2, words: [string, string] = ['higher', 'lower']): string {
  const v = Math.abs(diff * 100).toFixed(digits);
  if (Number(v) === 0) return 'the same';
  return `${v} points ${diff > 0 ? words[0] : words[1]}`;
}

/** A fixed-point number with a typographic minus: -1 → "−1.00". */
export function fixed(x: number, digits = 2): string {
  return x.toFixed(digits).replace(/^-/, '−');
}

/** 60000 → "60,000". */
export function num(x: number, digits = 0): string {
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function seconds(s: number): string {
  if (s < 90) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  if (s < 5400) return `${(s / 60).toFixed(1)} min`;
  return `${(s / 3600).toFixed(2)} h`;
}
