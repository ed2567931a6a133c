/**
 * A same-origin crawler for the built site: follows every href/src from the home page, fetches each
 * once, and records status, type and where it was linked from. Pages are HTML responses; every other
 * URL is an asset (CSS, JS, images, JSON, models). External links are collected, not fetched.
 */
import type { Site } from './site';

interface Fetched { url: string; status: number; type: string; from: string; body?: string }
export interface Crawl { pages: Fetched[]; assets: Fetched[]; external: { url: string; from: string; tag: string }[] }

const TAG = /<([a-z][a-z0-9-]*)\b[^>]*>/gi;
const ATTR = /\s(href|src|srcset|data-[a-z-]*url)="([^"]*)"/gi;

/** URLs referenced by an HTML page (href, src, srcset, data-*-url), with the tag they appear on. */
function references(html: string): { tag: string; value: string }[] {
  const out: { tag: string; value: string }[] = [];
  for (const [whole, name] of html.matchAll(TAG)) {
    // rel="canonical" names the page's public address (SITE_URL), not something to load.
    const tag = /\srel="canonical"/.test(whole) ? 'canonical' : name.toLowerCase();
    for (const [, attr, raw] of whole.matchAll(ATTR)) {
      const value = raw.replace(/&amp;/g, '&');
      if (attr === 'srcset') for (const part of value.split(',')) out.push({ tag, value: part.trim().split(/\s+/)[0] });
      else out.push({ tag, value });
    }
  }
  return out;
}

/** Files a tfjs model.json needs (its weight shards), relative to the model.json URL. */
function modelShards(modelJson: string, url: string): string[] {
  const m = JSON.parse(modelJson) as { weightsManifest?: { paths: string[] }[] };
  return (m.weightsManifest ?? []).flatMap((g) => g.paths).map((p) => new URL(p, url).href);
}

export async function crawlSite(site: Site, extra: string[] = []): Promise<Crawl> {
  const seen = new Map<string, Fetched>();
  const external: Crawl['external'] = [];
  const queue: { url: string; from: string }[] = [{ url: site.url(''), from: '(start)' }, ...extra.map((u) => ({ url: u, from: '(extra)' }))];
  while (queue.length) {
    const { url, from } = queue.shift()!;
    if (seen.has(url)) continue;
    const res = await fetch(url, { redirect: 'follow' });
    const type = res.headers.get('content-type') ?? '';
    const isText = /html|json/.test(type);
    const body = isText ? await res.text() : (await res.arrayBuffer(), undefined);
    const item: Fetched = { url, status: res.status, type, from, body };
    seen.set(url, item);
    if (res.status !== 200) continue;
    if (type.includes('html')) {
      for (const { tag, value } of references(body!)) {
        if (!value || value.startsWith('#') || value.startsWith('mailto:') || value.startsWith('data:')) continue;
        const abs = new URL(value, url);
        abs.hash = '';
        if (abs.origin !== site.origin) { external.push({ url: abs.href, from: url, tag }); continue; }
        queue.push({ url: abs.href, from: url });
      }
    } else if (url.endsWith('/model.json')) {
      for (const shard of modelShards(body!, url)) queue.push({ url: shard, from: url });
    }
  }
  const all = [...seen.values()];
  return { pages: all.filter((f) => f.type.includes('html')), assets: all.filter((f) => !f.type.includes('html')), external };
}

/** The URLs of every page the crawl reached with status 200: what the per-page browser checks visit. */
export async function sitePages(site: Site): Promise<string[]> {
  return (await crawlSite(site)).pages.filter((p) => p.status === 200).map((p) => p.url);
}
