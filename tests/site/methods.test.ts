/**
 * The Methods page's Keras speed table (src/components/KerasMethods.astro), in the built site: one row
 * per trained model the crosscheck file holds, each with both trainers' seconds per epoch and their ratio.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { crosscheckFile } from '../../schema/crosscheck';
import { buildSite, ROOT } from '../../scripts/lib/site';

let html: string;
beforeAll(async () => {
  html = readFileSync(join(await buildSite(), 'methods', 'index.html'), 'utf8');
});

/** The body rows of the table whose header has `column`, as lists of cell texts. */
function tableRows(page: string, column: string): string[][] {
  const table = [...page.matchAll(/<table[\s\S]*?<\/table>/g)].map((m) => m[0]).find((t) => t.includes(`>${column}</th>`));
  if (!table) throw new Error(`no table with a "${column}" column on the Methods page`);
  const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => (c[1] ?? '').trim()),
  );
}

describe('Methods: Keras 3 speed table', () => {
  it('has a row per model in public/crosscheck/keras.json, with both times and the ratio', () => {
    const keras = crosscheckFile.parse(JSON.parse(readFileSync(join(ROOT, 'public/crosscheck/keras.json'), 'utf8')));
    const rows = tableRows(html, 'Keras ÷ ours');
    expect(rows.map((r) => r[0]).sort()).toEqual(Object.keys(keras.models).sort());
    for (const [model, units, ours, theirs, ratio] of rows) {
      expect(units).toMatch(/^\d+$/);
      expect(ours, model).toMatch(/^\d+\.\d\d s$/);
      expect(theirs, model).toBe(`${keras.models[model!]!.seconds_per_epoch.mean.toFixed(2)} s`);
      expect(Number(ratio?.replace('×', ''))).toBeCloseTo(Number.parseFloat(theirs!) / Number.parseFloat(ours!), 1);
    }
  });
});
