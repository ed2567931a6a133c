/**
 * The live widgets follow the declaration: on every section page, each widget the section lists runs the
 * section's declared model, with that model's own gallery (its dataset's test images and its build-time
 * predictions), never another model's (src/components/widgets/LiveWidgets.astro and data.ts); and each
 * widget's data-config is what its script accepts (src/client/widget-config.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/v4-mini';
import { galleryJsonPath } from '../../core/layout';
import { alphaExplorerConfig, drawPadConfig, hiddenLayerConfig, rePredictConfig, trainConfig } from '../../src/client/widget-config';
import { modelsOf } from '../../schema/study';
import { STUDY } from '../../training/config/experiments.ts';
import { buildSite } from '../../scripts/lib/site';

/** Each widget's schema (src/client/widget-config.ts), which its script checks the build's data-config against. */
const SCHEMAS = { 're-predict': rePredictConfig, draw: drawPadConfig, 'alpha-explorer': alphaExplorerConfig, 'hidden-layer': hiddenLayerConfig, 'train-yourself': trainConfig } as const;
const TAGS = { 're-predict': 'repredict-gallery', draw: 'draw-pad', 'alpha-explorer': 'alpha-explorer', 'hidden-layer': 'hidden-layer', 'train-yourself': 'train-yourself' } as const;
let dist: string;
beforeAll(async () => {
  dist = await buildSite();
});

const unescape = (t: string) => t.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&quot;/g, '"').replace(/&amp;/g, '&');
/** The attributes of the first `<tag …>` on a page. */
function attributes(html: string, tag: string): Record<string, string> {
  const open = new RegExp(`<${tag}\\s([^>]*)>`).exec(html)?.[1];
  if (open === undefined) throw new Error(`no <${tag}> on the page`);
  return Object.fromEntries([...open.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], unescape(m[2] ?? '')]));
}

describe('live widgets use the section’s declared model and its gallery', () => {
  const withWidgets = STUDY.sections.filter((s) => s.widgets.length > 0);
  it.each(withWidgets.map((s) => [s.id, s] as const))('section %s', (_, section) => {
    const html = readFileSync(join(dist, 'sections', section.id, 'index.html'), 'utf8');
    const model = modelsOf(section)[0];
    for (const widget of section.widgets) {
      const a = attributes(html, TAGS[widget]);
      const checked = z.safeParse(SCHEMAS[widget], JSON.parse(a['data-config'] ?? 'null'));
      expect(checked.success ? [] : checked.error.issues, `section ${section.id} ${widget}: data-config matches its schema`).toEqual([]);
      if (widget === 'alpha-explorer') {
        const [own] = (JSON.parse(a['data-config'] ?? '{}') as { sources: { modelName: string; galleryUrl: string }[] }).sources;
        expect(own?.modelName, `section ${section.id} ${widget}`).toBe(model);
        expect(own?.galleryUrl).toMatch(new RegExp(`${galleryJsonPath(model!)}$`));
      } else if (widget === 'train-yourself') {
        expect((JSON.parse(a['data-config'] ?? '{}') as { model?: string }).model, `section ${section.id} ${widget}`).toBe(model);
      } else {
        const config = JSON.parse(a['data-config'] ?? '{}') as { model: { name: string }; gallery?: { url: string } };
        expect(config.model.name, `section ${section.id} ${widget}`).toBe(model);
        if (widget !== 'draw') expect(config.gallery?.url).toMatch(new RegExp(`${galleryJsonPath(model!)}$`));
      }
    }
  });
});
