/**
 * Every built page (under the sub-path base) is valid HTML by the W3C Nu HTML Checker, run offline
 * from the npm package vnu-jar, and clean by html-validate's recommended rules. The Nu checker needs a
 * Java runtime (8 or newer): where none is found the test is skipped and says so (.ci/run installs one).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../scripts/lib/site';

const VNU_JAR: string = createRequire(import.meta.url)('vnu-jar');

/** `$JAVA_HOME/bin/java`, else `java` on PATH; null when neither runs. */
function findJava(): string | null {
  const candidates = [process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : null, 'java'].filter((c): c is string => !!c);
  return candidates.find((c) => spawnSync(c, ['-version'], { stdio: 'ignore' }).status === 0) ?? null;
}
const JAVA = findJava();
if (!JAVA) console.warn('html-valid.test: no Java runtime (JAVA_HOME or java on PATH): the Nu HTML Checker test is skipped. Install one, e.g. apt-get install default-jre-headless.');

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

let dist: string;
let files: string[];
beforeAll(async () => {
  dist = await buildSite();
  files = htmlFiles(dist);
});

describe('valid HTML on every built page', () => {
  it.skipIf(!JAVA)('the Nu HTML Checker reports no error', () => {
    expect(files.length).toBeGreaterThanOrEqual(12); // home, methods, nine sections, 404
    const run = spawnSync(JAVA!, ['-jar', VNU_JAR, '--errors-only', '--format', 'json', ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
    // vnu prints its JSON report on stderr and exits 1 when it found errors.
    const report = JSON.parse(run.stderr) as { messages: { type: string; url: string; message: string; lastLine?: number; extract?: string }[] };
    const errors = report.messages
      .filter((m) => m.type === 'error' || m.type === 'non-document-error')
      .map((m) => `${relative(dist, new URL(m.url).pathname)}:${m.lastLine ?? '?'}: ${m.message}${m.extract ? ` [${m.extract.trim().slice(0, 120)}]` : ''}`);
    expect(errors).toEqual([]);
  });

  it("html-validate's recommended rules find nothing", async () => {
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended'],
      rules: {
        // Scrolling tables are <div role="region" aria-label tabindex="0">, the pattern axe asks for; a
        // <section> would add the same landmark under another name.
        'prefer-native-element': ['error', { exclude: ['region'] }],
        // Page titles are "section name · site name"; the section names come from the original study.
        'long-title': 'off',
      },
    });
    const problems: string[] = [];
    for (const file of files) {
      const report = await validator.validateFile(file);
      for (const r of report.results) for (const m of r.messages) problems.push(`${relative(dist, file)}:${m.line}:${m.column}: ${m.ruleId}: ${m.message}`);
    }
    expect(problems).toEqual([]);
  });
});
