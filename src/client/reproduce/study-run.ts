/**
 * "Reproduce the whole study", loaded when the reader asks on the home page: every model the sections
 * read (published seeds) trained once in parallel workers, then every section's own analysis on them,
 * ending in a table of every section (published against yours), a downloadable receipt and, where the
 * repository is configured, a prefilled issue to report the reproduction.
 */
import { h, part, setStatus } from '../ui.ts';
import type { RunControl } from '../widgets/reproduce.ts';
import { plan, type StudyConfig } from './config.ts';
import { duration } from './eta.ts';
import { issueUrl, makeReceipt, type Receipt } from './receipt.ts';
import type { PlannedModel } from './scheduler.ts';
import { checkSection, trainModels, type SectionVerdict } from './section-run.ts';

function sectionRow(sec: StudyConfig['sections'][number], v: SectionVerdict | undefined, models: readonly PlannedModel[], shas: Map<string, string | null>): HTMLTableRowElement {
  const modelsSame = models.every((m) => m.publishedSha256 !== null && shas.get(m.job.key) === m.publishedSha256);
  const compared = v ? v.groups.reduce((a, g) => a + g.compared, 0) : 0;
  const differing = v ? v.groups.reduce((a, g) => a + g.differences.length, 0) : 0;
  const verdict = !v ? 'not run' : v.identical && modelsSame ? 'identical' : `${differing} number${differing === 1 ? '' : 's'} differ${modelsSame ? '' : '; a model differs'}`;
  return h(
    'tr',
    { 'data-section': sec.section, 'data-identical': String(Boolean(v?.identical && modelsSame)) },
    h('th', { scope: 'row' }, h('a', { href: sec.sectionUrl, text: `${sec.section}. ${sec.title}` })),
    h('td', { text: models.map((m) => `${m.model} (seed ${m.seed})`).join(', ') }),
    h('td', { class: modelsSame ? 'rp-same' : 'rp-differs', text: modelsSame ? 'identical' : 'differ' }),
    h('td', { text: String(compared) }),
    h('td', { class: v?.identical && modelsSame ? 'rp-same' : 'rp-differs', text: verdict }),
  );
}

function offerReceipt(root: HTMLElement, receipt: Receipt, repositoryUrl: string | null): void {
  const json = JSON.stringify(receipt, null, 2);
  const link = part<HTMLAnchorElement>(root, 'receipt');
  URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  link.download = `digits-fashion-reproduction-${receipt.created.slice(0, 10)}.json`;
  link.hidden = false;
  const issue = part<HTMLAnchorElement>(root, 'issue');
  if (repositoryUrl) {
    issue.href = issueUrl(repositoryUrl, receipt);
    issue.hidden = false;
  }
}

export async function runStudy(root: HTMLElement, config: StudyConfig, options: { parallel: number }, register: (c: RunControl) => void): Promise<void> {
  const started = performance.now();
  // One job per distinct model: sections that read the same model share its training.
  const perSection = await Promise.all(config.sections.map((s) => plan({ models: s.models, datasets: config.datasets, trainerVersion: config.trainerVersion }, false)));
  const unique = new Map<string, PlannedModel>();
  for (const models of perSection) for (const m of models) unique.set(m.job.key, m);
  const all = [...unique.values()];
  const { scheduler, stopped } = await trainModels(root, { models: [], datasets: config.datasets, trainerVersion: config.trainerVersion }, { allSeeds: false, parallel: options.parallel }, register, all);
  if (stopped) return;
  const shas = new Map(all.map((m, i) => [m.job.key, scheduler.states[i].sha256]));
  const tbody = part(root, 'sections');
  const verdicts: SectionVerdict[] = [];
  root.dataset.runState = 'analysing';
  for (const [i, sec] of config.sections.entries()) {
    setStatus(root, 'loading', `Running section ${sec.section}’s analysis on your models (${i + 1} of ${config.sections.length})…`);
    const v = await checkSection({ ...sec, studyUrl: config.studyUrl, datasets: config.datasets }, perSection[i], false);
    verdicts.push(v);
    tbody.append(sectionRow(sec, v, perSection[i], shas));
    part(root, 'study-table').hidden = false;
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const receipt = makeReceipt(config, all, scheduler.states, verdicts, { workers: options.parallel, wallSeconds });
  offerReceipt(root, receipt, config.repositoryUrl);
  const same = receipt.sections.filter((s) => s.identical).length;
  root.dataset.sectionsIdentical = String(same);
  root.dataset.receipt = JSON.stringify(receipt);
  root.dataset.identical = String(receipt.identical);
  setStatus(root, 'ready', `${same} of ${receipt.sections.length} sections identical to the published figures, ${receipt.models.filter((m) => m.identical).length} of ${receipt.models.length} models identical to the published weights; ${duration(wallSeconds)} in all.`);
  root.dataset.runState = 'done';
}
