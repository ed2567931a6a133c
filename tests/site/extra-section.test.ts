/**
 * The study is data: a declaration with one more section of an existing kind, trained with `--quick
 * --study FILE` into a temporary folder, gives a site with that section's page, its navigation entry and
 * its row of the home page's table, and a CLI summary with its row — with no code that names it.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryFile } from '../../schema/results.ts';
import { STUDY_DECLARATION } from '../../training/config/experiments.ts';
import { ROOT, runBuild } from '../../scripts/lib/site';

const dir = mkdtempSync(join(tmpdir(), 'extra-section-'));
const data = join(dir, 'public');
// Inside the project: Astro builds a site whose outDir lies outside the root through the root's shared
// .astro/ folder, which two such builds at once (this test and another test file's) would overwrite.
mkdirSync(join(ROOT, '.cache'), { recursive: true });
const dist = join(mkdtempSync(join(ROOT, '.cache', 'extra-section-')), 'dist');
const TITLE = 'Digits again, trained for a second report';

/** The project's declaration cut to two models (fast), plus a section "11" of kind "training". */
function smallStudy() {
  const d = structuredClone(STUDY_DECLARATION);
  const keep = new Set(['digits-128', 'fashion-128']);
  const uses = (s: Record<string, unknown>) => ['model', 'a', 'b'].every((k) => s[k] === undefined || keep.has(s[k] as string)) && s.models === undefined;
  return {
    ...d,
    models: d.models.filter((m) => keep.has(m.id)),
    sections: [
      ...d.sections.filter((s) => uses(s as Record<string, unknown>)),
      { id: '11', title: TITLE, short: 'Digits again', summary: 'The digits model once more, declared as an eleventh section.', quote: null, original: [], kind: 'training', model: 'digits-128' },
    ],
  };
}

let cliOutput = '';

beforeAll(async () => {
  const studyFile = join(dir, 'study.json');
  writeFileSync(studyFile, JSON.stringify(smallStudy()));
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'training/cli.ts', '--quick', '--study', studyFile, '--out', data], { cwd: ROOT, encoding: 'utf8' });
  cliOutput = run.stdout + run.stderr;
  expect(run.status, cliOutput).toBe(0);
  copyFileSync(join(ROOT, 'public', 'favicon.svg'), join(data, 'favicon.svg'));
  await runBuild(dist, { SITE_DATA_DIR: data });
}, 600_000);

afterAll(() => rmSync(join(dist, '..'), { recursive: true, force: true }));

describe('a study with an extra section', () => {
  it('prints the section in the CLI summary and writes its summary row', () => {
    expect(cliOutput).toMatch(/\n11 +digits-128 test /);
    const summary = summaryFile.parse(JSON.parse(readFileSync(join(data, 'results', 'summary.json'), 'utf8')));
    expect(summary.rows.at(-1)).toMatchObject({ section: '11' });
  });

  it('builds its page, links it from the navigation and lists it on the home page', () => {
    const page = join(dist, 'sections', '11', 'index.html');
    expect(existsSync(page)).toBe(true);
    const html = readFileSync(page, 'utf8');
    expect(html).toContain(`<h1>${TITLE}</h1>`);
    expect(html).toMatch(/Section 11 of \d+/);
    const home = readFileSync(join(dist, 'index.html'), 'utf8');
    expect(home).toMatch(/<span class="num">11\.<\/span> Digits again, trained for a second report/);
    expect(home).toMatch(/href="\/digits-fashion\/sections\/11\/"/);
    // Sections of models the small study does not declare are not built.
    expect(existsSync(join(dist, 'sections', '3', 'index.html'))).toBe(false);
  });
});
