/**
 * Which TensorFlow.js backend training asks for, decided without loading tfjs (so an up-to-date
 * `npm run train` stays a sub-second no-op). wasm by default, also where tfjs-node is installed: the
 * project's trainer there is 2.5-8× faster than stock `fit` on tfjs-node, about as fast as its lean loop
 * on tfjs-node, and the only one bit-identical with the wasm a reader's browser runs (training/README.md,
 * "Backends"). tfjs-node is a choice (`--backend tensorflow`), the pure-JS cpu backend a last resort.
 */
export const BACKENDS = ['wasm', 'tensorflow', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
export const DEFAULT_BACKEND: BackendName = 'wasm';

export function isBackendName(name: string): name is BackendName {
  return (BACKENDS as readonly string[]).includes(name);
}

/**
 * The backend asked for: `flag` (`--backend`), else the environment's TFJS_BACKEND, else undefined
 * (the default, with the cpu fallback). An unknown name is an error naming where it came from.
 */
export function requestedBackend(flag?: string, env = process.env.TFJS_BACKEND): BackendName | undefined {
  const [name, source] = flag !== undefined ? [flag, '--backend'] : [env, 'TFJS_BACKEND'];
  if (name === undefined || name === '') return undefined;
  if (!isBackendName(name)) throw new Error(`${source} ${name}: not a backend this project knows; use one of ${BACKENDS.join(', ')}.`);
  return name;
}

/** The backend a run will record in its job hash: the requested one, else the default. */
export const plannedBackend = (requested: BackendName | undefined): BackendName => requested ?? DEFAULT_BACKEND;
