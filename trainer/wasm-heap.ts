/**
 * Where the trainer's weights, activations and gradients live: a WebAssembly.Memory that the project's
 * kernels (adam.wat, output-layer.wat) import. On tfjs's wasm backend it is tfjs's own heap (WasmHeap):
 * a wasm tensor is a float32 range of it, so the kernels work where tfjs keeps the data and nothing is
 * copied per step. This relies on two internals of tfjs-backend-wasm 4.22 (the Emscripten module's
 * exported memory and `getMemoryOffset`), checked here with a clear error. On other backends (tfjs-node)
 * tensors live outside wasm, so the trainer keeps a memory of its own (LocalHeap) and copies the two
 * large products in and out (fast-step.ts).
 */
import * as tf from '@tensorflow/tfjs-core';

/** The parts of BackendWasm this module uses; not in its public typings. */
interface WasmBackendInternals {
  wasm?: { asm?: { memory?: unknown } };
  getMemoryOffset?: (dataId: object) => number;
}

const align4 = (n: number) => Math.ceil(n / 4) * 4;

/** What the trainer needs of a heap, on either backend. */
export interface Heap {
  readonly memory: WebAssembly.Memory;
  f32(): Float32Array;
  /** A zeroed float32 block; `shape` (2-D, a multiple of 4 values) for blocks used as tfjs operands. */
  block(length: number, shape?: [number, number]): HeapBlock;
}

export class WasmHeap implements Heap {
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
      throw new Error(`The fast trainer runs on tfjs's wasm backend, but the active backend is '${name}'; call initBackend('wasm') first, or use a LocalHeap as FastTrainer.create does off wasm.`);
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
    return new HeapBlock(this, this.offset(tensor), tensor.size, tensor);
  }
}

const PAGE = 65536;

/**
 * A memory of the trainer's own with a bump allocator: blocks live as long as the trainer, so nothing
 * is freed one by one. Growing detaches old views; f32() re-makes them.
 */
export class LocalHeap implements Heap {
  readonly memory = new WebAssembly.Memory({ initial: 1 });
  private view = new Float32Array(this.memory.buffer);
  /** Bytes in use; 16-byte steps keep every block SIMD-aligned. */
  private used = 0;

  f32(): Float32Array {
    if (this.view.buffer !== this.memory.buffer) this.view = new Float32Array(this.memory.buffer);
    return this.view;
  }

  block(length: number): HeapBlock {
    const n = align4(length);
    const offset = this.used;
    this.used += n * 4;
    const missing = this.used - this.memory.buffer.byteLength;
    if (missing > 0) this.memory.grow(Math.ceil(missing / PAGE));
    const block = new HeapBlock(this, offset, n);
    block.view().fill(0);
    return block;
  }
}

export class HeapBlock {
  constructor(
    private readonly heap: Heap,
    /** Byte offset in the heap. */
    readonly offset: number,
    /** Number of float32 values, padding included. */
    readonly length: number,
    /** On WasmHeap: the tfjs tensor that owns the block (tfjs ops read it in place). */
    readonly tensor?: tf.Tensor,
  ) {}

  /** The block's values; valid until the next tfjs op (which may grow and detach the heap). */
  view(): Float32Array {
    const start = this.offset >> 2;
    return this.heap.f32().subarray(start, start + this.length);
  }

  dispose(): void {
    this.tensor?.dispose();
  }
}
