/**
 * The tfjs wasm backend's heap, shared with the project's own kernels. A wasm tensor is a float32 range
 * of one WebAssembly.Memory; the kernels in adam.wat and output-layer.wat import that memory, so they
 * read and update weights, activations and gradients where tfjs keeps them and nothing is copied in or
 * out per training step. This relies on two internals of tfjs-backend-wasm 4.22 (the Emscripten
 * module's exported memory and `getMemoryOffset`), checked here with a clear error.
 */
import * as tf from '@tensorflow/tfjs-core';

/** The parts of BackendWasm this module uses; not in its public typings. */
interface WasmBackendInternals {
  wasm?: { asm?: { memory?: unknown } };
  getMemoryOffset?: (dataId: object) => number;
}

const align4 = (n: number) => Math.ceil(n / 4) * 4;

export class WasmHeap {
  private view: Float32Array;

  private constructor(
    readonly memory: WebAssembly.Memory,
    private readonly offsetOf: (dataId: object) => number,
  ) {
    this.view = new Float32Array(memory.buffer);
  }

  /** The heap of the active tfjs backend, which must be wasm. */
  static ofActiveBackend(): WasmHeap {
    const name = tf.getBackend();
    if (name !== 'wasm') {
      throw new Error(`The fast trainer runs on tfjs's wasm backend, but the active backend is '${name}'; call initBackend('wasm') first or train with the stock trainer.`);
    }
    const backend = tf.backend() as unknown as WasmBackendInternals;
    const memory = backend.wasm?.asm?.memory;
    const getOffset = backend.getMemoryOffset;
    if (!(memory instanceof WebAssembly.Memory) || typeof getOffset !== 'function') {
      throw new Error('@tensorflow/tfjs-backend-wasm no longer exposes its heap as 4.22 does (wasm.asm.memory, getMemoryOffset); pin it to 4.22.0 or update trainer/wasm-heap.ts.');
    }
    return new WasmHeap(memory, (dataId) => getOffset.call(backend, dataId));
  }

  /** A float32 view of the whole heap, re-made when tfjs has grown the memory (growing detaches views). */
  f32(): Float32Array {
    if (this.view.buffer !== this.memory.buffer) this.view = new Float32Array(this.memory.buffer);
    return this.view;
  }

  /** Byte offset of a tensor's data in the heap. */
  offset(tensor: tf.Tensor): number {
    return this.offsetOf(tensor.dataId);
  }

  /**
   * A zeroed float32 block owned by tfjs as a tensor (so tfjs frees it), its length rounded up to a
   * multiple of 4 for the SIMD kernels unless a 2-D `shape` is given for use in tfjs ops.
   */
  block(length: number, shape?: [number, number]): HeapBlock {
    if (shape && (shape[0] * shape[1] !== length || length % 4 !== 0)) {
      throw new Error(`A heap block of shape ${shape.join('×')} must hold ${length} values, a multiple of 4.`);
    }
    const tensor = shape ? tf.zeros(shape) : tf.zeros([align4(length)]);
    return new HeapBlock(this, tensor, this.offset(tensor), tensor.size);
  }
}

export class HeapBlock {
  constructor(
    private readonly heap: WasmHeap,
    readonly tensor: tf.Tensor,
    /** Byte offset in the heap. */
    readonly offset: number,
    /** Number of float32 values, padding included. */
    readonly length: number,
  ) {}

  /** The block's values; valid until the next tfjs op (which may grow and detach the heap). */
  view(): Float32Array {
    const start = this.offset >> 2;
    return this.heap.f32().subarray(start, start + this.length);
  }

  dispose(): void {
    this.tensor.dispose();
  }
}
