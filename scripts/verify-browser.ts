/**
 * `npm run verify:browser`: the full Reproduce of every training section that has the "Train it
 * yourself" widget, in headless Chromium against the built site; reports whether the weights are
 * identical to the published ones, max |Δw|, both SHA-256s, the time and the bytes downloaded. Exits
 * non-zero unless every one is identical. A verification run of minutes, not a unit test.
 */
import { STUDY } from '../training/config/experiments.ts';
import { openHarness, runWidget, siteArg } from './browser-run.ts';

// The sections whose declaration puts the widget on their page.
const sections = STUDY.sections.filter((s) => s.kind === 'training' && s.widgets.includes('train-yourself'));
const h = await openHarness(siteArg(process.argv));
let ok = true;
try {
  for (const spec of sections) {
    if (spec.kind !== 'training') continue;
    const { id } = spec;
    const r = await runWidget(h, `sections/${id}/`, 'reproduce');
    const identical = r.data.identical === 'true';
    ok &&= identical;
    console.log(`section ${id} (${spec.model}): ${r.state === 'done' ? (identical ? 'IDENTICAL' : 'NOT IDENTICAL') : `FAILED: ${r.error}`}`);
    console.log(`  max |Δw| = ${r.data.maxDiff}; SHA-256 browser ${r.data.sha256}, published ${r.publishedSha256}`);
    console.log(`  test accuracy ${r.data.testAccuracy}; training ${r.data.seconds} s (epochs: ${r.data.epochSeconds}); click to verdict ${r.wallSeconds.toFixed(1)} s; data downloaded ${(r.dataBytes / 1e6).toFixed(1)} MB`);
    for (const [phase, m] of Object.entries(r.mainThread)) {
      console.log(`  main thread, ${phase.padEnd(8)}: ${m.longTasks} tasks over 50 ms (longest ${m.longestTaskMs.toFixed(0)} ms); ${m.frames} frames, longest gap ${m.longestFrameGapMs.toFixed(0)} ms`);
    }
    console.log(`  peak renderer memory (the tab and its worker) ${r.peakRendererMb.toFixed(0)} MB`);
    console.log(`  verdict: ${r.verdict}`);
  }
} finally {
  await h.close();
}
process.exitCode = ok ? 0 : 1;
