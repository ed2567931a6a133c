/**
 * The built site, for tests: built once per source state under a sub-path base, and served from
 * 127.0.0.1 on a random port by a tiny static server that behaves like GitHub Pages (directory →
 * index.html, "/dir" → 301 "/dir/", 404.html for misses, nothing outside the base, text gzipped for
 * clients that accept it: Lighthouse's simulated phone network would otherwise time uncompressed HTML).
 *
 *   import { startSite } from '../../scripts/lib/site';
 *   const site = await startSite();          // builds if needed, then serves
 *   await page.goto(site.url('sections/6/')); // → http://127.0.0.1:PORT/digits-fashion/sections/6/
 *   await site.close();
 *
 * The build goes to .cache/site-test/dist and is reused while nothing under src/, public/, schema/,
 * astro.config.mjs or package-lock.json changes (a key of paths, sizes and mtimes). A lock directory
 * makes parallel test files wait for one build instead of starting their own.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createGzip } from 'node:zlib';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BASE_PATH = '/digits-fashion/';
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE = join(ROOT, '.cache', 'site-test');
const DIST = join(CACHE, 'dist');
const KEY_FILE = join(CACHE, 'key');
const LOCK = join(CACHE, 'lock');
// trainer/, the wat plugin and the data assets are bundled into the site's worker and pages too.
const INPUTS = ['src', 'public', 'core', 'schema', 'trainer', 'crosscheck/code-hash.ts', 'scripts/site', 'training/data', 'training/tf/kernels.ts', 'astro.config.mjs', 'package-lock.json', 'scripts/lib/site.ts'];

export interface Site {
  /** "http://127.0.0.1:PORT" */
  origin: string;
  /** "/digits-fashion/" */
  base: string;
  /** Directory the site is served from. */
  root: string;
  /** Absolute URL of a site-relative path: url('sections/6/'). */
  url(path?: string): string;
  /** Bytes sent so far, headers included, gzipped as GitHub Pages sends them: what readers download. */
  bytesSent(): number;
  close(): Promise<void>;
}

function sourceKey(): string {
  const hash = createHash('sha256').update(BASE_PATH);
  const walk = (p: string): void => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) for (const name of readdirSync(p).sort()) walk(join(p, name));
    else hash.update(`${p}\0${st.size}\0${st.mtimeMs}\n`);
  };
  for (const input of INPUTS) walk(join(ROOT, input));
  return hash.digest('hex');
}

/**
 * The environment for the build without what vitest adds to process.env (BASE_URL, MODE, DEV, PROD,
 * SSR, NODE_ENV=test, VITEST*): Astro would read them as import.meta.env values and build for "/".
 */
function buildEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|VITEST.*|TEST)$/.test(k)) delete env[k];
  return env;
}

/** `astro build` under BASE_PATH into `outDir`; `env` adds variables (SITE_DATA_DIR). */
export function runBuild(outDir: string, env: Record<string, string> = {}): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/astro/astro.js'), 'build', '--silent'], {
      cwd: ROOT,
      env: { ...buildEnv(), BASE_PATH, ASTRO_OUT_DIR: outDir, SITE_URL: 'http://127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`astro build failed (exit ${code}):\n${log}`))));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Build the site under BASE_PATH unless an up-to-date build exists; returns the dist directory. */
export async function buildSite(): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  for (;;) {
    const key = sourceKey();
    if (existsSync(KEY_FILE) && readFileSync(KEY_FILE, 'utf8') === key && existsSync(DIST)) return DIST;
    try {
      mkdirSync(LOCK);
    } catch {
      // Another test file is building: wait for it (a lock older than 10 minutes is a crashed build).
      const lock = statSync(LOCK, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > 600_000) rmSync(LOCK, { recursive: true, force: true });
      await sleep(250);
      continue;
    }
    try {
      const tmp = join(CACHE, `dist-${process.pid}-${Date.now()}`);
      await runBuild(tmp);
      rmSync(DIST, { recursive: true, force: true });
      renameSync(tmp, DIST);
      writeFileSync(KEY_FILE, key);
      return DIST;
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.wasm': 'application/wasm', '.bin': 'application/octet-stream', '.txt': 'text/plain; charset=utf-8', '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json', '.xml': 'application/xml',
};

/** What GitHub Pages gzips: text formats (binary models, images and wasm are sent as they are). */
const COMPRESSED = /^(text\/|application\/(json|xml|manifest\+json)|image\/svg\+xml)/;

/**
 * The base path a built site was made for, read from its home page's asset links: `npm run build` makes
 * "/" (or BASE_PATH from the environment), the tests' builds BASE_PATH. Serving under another base
 * would 404 every script and leave each widget waiting.
 */
function builtBase(root: string): string {
  const index = join(root, 'index.html');
  if (!existsSync(index)) throw new Error(`${index} does not exist: --site takes the folder \`npm run build\` wrote (dist/).`);
  const m = /(?:href|src)="((?:\/[^"/]+)*\/)_astro\//.exec(readFileSync(index, 'utf8'));
  return m?.[1] ?? BASE_PATH;
}

/** Serve a directory under `base` from 127.0.0.1 on a random free port. */
export async function serve(root: string, base = builtBase(root)): Promise<Site> {
  const rootDir = resolve(root);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const send = (status: number, file?: string, headers: Record<string, string> = {}) => {
      const type = file ? TYPES[extname(file)] ?? 'application/octet-stream' : 'text/plain';
      const gzip = file !== undefined && COMPRESSED.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      res.writeHead(status, { 'content-type': type, vary: 'accept-encoding', ...(gzip ? { 'content-encoding': 'gzip' } : {}), ...headers });
      if (file && req.method !== 'HEAD') (gzip ? createReadStream(file).pipe(createGzip()) : createReadStream(file)).pipe(res);
      else res.end(file || status === 304 ? undefined : `${status}\n`);
    };
    const notFound = () => (existsSync(join(rootDir, '404.html')) ? send(404, join(rootDir, '404.html')) : send(404));
    if (!path.startsWith(base) && `${path}/` !== base) return notFound();
    if (`${path}/` === base) return send(301, undefined, { location: base });
    const file = normalize(join(rootDir, path.slice(base.length)));
    if (file !== rootDir && !file.startsWith(rootDir + sep)) return notFound();
    const st = statSync(file, { throwIfNoEntry: false });
    if (st?.isDirectory()) {
      if (!path.endsWith('/')) return send(301, undefined, { location: `${path}/` });
      return existsSync(join(file, 'index.html')) ? send(200, join(file, 'index.html')) : notFound();
    }
    if (!st?.isFile()) return notFound();
    // What GitHub Pages sends: ten minutes' freshness and a validator, so a reader's browser downloads a
    // file once (a dataset read by four models, a test set by ten sections) and then revalidates it.
    const etag = `W/"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
    const caching = { 'cache-control': 'max-age=600', etag, 'last-modified': st.mtime.toUTCString() };
    if (req.headers['if-none-match'] === etag) return send(304, undefined, caching);
    return send(200, file, caching);
  });
  let sentByClosed = 0;
  const open = new Set<Socket>();
  server.on('connection', (socket) => {
    open.add(socket);
    socket.on('close', () => {
      sentByClosed += socket.bytesWritten;
      open.delete(socket);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    base,
    root: rootDir,
    url: (p = '') => `${origin}${base}${p.replace(/^\/+/, '')}`,
    bytesSent: () => sentByClosed + [...open].reduce((n, socket) => n + socket.bytesWritten, 0),
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

/** Build (once) and serve the site: the one call browser and crawl tests need. */
export async function startSite(): Promise<Site> {
  return serve(await buildSite());
}
