/**
 * A Vite plugin that turns `import binary from '…/adam.wat'` into the assembled wasm bytes, so the
 * browser trainer gets the very kernels Node assembles (same wabt, same text) without shipping wabt.
 */
import type { Plugin } from 'vite';
import { assembleWat } from '../../training/tf/kernels.ts';

export function watPlugin(): Plugin {
  return {
    name: 'digits-fashion:wat',
    enforce: 'pre',
    async load(id) {
      const path = id.split('?')[0];
      if (!path.endsWith('.wat')) return null;
      this.addWatchFile(path);
      const base64 = Buffer.from(await assembleWat(path)).toString('base64');
      return `export default Uint8Array.from(atob(${JSON.stringify(base64)}), (c) => c.charCodeAt(0));\n`;
    },
  };
}
