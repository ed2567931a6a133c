/**
 * The receipt of a whole-study reproduction: what ran where (engine and version, cores, workers, the
 * site's version) and what came out (each model's SHA-256 against the published one, with its seconds,
 * each section's verdict). Downloadable as JSON, and summarised in a prefilled issue of the repository.
 */
import type { StudyConfig } from './config.ts';
import type { SectionVerdict } from './section-run.ts';
import type { ModelState, PlannedModel } from './scheduler.ts';

export interface Receipt {
  kind: 'digits-fashion-reproduction';
  created: string;
  site: StudyConfig['site'] & { trainerVersion: string };
  engine: { name: string; version: string; userAgent: string };
  cores: number;
  workers: number;
  wallSeconds: number;
  models: { model: string; seed: number; epochs: number; sha256: string | null; published: string | null; identical: boolean; trainedHere: boolean; seconds: number | null; secondsPerEpoch: number | null }[];
  sections: { section: string; title: string; identical: boolean; modelsIdentical: boolean; numbersCompared: number; numbersDiffering: number; numbersNeedingAllSeeds: number }[];
  identical: boolean;
}

/** The browser engine and its version, read from the user agent (the last match wins: Edge over Chrome). */
function engineOf(userAgent: string): { name: string; version: string } {
  const patterns: [string, RegExp][] = [['Safari', /Version\/([\d.]+).*Safari/], ['Firefox', /Firefox\/([\d.]+)/], ['Chromium', /Chrom(?:e|ium)\/([\d.]+)/], ['Edge', /Edg\/([\d.]+)/]];
  let found = { name: 'unknown', version: '' };
  for (const [name, re] of patterns) {
    const m = re.exec(userAgent);
    if (m) found = { name, version: m[1] };
  }
  return found;
}

export function makeReceipt(
  config: StudyConfig,
  models: readonly PlannedModel[],
  states: readonly ModelState[],
  verdicts: readonly SectionVerdict[],
  run: { workers: number; wallSeconds: number },
): Receipt {
  const byKey = new Map(models.map((m, i) => [m.job.key, { m, s: states[i] }]));
  const receiptModels = models.map((m, i) => {
    const s = states[i];
    return {
      model: m.model,
      seed: m.seed,
      epochs: m.job.settings.epochs,
      sha256: s.sha256,
      published: m.publishedSha256,
      identical: s.sha256 !== null && s.sha256 === m.publishedSha256,
      trainedHere: s.phase === 'done',
      seconds: s.seconds,
      secondsPerEpoch: s.seconds === null ? null : s.seconds / m.job.settings.epochs,
    };
  });
  const sections = config.sections.map((sec) => {
    const v = verdicts.find((x) => x.section === sec.section);
    const keys = v?.models ?? [];
    const modelsIdentical = keys.length > 0 && keys.every((k) => {
      const e = byKey.get(k);
      return e !== undefined && e.s.sha256 !== null && e.s.sha256 === e.m.publishedSha256;
    });
    const count = (f: (g: SectionVerdict['groups'][number]) => number) => (v ? v.groups.reduce((a, g) => a + f(g), 0) : 0);
    return {
      section: sec.section,
      title: sec.title,
      identical: Boolean(v?.identical) && modelsIdentical,
      modelsIdentical,
      numbersCompared: count((g) => g.compared),
      numbersDiffering: count((g) => g.differences.length),
      numbersNeedingAllSeeds: count((g) => g.needsAllSeeds),
    };
  });
  return {
    kind: 'digits-fashion-reproduction',
    created: new Date().toISOString(),
    site: { ...config.site, trainerVersion: config.trainerVersion },
    engine: { ...engineOf(navigator.userAgent), userAgent: navigator.userAgent },
    cores: navigator.hardwareConcurrency || 1,
    workers: run.workers,
    wallSeconds: run.wallSeconds,
    models: receiptModels,
    sections,
    identical: sections.every((s) => s.identical) && receiptModels.every((m) => m.identical),
  };
}

/** A "new issue" address of the repository, prefilled with the receipt's summary (kept short for a URL). */
export function issueUrl(repositoryUrl: string, r: Receipt): string {
  const rows = r.sections.map((s) => `| ${s.section}. ${s.title} | ${s.identical ? 'identical' : `${s.numbersDiffering} numbers differ${s.modelsIdentical ? '' : ', models differ'}`} |`);
  const body = [
    `Reproduced the whole study in ${r.engine.name} ${r.engine.version} (${r.cores} cores, ${r.workers} workers) in ${Math.round(r.wallSeconds)} s.`,
    `Site: ${r.site.url}, results of ${r.site.generatedAt} (code ${r.site.codeHash.slice(0, 12)}, trainer ${r.site.trainerVersion.slice(0, 12)}).`,
    '',
    '| section | verdict |',
    '|---|---|',
    ...rows,
    '',
    `Models: ${r.models.filter((m) => m.identical).length} of ${r.models.length} identical to the published weights (SHA-256).`,
    '',
    'The full receipt (JSON) is attached.',
  ].join('\n');
  const title = `Reproduction in ${r.engine.name} ${r.engine.version.split('.')[0]}: ${r.identical ? 'every section identical' : 'differences found'}`;
  return `${repositoryUrl}/issues/new?${new URLSearchParams({ title, body }).toString()}`;
}
