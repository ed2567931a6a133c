/// <reference types="astro/client" />

/** A WebAssembly text file, assembled to its binary at build time (scripts/site/wat-plugin.ts). */
declare module '*.wat' {
  const binary: Uint8Array;
  export default binary;
}

/** The datasets the build serves to the "Train it yourself" widget (scripts/site/data-assets.ts). */
declare module 'virtual:train-data' {
  // An import type, not an import declaration: an ambient module may not import by a relative path
  // (TS2439, which skipLibCheck hides, leaving `assets` typed any).
  const assets: import('../scripts/site/data-assets.ts').DataAssets;
  export default assets;
}
