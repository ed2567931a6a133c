/**
 * Number formatting and the sentences the pages say about results. Every judgement ("within one
 * standard deviation", "higher than") is computed here from the numbers, never written as a fixed claim.
 */
import type { AlphaSection, SeedStat } from '../../schema/results';

/** 0.97871 → "97.87%" */
export function pct(x: number, digits = 2): string {
  return `${(x * 100).toFixed(digits)}%`;
}

/** Mean ± std in percent: "97.77 ± 0.15%"; a single seed prints without the ±. */
export function pm(s: SeedStat, digits = 2): string {
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

export function num(x: number, digits = 0): string {
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function seconds(s: number): string {
  if (s < 90) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  if (s < 5400) return `${(s / 60).toFixed(1)} min`;
  return `${(s / 3600).toFixed(2)} h`;
}

export type Agreement = 'one-std' | 'two-std' | 'outside' | 'single-seed' | 'exact';

/** Where the original's figure sits relative to our seeds. */
export function agreement(original: number, s: SeedStat): Agreement {
  const diff = original - s.mean;
  if (s.n < 2 || s.std === 0) return Math.abs(diff) < 5e-5 ? 'exact' : 'single-seed';
  const z = Math.abs(diff) / s.std;
  return z <= 1 ? 'one-std' : z <= 2 ? 'two-std' : 'outside';
}

/** One sentence comparing the original's figure with ours, e.g. for the overview table. */
export function compareSentence(original: number, printed: string, s: SeedStat): string {
  const diff = s.mean - original;
  const where = agreement(original, s);
  const d = Math.abs(diff * 100).toFixed(2);
  const dir = diff > 0 ? 'higher' : 'lower';
  switch (where) {
    case 'exact':
      return `Matches the original’s ${printed}.`;
    case 'one-std':
      return `The original’s ${printed} is within one standard deviation of our mean (ours ${d} points ${dir}).`;
    case 'two-std':
      return `The original’s ${printed} is within two standard deviations (ours ${d} points ${dir}).`;
    case 'outside':
      return `Ours is ${d} points ${dir} than the original’s ${printed}, more than two standard deviations away.`;
    case 'single-seed':
      return `One seed only: ours is ${d} points ${dir} than the original’s ${printed}.`;
  }
}

/** Fraction of values strictly below x, as a percentile phrase: "higher than 23% of …". */
export function rankBelow(values: number[], x: number): number {
  return values.filter((v) => v < x).length / Math.max(1, values.length);
}

/** Which matters more for the α accuracy: the choice of pair, or the training seed? */
export function pairVsSeed(s: AlphaSection): string {
  const pair = s.random_pairs.std;
  const seed = s.accuracy_by_seed.std;
  if (s.accuracy_by_seed.n < 2) return 'Only one seed was trained, so the spread over seeds is unknown.';
  return pair > 2 * seed
    ? `The pair matters more than the seed: accuracies spread with a standard deviation of ${pct(pair, 0)} across pairs but ${pct(seed, 1)} across seeds.`
    : `The pair and the seed matter alike: standard deviations of ${pct(pair, 0)} across pairs and ${pct(seed, 1)} across seeds.`;
}
