/** The home page's overview table: per section the original's figure, ours, and a computed reading. */
import type { SeedStat, SectionId } from '../../schema/results';
import { compareSentence, higherLower, num, pct, pm } from './format';
import { nearestCentreAccuracy, pairVsSeed } from './readings';
import type { Results } from './results';
import { SECTIONS } from './sections';

export interface OverviewRow { id: SectionId; title: string; original: string; ours: string; reading: string }

/** A seed statistic of 1 − x (e.g. correct share from incorrect share). */
function complement(s: SeedStat): SeedStat {
  return { ...s, mean: 1 - s.mean, seeds: s.seeds.map((x) => ({ seed: x.seed, value: 1 - x.value })) };
}

export function overviewRows(r: Results): OverviewRow[] {
  const s = r.sections;
  const row = (id: SectionId, original: string, ours: string, reading: string): OverviewRow => ({ id, title: SECTIONS[id].title, original, ours, reading });
  const training = (id: '1' | '2' | '3') => {
    const [tr, te] = SECTIONS[id].original;
    return row(id, `train ${tr.printed}, test ${te.printed}`, `train ${pm(s[id].train_accuracy)}, test ${pm(s[id].test_accuracy)}`,
      compareSentence(te.value, `test ${te.printed}`, s[id].test_accuracy));
  };
  const correct = complement(s['4'].incorrect_fraction_by_seed);
  const alpha = (id: '6' | '9') => {
    const o = SECTIONS[id].original[0];
    const a = s[id];
    return row(id, o.printed, `${pm(a.accuracy_by_seed, 1)} (this pair); ${pct(a.random_pairs.mean, 0)} over ${num(a.random_pairs.count)} random pairs`,
      `${compareSentence(o.value, o.printed, a.accuracy_by_seed)} ${pairVsSeed(a)}`);
  };
  const h = s['7'];
  const chance = s['5'].a.chance;
  return [
    training('1'), training('2'), training('3'),
    row('4', '98.41% correct, 1.59% incorrect', `${pm(correct)} correct`, compareSentence(0.9841, '98.41%', correct)),
    row('5', '“seems to be random”', `A ${pm(s['5'].a.test_accuracy, 1)}, B ${pm(s['5'].b.test_accuracy, 1)}`,
      `Chance is ${pct(chance, 0)}: A is ${higherLower(s['5'].a.test_accuracy.mean - chance, 1)}, B ${higherLower(s['5'].b.test_accuracy.mean - chance, 1)}.`),
    alpha('6'),
    row('7', 'the second layer’s outputs, printed', `${h.units} units, ${h.dead_units} never active; PCA map of ${num(h.projection.points.length)} images`,
      `Two components alone place ${pct(nearestCentreAccuracy(h.projection.points), 0)} of images nearest their own class centre (chance 10%).`),
    row('8', 'argmax and evaluate “were equal”', `${pct(s['8'].argmax_accuracy)} and ${pct(s['8'].evaluate_accuracy)}`,
      s['8'].equal ? 'Equal, as in the original.' : `Not equal: they differ by ${Math.abs(s['8'].argmax_accuracy - s['8'].evaluate_accuracy).toExponential(1)}.`),
    alpha('9'),
  ];
}
