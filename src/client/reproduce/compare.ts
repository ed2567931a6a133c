/**
 * The reader's figures of a section against the published section file, number by number and exactly
 * (a reproduced model is bit-identical, so are its figures). Figures are grouped by their top-level name
 * ("test_accuracy", "confusion", …). Per-seed values are matched by seed; when the reader reproduced only
 * the published seeds, a figure over all seeds (a mean, a standard deviation, the factorial effects)
 * cannot be compared and is counted as such, not as a difference. Timings and the montage images are not
 * figures: they are left out.
 */

export interface Difference {
  path: string;
  published: unknown;
  yours: unknown;
}

export interface FigureGroup {
  /** The figure's name in the section file. */
  key: string;
  compared: number;
  differences: Difference[];
  /** Values that need every seed reproduced to be compared. */
  needsAllSeeds: number;
}

/** Not figures: when a run took, and the montage images (drawn by the build only). */
const SKIPPED = new Set(['montage', 'montages', 'duration_s', 'seconds', 'created']);

/**
 * Figures computed over every seed beyond the per-seed statistics, by kind: "a.b" matches a path's keys
 * with array indices left out.
 */
export const AGGREGATES: Readonly<Record<string, readonly string[]>> = {
  factorial: ['effects', 'cells.curve'],
};

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSeedStat = (v: Json): v is { mean: number; std: number; n: number; seeds: { seed: number; value: number }[] } =>
  isObject(v) && typeof v.mean === 'number' && typeof v.std === 'number' && typeof v.n === 'number' && Array.isArray(v.seeds);
const bySeed = (v: Json): v is Record<string, Json>[] => Array.isArray(v) && v.length > 0 && v.every((x) => isObject(x) && typeof x.seed === 'number');

function same(a: Json, b: Json): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b) || a === b;
  return a === b;
}

class Walker {
  compared = 0;
  needsAllSeeds = 0;
  readonly differences: Difference[] = [];

  constructor(
    private readonly partial: boolean,
    private readonly aggregates: readonly string[],
  ) {}

  private differ(path: string, published: Json, yours: Json): void {
    this.differences.push({ path, published, yours });
  }

  /** Leaves under `v`, for the count of what cannot be compared. */
  private leaves(v: Json): number {
    if (Array.isArray(v)) return v.reduce<number>((a, x) => a + this.leaves(x), 0);
    if (isObject(v)) return Object.entries(v).reduce<number>((a, [k, x]) => a + (SKIPPED.has(k) ? 0 : this.leaves(x)), 0);
    return 1;
  }

  walk(published: Json, yours: Json, path: string, keys: string[]): void {
    if (this.partial && this.aggregates.includes(keys.join('.'))) {
      this.needsAllSeeds += this.leaves(yours);
      return;
    }
    if (isSeedStat(yours) && isSeedStat(published)) return this.seedStat(published, yours, path);
    if (bySeed(yours) && bySeed(published)) {
      for (const mine of yours) {
        const theirs = published.find((p) => p.seed === mine.seed);
        if (theirs === undefined) this.differ(`${path}[seed ${mine.seed}]`, 'no such seed', mine);
        else this.walk(theirs, mine, `${path}[seed ${mine.seed}]`, keys);
      }
      return;
    }
    if (keys.at(-1) === 'seeds' && Array.isArray(yours) && Array.isArray(published) && yours.length !== published.length && this.partial) {
      if (yours.every((s) => published.includes(s))) this.needsAllSeeds++;
      else this.differ(path, published, yours);
      return;
    }
    if (Array.isArray(yours)) {
      if (!Array.isArray(published) || published.length !== yours.length) return this.differ(path, Array.isArray(published) ? `${published.length} values` : published, `${yours.length} values`);
      yours.forEach((v, i) => this.walk(published[i], v, `${path}[${i}]`, keys));
      return;
    }
    if (isObject(yours)) {
      if (!isObject(published)) return this.differ(path, published, 'an object');
      for (const [k, v] of Object.entries(yours)) {
        if (SKIPPED.has(k)) continue;
        if (!(k in published)) this.differ(`${path}.${k}`, 'not published', v);
        else this.walk(published[k], v, `${path}.${k}`, [...keys, k]);
      }
      return;
    }
    this.compared++;
    if (!same(published, yours)) this.differ(path, published, yours);
  }

  private seedStat(published: { mean: number; std: number; n: number; seeds: { seed: number; value: number }[] }, yours: typeof published, path: string): void {
    for (const { seed, value } of yours.seeds) {
      const theirs = published.seeds.find((s) => s.seed === seed);
      this.compared++;
      if (!theirs) this.differ(`${path}[seed ${seed}]`, 'no such seed', value);
      else if (!same(theirs.value, value)) this.differ(`${path}[seed ${seed}]`, theirs.value, value);
    }
    const all = yours.seeds.length === published.seeds.length;
    for (const k of ['mean', 'std', 'n'] as const) {
      if (!all && this.partial) this.needsAllSeeds++;
      else {
        this.compared++;
        if (!same(published[k], yours[k])) this.differ(`${path}.${k}`, published[k], yours[k]);
      }
    }
  }
}

/**
 * `yours` are the figures the section's analysis computed from the reader's models, `published` the
 * section file; `partial` when the reader reproduced only some of the seeds the build trained.
 */
export function compareFigures(published: Record<string, Json>, yours: Record<string, Json>, kind: string, partial: boolean): FigureGroup[] {
  const groups: FigureGroup[] = [];
  for (const [key, value] of Object.entries(yours)) {
    if (SKIPPED.has(key)) continue;
    const w = new Walker(partial, AGGREGATES[kind] ?? []);
    if (!(key in published)) w.differences.push({ path: key, published: 'not published', yours: value });
    else w.walk(published[key], value, key, [key]);
    groups.push({ key, compared: w.compared, differences: w.differences, needsAllSeeds: w.needsAllSeeds });
  }
  return groups;
}

/** Identical when no figure differs and at least one was compared. */
export function identical(groups: readonly FigureGroup[]): boolean {
  return groups.every((g) => g.differences.length === 0) && groups.some((g) => g.compared > 0);
}
