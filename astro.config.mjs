// @ts-check
import { defineConfig } from 'astro/config';
import { dataAssets } from './scripts/site/data-assets.ts';
import { watPlugin } from './scripts/site/wat-plugin.ts';

/**
 * GitHub Pages serves a project site under https://<user>.github.io/<repo>/, so both the origin and the
 * sub-path come from the environment (the deploy workflow sets them); a local build serves from "/".
 *   SITE_URL       e.g. https://example.github.io   (default http://localhost:4321)
 *   BASE_PATH      e.g. /digits-fashion/            (default /)
 *   ASTRO_OUT_DIR  where the built site goes         (default ./dist; the tests build into .cache/)
 *   SITE_DATA_DIR  the results to build from, a folder like public/ (default ./public; a test builds a
 *                  site from a small study trained into a temporary folder)
 */
const site = process.env.SITE_URL || 'http://localhost:4321';
const rawBase = process.env.BASE_PATH || '/';
const base = rawBase.endsWith('/') ? rawBase : `${rawBase}/`;

export default defineConfig({
  site,
  base,
  trailingSlash: 'ignore',
  // The pages set a Content-Security-Policy that allows only 'self': no inline <style> or <script>, so
  // stylesheets and scripts are always emitted as files (assetsInlineLimit 0 also stops Vite inlining
  // small scripts and assets as data: URLs).
  build: { format: 'directory', inlineStylesheets: 'never' },
  // The one large chunk is tfjs (core + layers + webgl, ~1.3 MB raw, ~216 kB gzip): widgets import it
  // only when they scroll into view, so Vite's 500 kB warning would flag a deliberate choice every build.
  // The trainer's .wat kernels are assembled at build time (watPlugin), in page code and in the worker
  // bundle, which Vite builds with its own plugin list. The worker is one ES module file: WebKit
  // evaluates a module worker's entry script a second time when a chunk imports it back (its module map
  // does not hold the entry), and that second copy of tfjs re-registered every wasm kernel without their
  // setup, so training failed on the first matMul ("… is not a function"). No chunks, no import back.
  vite: {
    build: { assetsInlineLimit: 0, chunkSizeWarningLimit: 1400 },
    plugins: [watPlugin()],
    worker: { format: 'es', plugins: () => [watPlugin()], rollupOptions: { output: { inlineDynamicImports: true } } },
  },
  // The datasets the "Train it yourself" widget downloads, copied into the site (never committed).
  integrations: [dataAssets()],
  devToolbar: { enabled: false },
  outDir: process.env.ASTRO_OUT_DIR || './dist',
  publicDir: process.env.SITE_DATA_DIR || './public',
});
