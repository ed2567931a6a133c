/**
 * Sentences about numbers that several readings share: where the original's figure sits among our seeds,
 * and whether the pair or the seed matters more. Every judgement is computed from the numbers passed in.
 */
import type { AlphaSection, SeedStat } from '../../schema/results';
import { pct } from '../../core/format';

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


/** Which matters more for the α accuracy: the choice of pair, or the training seed? */
export function pairVsSeed(s: AlphaSection): string {
  const pair = s.random_pairs.std;
  const seed = s.accuracy_by_seed.std;
  if (s.accuracy_by_seed.n < 2) return 'Only one seed was trained, so the spread over seeds is unknown.';
  return pair > 2 * seed
    ? `The pair matters more than the seed: accuracies spread with a standard deviation of ${pct(pair, 0)} across pairs but ${pct(seed, 1)} across seeds.`
    : `The pair and the seed matter alike: standard deviations of ${pct(pair, 0)} across pairs and ${pct(seed, 1)} across seeds.`;
}
