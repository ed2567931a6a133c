/**
 * The one entry point the widgets use for TensorFlow.js. Nothing heavy is imported here: the first call of
 * `runtime()` downloads the tfjs chunk (core + layers + WebGL, named imports only), picks a backend —
 * WebGL, else wasm, else cpu, or the one forced with `?backend=wasm` in the page address — and every
 * widget on the page then shares that backend and one copy of each model. Where WebGL is a software
 * renderer (SwiftShader, llvmpipe: virtual machines, some Linux desktops, headless Chromium) wasm comes
 * first: for these small models it is several times faster there.
 */

const BACKENDS = ['webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export interface BackendChoice {
  name: BackendName;
  /** Set with ?backend=… (tests, or a reader whose WebGL misbehaves). */
  forced: boolean;
  /** Backends that were tried and failed before this one, with the reason. */
  failed: Array<{ name: BackendName; reason: string }>;
  /** The WebGL renderer's name when it is a software one (then wasm was tried first), else null. */
  softwareGl: string | null;
}

/** The two files of the tfjs Layers format, in memory. */
export interface ModelFiles {
  modelJson: { modelTopology: unknown; weightsManifest: { weights: unknown[] }[] };
  weights: ArrayBuffer;
}

/** A saved 784-U-10 model, ready to predict. */
export interface Classifier {
  url: string;
  /** Width of the hidden layer. */
  units: number;
  /** Softmax outputs for `count` images of 784 floats in [0, 1]: count × 10. */
  predict(pixels: Float32Array, count: number): Promise<Float32Array>;
  /** Post-ReLU outputs of the layer named `hidden`: count × units. */
  hidden(pixels: Float32Array, count: number): Promise<Float32Array>;
}

export interface Runtime {
  backend: BackendChoice;
  /** Loads a model once per page; later calls with the same URL share it. */
  loadModel(url: string): Promise<Classifier>;
  /** A model held in memory (one trained on this page), under a key of its own; shared likewise. */
  loadModelFiles(key: string, files: ModelFiles): Promise<Classifier>;
  /** Live tensors (to check that the widgets dispose what they create). */
  tensorCount(): number;
}

/** The backend named by ?backend=… in the address, if it is one we know. */
export function forcedBackend(search: string): BackendName | null {
  const value = new URLSearchParams(search).get('backend');
  return (BACKENDS as readonly string[]).includes(value ?? '') ? (value as BackendName) : null;
}

/** WebGL renderer names (WEBGL_debug_renderer_info) that mean the "GPU" is emulated on the CPU. */
const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software|basic render driver/i;

/** Whether a WebGL renderer string names a software renderer. */
export function isSoftwareRenderer(renderer: string | null): boolean {
  return renderer !== null && SOFTWARE_GL.test(renderer);
}

/** The order to try backends in: a forced one alone; wasm before a software WebGL. */
export function backendOrder(forced: BackendName | null, softwareGl = false): BackendName[] {
  if (forced) return [forced];
  return softwareGl ? ['wasm', 'webgl', 'cpu'] : [...BACKENDS];
}

const LABELS: Record<BackendName, string> = {
  webgl: 'WebGL (the graphics card)',
  wasm: 'WebAssembly (wasm)',
  cpu: 'plain JavaScript (cpu)',
};

/** What the widget says about the backend, in plain words; `note` is null for the expected WebGL. */
export function describeBackend(choice: BackendChoice): { label: string; note: string | null } {
  const label = LABELS[choice.name];
  if (choice.forced) return { label, note: `Running on ${label} because the page address asks for it (?backend=${choice.name}).` };
  if (choice.name === 'webgl') return { label, note: null };
  if (choice.softwareGl && choice.name === 'wasm') {
    return {
      label,
      note: `This browser's WebGL is a software renderer (${choice.softwareGl}), slower than ${label} for these small models, so the model runs on ${label}: same predictions. Add ?backend=webgl to the address to use WebGL anyway.`,
    };
  }
  const why = choice.failed.map((f) => `${f.name}: ${f.reason}`).join('; ');
  const speed = choice.name === 'cpu' ? 'much slower' : 'slower';
  return {
    label,
    note: `WebGL is not available in this browser, so the model runs on ${label} instead: ${speed}, with the same predictions.${why ? ` (${why})` : ''}`,
  };
}

/** A model failure in plain words, keeping the technical message for the curious. */
export function describeModelError(err: unknown, url: string): string {
  const message = err instanceof Error ? err.message : String(err);
  let plain = 'The model could not be loaded.';
  if (/status code 404|\b404\b/.test(message)) plain = `The model file was not found (HTTP 404) at ${url}.`;
  else if (/status code \d+/.test(message)) plain = `The server refused the model file at ${url}.`;
  else if (/parse model JSON|JSON|Unexpected token/i.test(message)) plain = 'The model file is damaged: it is not valid JSON.';
  else if (/shape|weight/i.test(message)) plain = "The model's saved weights do not fit its layers (wrong shapes or a missing file).";
  else if (/Failed to fetch|NetworkError|network/i.test(message)) plain = 'The model could not be downloaded (network error).';
  return `${plain} Details: ${message}`;
}

let started: Promise<Runtime> | null = null;

/** Starts tfjs once per page (later calls share the same promise). */
export function runtime(): Promise<Runtime> {
  if (!started) {
    const forced = forcedBackend(typeof location === 'undefined' ? '' : location.search);
    started = import('./tf-runtime.ts').then((m) => {
      const renderer = forced ? null : m.webglRenderer();
      const software = isSoftwareRenderer(renderer) ? renderer : null;
      return m.createRuntime(backendOrder(forced, software !== null), forced !== null, software);
    });
  }
  return started;
}
