/**
 * The heavy half of ./tf.ts, loaded on demand as its own chunk. Named imports only: pulling whole tfjs
 * namespaces defeats tree-shaking (see notes.md). The wasm and cpu backends are further chunks, fetched only
 * when WebGL fails or is not wanted.
 */
import { getBackend, io, memory, ready, setBackend, tensor, tidy, type Tensor } from '@tensorflow/tfjs-core';
import { loadLayersModel, model as functionalModel, type LayersModel, type SymbolicTensor } from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-webgl';
import type { BackendChoice, BackendName, Classifier, ModelFiles, Runtime } from './tf.ts';
import { CLASSES, LAYER_NAMES, PIXELS } from '../../core/network.ts';

async function register(name: BackendName): Promise<void> {
  if (name === 'wasm') await import('./tf-wasm.ts');
  if (name === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
}

async function tryBackend(name: BackendName): Promise<string | null> {
  try {
    await register(name);
    if (!(await setBackend(name))) return 'could not start';
    await ready();
    return getBackend() === name ? null : `got ${getBackend()}`;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/**
 * The name of the browser's WebGL renderer ("ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device …))",
 * "llvmpipe (LLVM 15.0.6, 256 bits)"), from WEBGL_debug_renderer_info where the browser exposes it;
 * null without WebGL. The probe context is released at once.
 */
export function webglRenderer(): string | null {
  try {
    const canvas = document.createElement('canvas');
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return name || null;
  } catch {
    return null;
  }
}

export async function createRuntime(order: BackendName[], forced: boolean, softwareGl: string | null = null): Promise<Runtime> {
  const failed: BackendChoice['failed'] = [];
  let chosen: BackendName | null = null;
  for (const name of order) {
    const reason = await tryBackend(name);
    if (reason === null) {
      chosen = name;
      break;
    }
    failed.push({ name, reason });
  }
  if (!chosen) throw new Error(`No TensorFlow.js backend could start (${failed.map((f) => `${f.name}: ${f.reason}`).join('; ')}).`);
  const backend: BackendChoice = { name: chosen, forced, failed, softwareGl };
  const models = new Map<string, Promise<Classifier>>();
  return {
    backend,
    loadModel(url) {
      let entry = models.get(url);
      if (!entry) {
        entry = loadLayersModel(url).then((m) => classifier(url, m));
        models.set(url, entry);
      }
      return entry;
    },
    loadModelFiles(key, files: ModelFiles) {
      let entry = models.get(key);
      if (!entry) {
        const weightSpecs = files.modelJson.weightsManifest.flatMap((g) => g.weights) as io.WeightsManifestEntry[];
        const handler = io.fromMemory({ modelTopology: files.modelJson.modelTopology as object, weightSpecs, weightData: files.weights });
        entry = loadLayersModel(handler).then((m) => classifier(key, m));
        models.set(key, entry);
      }
      return entry;
    },
    tensorCount: () => memory().numTensors,
  };
}

/** Checks that the saved model is the study's MLP and wraps it. */
function classifier(url: string, model: LayersModel): Classifier {
  const inShape = model.inputs[0].shape;
  const size = inShape.slice(1).reduce<number>((a, b) => a * (b ?? NaN), 1);
  if (size !== PIXELS) throw new Error(`the model expects input of shape [${inShape.join(', ')}], not 28×28 pixels`);
  const outShape = model.outputs[0].shape;
  if (outShape[outShape.length - 1] !== CLASSES) throw new Error(`the model has ${String(outShape.at(-1))} outputs, not 10`);
  const hiddenLayer = model.getLayer(LAYER_NAMES.hidden);
  const hiddenOut = hiddenLayer.output as SymbolicTensor;
  const units = hiddenOut.shape[hiddenOut.shape.length - 1] ?? 0;
  let hiddenModel: LayersModel | null = null;
  const shape = (count: number) => [count, ...inShape.slice(1).map((d) => d ?? 0)];

  async function run(m: LayersModel, pixels: Float32Array, count: number): Promise<Float32Array> {
    if (pixels.length < count * PIXELS) throw new Error(`expected ${count * PIXELS} pixels, got ${pixels.length}`);
    const out = tidy(() => m.predictOnBatch(tensor(pixels.subarray(0, count * PIXELS), shape(count))) as Tensor);
    try {
      // A synchronous read: the outputs are small (count × 10 or × units), and on WebGL the asynchronous
      // read's fence polling doubled the time of a 100-image batch (measured: 85 vs 39 ms on SwiftShader).
      return out.dataSync() as Float32Array;
    } finally {
      out.dispose();
    }
  }

  return {
    url,
    units,
    predict: (pixels, count) => run(model, pixels, count),
    hidden(pixels, count) {
      // A sub-model sharing the saved layers and weights, ending at the hidden Dense layer.
      hiddenModel ??= functionalModel({ inputs: model.inputs, outputs: hiddenOut });
      return run(hiddenModel, pixels, count);
    },
  };
}
