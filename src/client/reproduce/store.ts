/**
 * The models this browser has reproduced, and the checkpoints of those still training, in IndexedDB, so
 * a model is trained once per browser: every section that reads it (and the page's widgets, as "your
 * model") reuses it, and a run stopped by the reader, a closed tab or a reload resumes from its last
 * epoch. Records are keyed by the run's settings and the trainer's code version (model-key.ts): a site
 * with another trainer never reuses a model trained by an older one. Used by the page and the workers
 * (IndexedDB is available in both). Its own database, so "your model" (your-model.ts) is unaffected.
 */
import type { LayersFiles } from '../../../trainer/artifacts.ts';
import type { RunMeasures } from '../../../trainer/run-record.ts';
import type { RunCheckpoint } from '../../../trainer/run.ts';
import type { RunConfig } from '../train/settings.ts';

const DB = 'digits-fashion-reproduced';
const MODELS = 'models';
const CHECKPOINTS = 'checkpoints';

/** A finished reproduction. */
export interface StoredModel {
  key: string;
  settings: RunConfig;
  trainerVersion: string;
  /** The trainer's name, as run.json records it. */
  trainer: string;
  modelJson: LayersFiles['modelJson'];
  /** weights.bin. */
  weights: ArrayBuffer;
  sha256: string;
  measures: RunMeasures;
  /** Training seconds, summed over the epochs (a resumed run's earlier sessions included). */
  seconds: number;
  savedAt: string;
}

/** A reproduction between two epochs. */
export interface StoredCheckpoint {
  key: string;
  settings: RunConfig;
  run: RunCheckpoint;
  savedAt: string;
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') return reject(new Error('this browser has no IndexedDB (a private window?)'));
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(MODELS);
      req.result.createObjectStore(CHECKPOINTS);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
    req.onblocked = () => reject(new Error('IndexedDB is blocked by another tab of this site; close it and try again'));
  });
}

/** One transaction over `stores`; resolves with `act`'s result once the transaction has committed. */
async function transact<T>(stores: string[], mode: IDBTransactionMode, act: (tx: IDBTransaction) => Promise<T> | T): Promise<T> {
  const db = await openDb();
  try {
    const tx = db.transaction(stores, mode);
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    });
    const result = await act(tx);
    await done;
    return result;
  } finally {
    db.close();
  }
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * The stored value under `key`, or undefined. A record that does not have the shape this version writes
 * (an older site's) counts as absent: it is retrained and overwritten.
 */
async function get<T>(store: string, key: string, valid: (v: unknown) => v is T): Promise<T | undefined> {
  const value = await transact([store], 'readonly', (tx) => request(tx.objectStore(store).get(key)));
  return valid(value) ? value : undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isModel = (v: unknown): v is StoredModel =>
  isObject(v) && typeof v.key === 'string' && typeof v.sha256 === 'string' && v.weights instanceof ArrayBuffer && isObject(v.measures) && isObject(v.modelJson) && typeof v.seconds === 'number';
const isCheckpoint = (v: unknown): v is StoredCheckpoint =>
  isObject(v) && typeof v.key === 'string' && isObject(v.run) && isObject(v.run.trainer) && Array.isArray(v.run.history);

export const getModel = (key: string) => get(MODELS, key, isModel);
export const getCheckpoint = (key: string) => get(CHECKPOINTS, key, isCheckpoint);

export function putCheckpoint(c: StoredCheckpoint): Promise<void> {
  return transact([CHECKPOINTS], 'readwrite', (tx) => void tx.objectStore(CHECKPOINTS).put(c, c.key));
}

/** Stores a finished model and drops its checkpoint, in one transaction. */
export function putModel(m: StoredModel): Promise<void> {
  return transact([MODELS, CHECKPOINTS], 'readwrite', (tx) => {
    tx.objectStore(MODELS).put(m, m.key);
    tx.objectStore(CHECKPOINTS).delete(m.key);
  });
}

/** Bytes of the typed arrays and buffers in a value (what dominates a record's size). */
function bytesOf(value: unknown, seen = new Set<unknown>()): number {
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (typeof value === 'string') return value.length;
  if (!isObject(value) || seen.has(value)) return 8;
  seen.add(value);
  return Object.values(value).reduce<number>((a, v) => a + bytesOf(v, seen), 0);
}

export interface StoreUsage {
  models: number;
  checkpoints: number;
  bytes: number;
}

/** How many models and checkpoints are kept, and about how many bytes they take. */
export async function usage(): Promise<StoreUsage> {
  return transact([MODELS, CHECKPOINTS], 'readonly', async (tx) => {
    const [models, checkpoints] = await Promise.all([request(tx.objectStore(MODELS).getAll()), request(tx.objectStore(CHECKPOINTS).getAll())]);
    return { models: models.length, checkpoints: checkpoints.length, bytes: bytesOf(models) + bytesOf(checkpoints) };
  });
}

/** Deletes every reproduced model and checkpoint; returns what was freed. */
export async function forgetAll(): Promise<StoreUsage> {
  const before = await usage();
  await transact([MODELS, CHECKPOINTS], 'readwrite', (tx) => {
    tx.objectStore(MODELS).clear();
    tx.objectStore(CHECKPOINTS).clear();
  });
  return before;
}
