/**
 * What the eight data files must contain, and where they canonically come from. The hashes are of the
 * UNCOMPRESSED contents: Debian recompressed the Fashion-MNIST .gz files, so hashes of the .gz bytes
 * differ between sources even though the data is identical.
 */
import type { DatasetId } from '../../schema/results.ts';

export type { DatasetId };

/** The datasets' names in the loader's messages and the browser's. */
export const TITLES: Readonly<Record<DatasetId, string>> = { digits: 'MNIST digits', fashion: 'Fashion-MNIST' };

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

export const CHECKSUMS: Readonly<Record<DatasetId, DatasetChecksums>> = {
  digits: {
    'train-images-idx3-ubyte': {
      bytes: 47_040_016,
      sha256: 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db',
    },
    'train-labels-idx1-ubyte': {
      bytes: 60_008,
      sha256: '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5',
    },
    't10k-images-idx3-ubyte': {
      bytes: 7_840_016,
      sha256: '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7',
    },
    't10k-labels-idx1-ubyte': {
      bytes: 10_008,
      sha256: 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2',
    },
  },
  fashion: {
    'train-images-idx3-ubyte': {
      bytes: 47_040_016,
      sha256: 'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888',
    },
    'train-labels-idx1-ubyte': {
      bytes: 60_008,
      sha256: 'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9',
    },
    't10k-images-idx3-ubyte': {
      bytes: 7_840_016,
      sha256: '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b',
    },
    't10k-labels-idx1-ubyte': {
      bytes: 10_008,
      sha256: '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34',
    },
  },
};

/** Canonical download locations; each serves `<file>.gz`. Base URLs end in "/". */
export const MIRRORS: Readonly<Record<DatasetId, string>> = {
  digits: 'https://storage.googleapis.com/cvdf-datasets/mnist/',
  fashion: 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/',
};

export function mirrorUrl(id: DatasetId, file: IdxFile): string {
  return `${MIRRORS[id]}${file}.gz`;
}
