/**
 * `npm run verify:browser -- --study [--workers N] [--engine …] [--site <dist>]`: "Reproduce the whole
 * study" on the home page of the built site, in a fresh browser profile (nothing kept from an earlier
 * run), to the end; prints per section whether every figure and model is identical to the published ones,
 * per model its SHA-256 verdict, seconds and seconds per epoch, and the wall time, the main thread's
 * tasks over 50 ms in each phase (loading, training, analysing), the peak memory of the tab and the bytes
 * the server sent. Exits non-zero unless all is identical.
 */
import type { Receipt } from '../src/client/reproduce/receipt.ts';
import { dataOf, settle, waitForData, type EngineName } from './lib/browsers/engine.ts';
import { openHarness } from './browser-run.ts';

const W = 'reproduce-study';

/** Long tasks (Chromium only) from the moment this is installed, and when the widget's run state changed. */
const PROBE = `
  const probe = { longTasks: null, tasks: [], states: [] };
  window.__studyProbe = probe;
  if ((PerformanceObserver.supportedEntryTypes || []).includes('longtask')) {
    probe.longTasks = true;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) probe.tasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask' });
  }
  const w = document.querySelector('${W}');
  new MutationObserver(() => probe.states.push({ at: performance.now(), state: w.dataset.runState })).observe(w, { attributes: true, attributeFilter: ['data-run-state'] });`;

type Probe = { longTasks: boolean | null; tasks: { start: number; duration: number }[]; states: { at: number; state: string }[] };

/** Main-thread tasks over 50 ms per run state (the state the widget was in when the task began). */
function longTasksByState(probe: Probe): string {
  if (!probe.longTasks) return 'long tasks n/a in this engine';
  const stateAt = (t: number) => probe.states.filter((s) => s.at <= t).at(-1)?.state ?? 'idle';
  const order = [...new Set(probe.states.map((s) => s.state))];
  return order
    .map((state) => {
      const long = probe.tasks.filter((t) => t.duration > 50 && stateAt(t.start) === state);
      return `${state}: ${long.length} main-thread task${long.length === 1 ? '' : 's'} over 50 ms${long.length ? ` (longest ${Math.max(...long.map((t) => t.duration)).toFixed(0)} ms)` : ''}`;
    })
    .join('; ');
}

const mb = (bytes: number) => (bytes < 1e6 ? `${Math.round(bytes / 1e3)} kB` : `${(bytes / 1e6).toFixed(1)} MB`);

export async function verifyStudy(engines: EngineName[], siteDir: string | undefined, workers: number | undefined): Promise<boolean> {
  let ok = true;
  for (const name of engines) {
    const h = await openHarness(name, siteDir);
    if ('skipped' in h) {
      console.log(`${name}: skipped: ${h.skipped}`);
      ok = false;
      continue;
    }
    const page = await h.engine.newPage();
    let peakMemoryMb = null as number | null;
    const sampler = setInterval(() => {
      const mb = h.engine.contentMemoryMb();
      if (mb !== null) peakMemoryMb = Math.max(peakMemoryMb ?? 0, mb);
    }, 500);
    try {
      await page.goto(h.site.url(workers ? `?reproduce.workers=${workers}` : ''));
      await page.run(`document.querySelector('${W}').scrollIntoView()`);
      await waitForData(page, W, 'runState', (v) => v === 'idle', 120_000);
      await settle(page);
      const parallel = await page.run<string>(`return document.querySelector('${W} [data-part="workers"]').value`);
      console.log(`== ${h.engine.version}: the whole study with ${parallel} worker${parallel === '1' ? '' : 's'}`);
      await page.run(PROBE);
      const bytesOpening = h.site.bytesSent();
      const t0 = performance.now();
      await page.click(`${W} [data-part="start"]`);
      const state = await waitForData(page, W, 'runState', (v) => v === 'done' || v === 'error', 6 * 3_600_000);
      const wall = (performance.now() - t0) / 1000;
      const bytesReproducing = h.site.bytesSent() - bytesOpening;
      const data = await dataOf(page, W);
      if (state !== 'done') {
        console.log(`FAILED: ${await page.run<string>(`return document.querySelector('${W} [data-part="error"]').textContent`)}`);
        ok = false;
        continue;
      }
      const receipt = JSON.parse(data.receipt ?? '{}') as Receipt;
      for (const s of receipt.sections) {
        console.log(`section ${s.section.padEnd(3)} ${s.identical ? 'IDENTICAL' : 'NOT IDENTICAL'}  (${s.numbersCompared} numbers compared, ${s.numbersDiffering} differ, ${s.numbersNeedingAllSeeds} need all seeds; models ${s.modelsIdentical ? 'identical' : 'differ'})  ${s.title}`);
      }
      for (const m of receipt.models) {
        const time = m.seconds === null ? 'n/a' : `${m.seconds.toFixed(1)} s, ${(m.secondsPerEpoch ?? 0).toFixed(3)} s/epoch over ${m.epochs} epochs`;
        console.log(`model ${`${m.model} seed ${m.seed}`.padEnd(24)} ${m.identical ? 'IDENTICAL' : 'NOT IDENTICAL'}  ${time}${m.trainedHere ? '' : ' (kept)'}  ${m.sha256}`);
      }
      const longTasks = longTasksByState(await page.run<Probe>('return window.__studyProbe'));
      console.log(`wall ${wall.toFixed(1)} s with ${receipt.workers} workers on ${receipt.cores} cores; ${longTasks}; peak memory of the tab ${peakMemoryMb === null ? 'n/a' : `${peakMemoryMb.toFixed(0)} MB`}`);
      console.log(`downloaded (as sent, gzip where Pages gzips): ${mb(bytesOpening)} opening the page, ${mb(bytesReproducing)} reproducing (datasets, code, published weights and figures)`);
      ok &&= receipt.identical;
    } finally {
      clearInterval(sampler);
      await page.close();
      await h.close();
    }
  }
  return ok;
}
