/**
 * The settings of a "Train it yourself" run. One table gives each numeric setting its limits, its form
 * input (name, label, HTML min/max/step: TrainYourself.astro draws the inputs from it) and its field in
 * the page address, which goes through url-state.ts under the widget's prefix (`?train.units=256`), like
 * every other widget's state: bad values fall back to the default with a note, defaults stay out.
 */
import type { DatasetId } from '../../../schema/results.ts';
import { integer, oneOf, real, readState, type Field, type Problem } from '../url-state.ts';

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

const TRAIN_IMAGES = 60_000;

type NumericKey = Exclude<keyof RunConfig, 'dataset'>;

export interface NumberSetting {
  key: NumericKey;
  /** The form input's name and the address field (`train.<name>`). */
  name: string;
  label: string;
  min: number;
  max: number;
  /** 1 for whole numbers; 'any' for the learning rate. */
  step: 1 | 'any';
}

/** Every numeric setting, in form order, with the limits the form, the address and the checks share. */
export const NUMBER_SETTINGS: readonly NumberSetting[] = [
  { key: 'units', name: 'units', label: 'Hidden units', min: 16, max: 1024, step: 1 },
  { key: 'epochs', name: 'epochs', label: 'Epochs', min: 1, max: 50, step: 1 },
  { key: 'learningRate', name: 'lr', label: 'Learning rate', min: 1e-6, max: 1, step: 'any' },
  { key: 'batchSize', name: 'batch', label: 'Batch size', min: 1, max: 1024, step: 1 },
  { key: 'seed', name: 'seed', label: 'Seed', min: 0, max: 2 ** 31 - 1, step: 1 },
  { key: 'trainCount', name: 'images', label: 'Training images', min: 100, max: TRAIN_IMAGES, step: 1 },
];

/** A setting's value for reading: whole numbers grouped ("60,000"), the learning rate as written. */
export const settingText = (n: NumberSetting, v: number) => (n.step === 1 ? v.toLocaleString('en-US') : String(v));

/** The dataset's form input and address field. */
export const DATASET_FIELD = 'dataset';

/** The address fields of the settings, by input name; `datasets` are the ones the build offers. */
export type SettingsFields = Record<string, Field<unknown>>;

export function settingsFields(datasets: readonly string[]): SettingsFields {
  const fields: SettingsFields = { [DATASET_FIELD]: oneOf(datasets) };
  for (const s of NUMBER_SETTINGS) fields[s.name] = s.step === 1 ? integer(s.min, s.max) : real(s.min, s.max);
  return fields;
}

/** The settings as address values, by input name. */
export function settingsValues(s: RunConfig): Record<string, unknown> {
  return Object.fromEntries([[DATASET_FIELD, s.dataset], ...NUMBER_SETTINGS.map((n) => [n.name, s[n.key]])]);
}

/** The settings the address asks for (`search`, keys `train.*`), starting from `defaults`; what it could not use is in `problems`. */
export function readSettings(search: string, prefix: string, fields: SettingsFields, defaults: RunConfig): { settings: RunConfig; problems: Problem[] } {
  const { values, problems } = readState(search, prefix, fields);
  const settings: RunConfig = { ...defaults };
  if (values[DATASET_FIELD] !== undefined) settings.dataset = values[DATASET_FIELD] as DatasetId;
  for (const n of NUMBER_SETTINGS) if (values[n.name] !== undefined) settings[n.key] = values[n.name] as number;
  if (settings.batchSize > settings.trainCount) {
    problems.push({ key: `${prefix}.batch`, raw: String(settings.batchSize), expected: `at most the number of training images (${settings.trainCount})` });
    settings.batchSize = settings.trainCount;
  }
  return { settings, problems };
}

/** One form value of a setting (by input name), or null when it is not allowed. */
export function parseSetting(fields: SettingsFields, name: string, raw: string): unknown {
  const field = fields[name];
  if (!field) throw new Error(`No setting named ${name}: the form and NUMBER_SETTINGS disagree.`);
  return field.parse(raw.trim());
}

export function sameSettings(a: RunConfig, b: RunConfig): boolean {
  return a.dataset === b.dataset && NUMBER_SETTINGS.every((n) => a[n.key] === b[n.key]);
}
