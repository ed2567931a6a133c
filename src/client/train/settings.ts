/**
 * The settings of a "Train it yourself" run and their place in the page address, so a run can be shared
 * by link. One table of fields drives reading and writing (as TensorFlow Playground's state.ts does);
 * each field's parser rejects bad input, which then falls back to the default with a note; defaults are
 * left out of the address.
 */
import type { DatasetId } from '../../../schema/results.ts';

export interface RunConfig {
  dataset: DatasetId;
  units: number;
  epochs: number;
  learningRate: number;
  batchSize: number;
  seed: number;
  /** How many of the 60,000 training images (the first ones). */
  trainCount: number;
}

export const TRAIN_IMAGES = 60_000;

type Key = keyof RunConfig;

interface Field<K extends Key> {
  key: K;
  /** The address parameter. */
  param: string;
  label: string;
  parse(raw: string): RunConfig[K] | null;
}

const int = (min: number, max: number) => (raw: string) => {
  if (!/^\d+$/.test(raw.trim())) return null;
  const n = Number(raw);
  return n >= min && n <= max ? n : null;
};

/** The limits of each setting, shown beside its input too. */
export const LIMITS = {
  units: [16, 1024],
  epochs: [1, 50],
  batchSize: [1, 1024],
  seed: [0, 2 ** 31 - 1],
  trainCount: [100, TRAIN_IMAGES],
  learningRate: [1e-6, 1],
} as const satisfies Partial<Record<Key, readonly [number, number]>>;

export const FIELDS: readonly Field<Key>[] = [
  { key: 'dataset', param: 'dataset', label: 'dataset', parse: (raw) => (raw === 'digits' || raw === 'fashion' ? raw : null) },
  { key: 'units', param: 'units', label: 'hidden units', parse: int(...LIMITS.units) },
  { key: 'epochs', param: 'epochs', label: 'epochs', parse: int(...LIMITS.epochs) },
  {
    key: 'learningRate',
    param: 'lr',
    label: 'learning rate',
    parse: (raw) => {
      const n = Number(raw);
      return raw.trim() !== '' && Number.isFinite(n) && n >= LIMITS.learningRate[0] && n <= LIMITS.learningRate[1] ? n : null;
    },
  },
  { key: 'batchSize', param: 'batch', label: 'batch size', parse: int(...LIMITS.batchSize) },
  { key: 'seed', param: 'seed', label: 'seed', parse: int(...LIMITS.seed) },
  { key: 'trainCount', param: 'images', label: 'training images', parse: int(...LIMITS.trainCount) },
] as Field<Key>[];

/** The settings in `search` (a location.search), starting from `defaults`; bad values are named in `notes`. */
export function readSettings(search: string, defaults: RunConfig): { settings: RunConfig; notes: string[] } {
  const params = new URLSearchParams(search);
  const settings = { ...defaults };
  const notes: string[] = [];
  for (const f of FIELDS) {
    const raw = params.get(f.param);
    if (raw === null) continue;
    const value = f.parse(raw);
    if (value === null) notes.push(`The address sets ${f.label} to “${raw}”, which is not allowed here; using ${String(defaults[f.key])}.`);
    else (settings as Record<Key, unknown>)[f.key] = value;
  }
  if (settings.batchSize > settings.trainCount) {
    notes.push(`A batch of ${settings.batchSize} is more than the ${settings.trainCount} training images; using ${settings.trainCount}.`);
    settings.batchSize = settings.trainCount;
  }
  return { settings, notes };
}

/** `search` with the settings that differ from `defaults` written in and the others removed. */
export function writeSettings(settings: RunConfig, defaults: RunConfig, search: string): string {
  const params = new URLSearchParams(search);
  for (const f of FIELDS) {
    if (settings[f.key] === defaults[f.key]) params.delete(f.param);
    else params.set(f.param, String(settings[f.key]));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Parses one form value for `key`, or null when it is out of range. */
export function parseField<K extends Key>(key: K, raw: string): RunConfig[K] | null {
  const f = FIELDS.find((x) => x.key === key) as Field<K>;
  return f.parse(raw);
}

export function sameSettings(a: RunConfig, b: RunConfig): boolean {
  return FIELDS.every((f) => a[f.key] === b[f.key]);
}
