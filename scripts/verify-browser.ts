/**
 * `npm run verify:browser`: the full Reproduce of every training section that has the "Train it
 * yourself" widget, in headless Chromium against the built site; reports whether the weights are
 * identical to the published ones, max |Δw|, both SHA-256s, the time and the bytes downloaded. Exits
 * non-zero unless every one is identical. A verification run of minutes, not a unit test.
 */
import { STUDY } from '../training/config/experiments.ts';
import { openHarness, runWidget, siteArg } from './browser-run.ts';

const sections = Object.entries(STUDY.sections).filter(([, s]) => s.kind === 'training');
const h = await openHarness(siteArg(process.argv));
let ok = true;
try {
  for (const [id, spec] of sections) {
    if (spec.kind !== 'training') continue;
    const page = await h.browser.newPage();
    await page.goto(h.site.url(`sections/${id}/`));
    const has = (await page.locator('train-yourself').count()) > 0;
    await page.close();
    if (!has) continue;
    const r = await runWidget(h, `sections/${id}/`, 'reproduce');
    const identical = r.data.identical === 'true';
    ok &&= identical;
    console.log(`section ${id} (${spec.model}): ${r.state === 'done' ? (identical ? 'IDENTICAL' : 'NOT IDENTICAL') : `FAILED: ${r.error}`}`);
    console.log(`  max |Δw| = ${r.data.maxDiff}; SHA-256 browser ${r.data.sha256}, published ${r.publishedSha256}`);
    console.log(`  test accuracy ${r.data.testAccuracy}; training ${r.data.seconds} s (epochs: ${r.data.epochSeconds}); click to verdict ${r.wallSeconds.toFixed(1)} s; data downloaded ${(r.dataBytes / 1e6).toFixed(1)} MB`);
    console.log(`  verdict: ${r.verdict}`);
  }
} finally {
  await h.close();
}
process.exitCode = ok ? 0 : 1;
