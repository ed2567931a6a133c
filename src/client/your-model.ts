/**
 * The model a reader trained ("Train it yourself"), offered to the widgets as "your model" beside the
 * published one: on the page it was trained on at once, and on the site's other pages from this
 * browser's IndexedDB, which keeps the latest model of each dataset until the reader forgets it. The
 * trainer offers, widgets subscribe (model-choice.ts) and are told of every model and every forgetting.
 * Without IndexedDB (some private modes) a model lives as long as its page.
 */
import type { DatasetId } from '../../schema/results.ts';
import type { ModelFiles } from './tf.ts';

export interface YourModel {
  /** Unique per trained model, so the runtime's model cache never confuses two runs. */
  key: string;
  /** "your model (784-256-10, 5 epochs, seed 3)". */
  label: string;
  dataset: DatasetId;
  files: ModelFiles;
}

const EVENT = 'digits-fashion:your-model';
type Change = { dataset: DatasetId; model: YourModel | null };

const DB = 'digits-fashion';
const STORE = 'your-models';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') return reject(new Error('no IndexedDB'));
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB open failed'));
  });
}

/** One request on the store; a failure (no IndexedDB, quota, private mode) resolves to undefined. */
async function withStore<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T | undefined> {
  try {
    const db = await openDb();
    return await new Promise<T>((resolve, reject) => {
      const req = act(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
    }).finally(() => db.close());
  } catch {
    return undefined;
  }
}

const current = new Map<DatasetId, YourModel>();
let stored: Promise<void> | null = null;

/** The models kept by earlier pages, read once per page (a model offered meanwhile wins). */
function loadStored(): Promise<void> {
  stored ??= withStore<YourModel[]>('readonly', (s) => s.getAll() as IDBRequest<YourModel[]>).then((models) => {
    for (const m of models ?? []) if (!current.has(m.dataset)) current.set(m.dataset, m);
  });
  return stored;
}

function announce(change: Change): void {
  document.dispatchEvent(new CustomEvent<Change>(EVENT, { detail: change }));
}

/** Offers `model` to this page's widgets at once; resolves to whether the browser kept it for the other pages. */
export async function offerModel(model: YourModel): Promise<boolean> {
  current.set(model.dataset, model);
  announce({ dataset: model.dataset, model });
  return (await withStore('readwrite', (s) => s.put(model, model.dataset))) !== undefined;
}

/** Drops the dataset's model here and in the browser's store; widgets go back to the published model. */
export function forgetModel(dataset: DatasetId): void {
  current.delete(dataset);
  announce({ dataset, model: null });
  void withStore('readwrite', (s) => s.delete(dataset));
}

/** Calls `changed` with each dataset's model already known (stored or offered) and at every later change. */
export function onYourModel(changed: (dataset: DatasetId, model: YourModel | null) => void): void {
  document.addEventListener(EVENT, (e) => {
    const { dataset, model } = (e as CustomEvent<Change>).detail;
    changed(dataset, model);
  });
  void loadStored().then(() => {
    for (const [dataset, model] of current) changed(dataset, model);
  });
}
