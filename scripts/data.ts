/**
 * `npm run data [-- <dataset>…]`: makes sure the datasets (all, or the ones named) are where the training
 * step and the site build look for them — $MNIST_DIR / $FASHION_MNIST_DIR, the npm or Debian package, the
 * user cache — downloading any missing file into the cache from the dataset's mirror, and checks every
 * file's contents against training/data/checksums.ts. Prints where each dataset was found; exits 1 with
 * the loader's explanation when one cannot be provided. The Pages workflow runs it so that a site is never
 * published without the data its "Train it yourself" widget offers.
 */
import { BUILT_IN_DATASETS, datasetEntry } from '../core/datasets.ts';
import { DataError } from '../core/data-error.ts';
import { dataFingerprint } from '../training/data/file-hashes.ts';
import { resolveDatasetFiles } from '../training/data/datasets.ts';

const asked = process.argv.slice(2);
const DATASET_IDS = BUILT_IN_DATASETS.map((d) => d.id);
const unknown = asked.filter((a) => !DATASET_IDS.includes(a));
if (unknown.length > 0) {
  console.error(`npm run data: no dataset ${unknown.join(', ')}; name any of ${DATASET_IDS.join(', ')} (or none for all).`);
  process.exit(2);
}
let failed = false;
for (const id of asked.length ? asked : DATASET_IDS) {
  try {
    const resolved = await resolveDatasetFiles(id, { log: (line) => console.log(line) });
    const files = await dataFingerprint(id);
    const mb = files.reduce((a, f) => a + f.bytes, 0) / 1e6;
    console.log(`${datasetEntry(id).title}: ${files.length} files, ${mb.toFixed(1)} MB unpacked, SHA-256 as expected, from ${resolved.place} (${resolved.files[0].path.replace(/\/[^/]*$/, '')})`);
  } catch (err) {
    if (!(err instanceof DataError)) throw err;
    console.error(`${datasetEntry(id).title}: ${err.message}`);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
