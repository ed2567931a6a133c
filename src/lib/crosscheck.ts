/**
 * The Keras crosscheck on the pages: public/crosscheck/keras.json (made by `npm run crosscheck`), read at
 * build time, and the figures each section compares — the original's, ours and Keras 3's — with a
 * reading computed from them. An absent file is not an error (the pages say so); a stale one is marked.
 */
import { existsSync, readFileSync } from 'node:fs';
import { crosscheckFile, type CrosscheckFile } from '../../schema/crosscheck';
import type { SeedStat } from '../../schema/results';
import { sectionOf } from '../../schema/study';
import { crosscheckCodeHash } from '../../crosscheck/code-hash';
import { pct, pm } from '../../core/format';
import { trainingOf, type Results } from './results';
import { PUBLIC_DIR } from './paths';

const CROSSCHECK_PATH = `${PUBLIC_DIR}crosscheck/keras.json`;

export interface Crosscheck {
  file: CrosscheckFile;
  /** The runner's code changed since the file was made. */
  stale: boolean;
}

/** The crosscheck, or null when the file is absent; a file that breaks the contract fails the build. */
export function loadCrosscheck(path = CROSSCHECK_PATH, codeHash = crosscheckCodeHash(process.cwd() /* the project root, as PUBLIC_DIR assumes: import.meta.url points into the build output */)): Crosscheck | null {
  if (!existsSync(path)) return null;
  const parsed = crosscheckFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${path} does not match schema/crosscheck.ts (${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}). Fix: re-run \`npm run crosscheck\`, or delete the file to build without the Keras column.`);
  }
  return { file: parsed.data, stale: parsed.data.code_hash !== codeHash };
}

export interface CrossRow {
  label: string;
  /** The original's figure, when it printed one. */
  original?: { value: number; printed: string };
  ours: SeedStat;
  keras: SeedStat;
}

const single = (value: number, seed: number): SeedStat => ({ mean: value, std: 0, n: 1, seeds: [{ seed, value }] });
/** 1 − x for every seed: the spread is unchanged. */
const complement = (s: SeedStat): SeedStat => ({ ...s, mean: 1 - s.mean, seeds: s.seeds.map((v) => ({ seed: v.seed, value: 1 - v.value })) });

/** The rows a section compares with Keras; [] when the crosscheck lacks the section's model. */
export function crossRows(id: string, r: Results, c: CrosscheckFile): CrossRow[] {
  const s = r.sections.get(id);
  if (!s) return [];
  const orig = (label: string) => {
    const o = sectionOf(r.study, id).original.find((f) => f.label === label);
    return o && { value: o.value, printed: o.printed };
  };
  const model = (m: string) => c.models[m as keyof typeof c.models];
  switch (s.kind) {
    case 'training': {
      const k = model(s.model);
      if (!k) return [];
      return [
        { label: 'train accuracy (running, as fit prints it)', original: orig('train accuracy'), ours: s.train_accuracy, keras: k.train_accuracy },
        { label: 'train accuracy (final weights, evaluated)', ours: s.train_accuracy_eval, keras: k.train_accuracy_eval },
        { label: 'test accuracy', original: orig('test accuracy'), ours: s.test_accuracy, keras: k.test_accuracy },
      ];
    }
    case 'histogram': {
      const k = model(s.model);
      if (!k) return [];
      return [{ label: 'incorrect test predictions', original: orig('incorrect'), ours: s.incorrect_fraction_by_seed, keras: complement(k.test_accuracy) }];
    }
    case 'cross':
      return [s.a, s.b].flatMap((part) => {
        const k = model(part.model);
        return k ? [{ label: `${part.model} tested on ${part.tested_on}`, ours: part.test_accuracy, keras: k.cross_accuracy }] : [];
      });
    case 'alpha': {
      const k = c.alpha[id];
      if (!k) return [];
      return [
        { label: `the chosen pair's ${s.alphas.length} blends`, original: orig(`accuracy on the ${s.alphas.length} blends`), ours: s.accuracy_by_seed, keras: k.accuracy },
        // Ours scores the random pairs with the published seed only.
        { label: `mean over ${k.random_pairs} random pairs`, ours: single(s.random_pairs.mean, s.published_seed), keras: k.random_pairs_mean },
      ];
    }
    case 'hidden':
    case 'last-layer': {
      const k = model(s.model);
      const t = trainingOf(r, s.model);
      if (!k) return [];
      return [{ label: `test accuracy of the ${s.model} model probed here`, ours: t.test_accuracy, keras: k.test_accuracy }];
    }
    case 'factorial':
      return s.cells.flatMap((cell) => {
        const k = model(cell.model);
        return k ? [{ label: `test accuracy, ${cell.model}`, ours: cell.test_accuracy, keras: k.test_accuracy }] : [];
      });
  }
}

/** Standard error of a mean over seeds (0 for one seed). */
export const standardError = (s: SeedStat) => (s.n > 1 ? s.std / Math.sqrt(s.n) : 0);

/** Is `value` within two standard errors of the mean `s`, where `extra` is a second mean's own error. */
export function withinTwoSE(value: number, s: SeedStat, extra = 0): boolean {
  const se = Math.hypot(standardError(s), extra);
  return Math.abs(value - s.mean) <= 2 * se;
}

/** Sentences computed from a row: ours against Keras (two standard errors of the difference of the
 * means), and the original's single figure against Keras's mean (two standard errors of that mean). */
export function crossReading(row: CrossRow): string[] {
  const diff = row.ours.mean - row.keras.mean;
  const se = Math.hypot(standardError(row.ours), standardError(row.keras));
  const d = `${Math.abs(diff * 100).toFixed(2)} points ${diff >= 0 ? 'higher' : 'lower'}`;
  const out = [
    se === 0
      ? `Ours (${pm(row.ours)}) is ${d} than Keras 3 (${pm(row.keras)}); with one seed on a side there is no standard error to judge it by.`
      : withinTwoSE(row.ours.mean, row.keras, standardError(row.ours))
        ? `Ours (${pm(row.ours)}) is ${d} than Keras 3 (${pm(row.keras)}): within two standard errors of the difference (2 × ${(se * 100).toFixed(2)} points), so the seeds do not tell them apart.`
        : `Ours (${pm(row.ours)}) is ${d} than Keras 3 (${pm(row.keras)}): more than two standard errors of the difference (2 × ${(se * 100).toFixed(2)} points), a real difference for these seeds.`,
  ];
  if (row.original) {
    const o = row.original;
    const od = row.keras.mean - o.value;
    const kse = standardError(row.keras);
    out.push(
      kse === 0
        ? `Keras 3 is ${Math.abs(od * 100).toFixed(2)} points ${od >= 0 ? 'above' : 'below'} the original's ${o.printed} (one Keras seed).`
        : `The original's ${o.printed} is ${withinTwoSE(o.value, row.keras) ? 'within' : 'outside'} two standard errors of Keras 3's mean (${pct(row.keras.mean)} ± 2 × ${(kse * 100).toFixed(2)} points).`,
    );
  }
  return out;
}
