/**
 * `npm run verify:browser [-- --engine chromium|firefox|webkit|all] [--site <dist>]`: the full Reproduce
 * of every training section that has the "Train it yourself" widget, in each engine against the built
 * site; prints per engine and section whether the weights are identical to the published ones, max |Δw|,
 * the SHA-256s, training seconds and seconds per epoch, the data downloaded, the main thread's health
 * and the peak memory of the engine's content process; then whether the engines agree with each other.
 * Exits non-zero unless every run is identical. A verification of minutes, not a unit test.
 * With `--study [--workers N]`: "Reproduce the whole study" instead (scripts/verify-study.ts).
 */
import { STUDY } from '../training/config/experiments.ts';
import { ENGINE_TITLES, parseEngines, type EngineName } from './lib/browsers/engine.ts';
import { argValue, openHarness, runWidget } from './browser-run.ts';
import { verifyStudy } from './verify-study.ts';

let engines: EngineName[];
try {
  engines = parseEngines(argValue(process.argv, '--engine'));
} catch (err) {
  console.error(`npm run verify:browser: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
}
if (process.argv.includes('--study')) {
  const workers = argValue(process.argv, '--workers');
  if (workers !== undefined && !/^[1-9]\d*$/.test(workers)) {
    console.error(`npm run verify:browser: --workers takes a number of workers (1, 2, …), not "${workers}".`);
    process.exit(2);
  }
  const ok = await verifyStudy(engines, argValue(process.argv, '--site'), workers ? Number(workers) : undefined);
  process.exit(ok ? 0 : 1);
}
// The sections whose declaration puts the widget on their page.
const sections = STUDY.sections.flatMap((s) => (s.kind === 'training' && s.widgets.includes('train-yourself') ? [s] : []));
const siteDir = argValue(process.argv, '--site');
const shas: Record<string, Partial<Record<EngineName, string>>> = {};
let ok = true;

const fmt = (x: number | null, digits = 0) => (x === null ? 'n/a' : x.toFixed(digits));

for (const name of engines) {
  const h = await openHarness(name, siteDir);
  if ('skipped' in h) {
    console.log(`${ENGINE_TITLES[name]}: skipped: ${h.skipped}`);
    ok = false;
    continue;
  }
  console.log(`== ${h.engine.version}`);
  try {
    for (const spec of sections) {
      const { id } = spec;
      const r = await runWidget(h, `sections/${id}/`, 'reproduce');
      const identical = r.data.identical === 'true';
      ok &&= identical;
      (shas[id] ??= {})[name] = r.data.sha256;
      const epochs = (r.data.epochSeconds ?? '').split(' ').filter(Boolean).map(Number);
      const perEpoch = epochs.length ? epochs.reduce((a, b) => a + b, 0) / epochs.length : NaN;
      console.log(`section ${id} (${spec.model}) in ${name}: ${r.state === 'done' ? (identical ? 'IDENTICAL' : 'NOT IDENTICAL') : `FAILED: ${r.error}`}`);
      console.log(`  max |Δw| = ${r.data.maxDiff}; SHA-256 ${name} ${r.data.sha256}, published ${r.publishedSha256}`);
      console.log(`  training ${r.data.seconds} s, ${perEpoch.toFixed(2)} s/epoch over ${epochs.length} epochs (${epochs.map((s) => s.toFixed(1)).join(', ')}); test accuracy ${r.data.testAccuracy}`);
      console.log(`  click to verdict ${r.wallSeconds.toFixed(1)} s; data downloaded ${(Number(r.data.downloadedBytes ?? 0) / 1e6).toFixed(1)} MB; peak memory of the content process ${fmt(r.peakMemoryMb)} MB`);
      for (const [phase, m] of Object.entries(r.mainThread)) {
        const tasks = m.longTasks === null ? 'long tasks n/a in this engine' : `${m.longTasks} tasks over 50 ms (longest ${fmt(m.longestTaskMs)} ms)`;
        console.log(`  main thread, ${phase.padEnd(8)}: ${tasks}; ${m.frames} frames, longest gap ${m.longestFrameGapMs.toFixed(0)} ms`);
      }
      console.log(`  verdict: ${r.verdict}`);
    }
  } finally {
    await h.close();
  }
}

if (engines.length > 1) {
  for (const [id, byEngine] of Object.entries(shas)) {
    const distinct = new Set(Object.values(byEngine));
    console.log(`section ${id}: ${distinct.size === 1 ? `all ${Object.keys(byEngine).length} engines agree` : 'engines DISAGREE'} (${Object.entries(byEngine).map(([e, s]) => `${e} ${s?.slice(0, 12)}`).join(', ')})`);
    ok &&= distinct.size === 1;
  }
}
process.exitCode = ok ? 0 : 1;
