/// <reference types="astro/client" />

/** A WebAssembly text file, assembled to its binary at build time (scripts/site/wat-plugin.ts). */
declare module '*.wat' {
  const binary: Uint8Array;
  export default binary;
}

/** The datasets the build serves to the "Train it yourself" widget (scripts/site/data-assets.ts). */
declare module 'virtual:train-data' {
  import type { DataAssets } from '../scripts/site/data-assets.ts';
  const assets: DataAssets;
  export default assets;
}
