/**
 * The chart renderer: the same spec gives byte-identical SVG (compared with reference files; run with
 * UPDATE_SVG=1 to rewrite them after an intended change), the SVG is tidied for embedding, and a broken
 * spec fails with the chart's name.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageFigure, mergeDots, renderSvg, specs, tidySvg } from '../../src/lib/charts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

const curveRows = ['0', '1', 'mean'].flatMap((run) =>
  [1, 2, 3, 4].flatMap((x) => [
    { x, y: 0.8 + x * 0.03 + (run === '1' ? 0.01 : 0), series: 'train', run },
    { x, y: 0.78 + x * 0.025, series: 'test', run },
  ]),
);
const names = ['a', 'b', 'c'];
const CHARTS = {
  curves: specs.curves({ rows: curveRows, xTitle: 'epoch', yTitle: 'accuracy', yFormat: '.0%', xRules: [{ value: 2.5, label: 'mark' }] }),
  heatmap: specs.heatmap({
    cells: names.flatMap((r, i) => names.map((c, j) => ({ row: r, col: c, value: i === j ? 0.9 : 0.05 * j, text: String(i * 3 + j) }))),
    rows: names, cols: names, rowTitle: 'true', colTitle: 'predicted', legendTitle: 'share',
  }),
  bars: specs.bars({ rows: names.map((c, i) => ({ category: c, value: 10 * (i + 1) })), categoryTitle: 'class', valueTitle: 'count', labels: true, rule: { value: 15, label: 'ref' } }),
  histogram: specs.histogram({ values: [0.1, 0.2, 0.2, 0.5, 0.55, 0.9], xTitle: 'accuracy', step: 0.1, extent: [0, 1], marks: [{ value: 0.5, label: 'chosen' }] }),
  scatter: specs.scatter({ points: [0, 1, 2, 3, 4, 5].map((i) => ({ x: i, y: (i * 7) % 5, cls: String(i % 3), wrong: i === 4 })), xTitle: 'x', yTitle: 'y', classes: ['0', '1', '2'], colors: ['#111111', '#222222', '#333333'] }),
};

describe('renderSvg', () => {
  for (const [name, spec] of Object.entries(CHARTS)) {
    it(`${name}: deterministic and equal to the reference SVG`, async () => {
      const a = await renderSvg(spec, name);
      const b = await renderSvg(spec, name);
      expect(a).toBe(b);
      const ref = join(FIXTURES, `${name}.svg`);
      if (process.env.UPDATE_SVG || !existsSync(ref)) writeFileSync(ref, a);
      expect(a).toBe(readFileSync(ref, 'utf8'));
    });
  }

  it('emits embeddable SVG: hidden from the accessibility tree, no ARIA of its own, no inline style, no background', async () => {
    const svg = await renderSvg(CHARTS.bars, 'bars');
    expect(svg.startsWith('<svg aria-hidden="true" focusable="false"')).toBe(true);
    expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
    expect(svg).not.toMatch(/\s(role|aria-label|aria-roledescription)=/);
    expect(svg).not.toMatch(/\sstyle=/);
    expect(svg).not.toMatch(/fill="white"/);
    expect(svg).not.toMatch(/="[^"]*\d\.\d{2,}[^"]*"/);
  });

  it('turns scatter points into compact circles', async () => {
    const svg = await renderSvg(CHARTS.scatter, 'scatter');
    expect(svg).toMatch(/<circle cx="[\d.-]+" cy="[\d.-]+" r="[\d.]+"/);
  });

  it('draws an image file\'s scatter dots as one path per class, with its own background and size', async () => {
    const svg = await renderSvg(CHARTS.scatter, 'scatter');
    const merged = mergeDots(svg);
    const legend = (t: string) => t.match(/role-legend-symbol"><circle /g)?.length ?? 0;
    expect(legend(merged)).toBe(legend(svg));
    expect(merged.match(/<circle /g)?.length).toBe(legend(svg));
    // Five dots (the sixth point is "wrong", drawn as a cross) in three classes: three paths, five dots.
    const paths = [...merged.matchAll(/<path d="((?:M[-\d.]+,[-\d.]+h0)+)" fill="none" stroke-width="[\d.]+" stroke-linecap="round" stroke="(#\d{6})"/g)];
    expect(paths.map((m) => m[2]).sort()).toEqual(['#111111', '#222222', '#333333']);
    expect(paths.reduce((n, m) => n + m[1].split('h0').length - 1, 0)).toBe(5);
    const fig = await imageFigure('scatter', CHARTS.scatter, { label: 'l', caption: 'c', table: { columns: ['a'], rows: [] } });
    expect(fig.svg).toMatch(/^<svg [^>]*width="(\d+)"[^>]*><rect width="\d+" height="\d+" fill="#ffffff"\/>/);
    expect(fig.image).toEqual({ width: Number(fig.svg.match(/width="(\d+)"/)![1]), height: Number(fig.svg.match(/height="(\d+)"/)![1]) });
  });

  it('names the chart when a spec is broken', async () => {
    await expect(renderSvg({ mark: 'nonsense', data: { values: [] } } as never, 'broken-one')).rejects.toThrow(/Chart "broken-one" failed to render/);
  });

  it('names ids after the chart, whatever was rendered before', async () => {
    await renderSvg(CHARTS.heatmap, 'first');
    const svg = await renderSvg(CHARTS.heatmap, 'second');
    expect(svg).toContain('id="c-second-0"');
    expect(svg).toContain('url(#c-second-0)');
  });

  it('tidySvg rounds attribute numbers but leaves text alone', () => {
    const out = tidySvg('<svg x="1"><path d="M1.23456,2.98765"/><text x="3.14159">0.12345</text></svg>');
    expect(out).toContain('d="M1.2,3"');
    expect(out).toContain('x="3.1"');
    expect(out).toContain('>0.12345<');
  });
});
