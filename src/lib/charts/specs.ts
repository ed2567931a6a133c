/**
 * Small Vega-Lite spec builders shared by every page. Each takes plain rows and a few labels and
 * returns a spec for renderSvg; none of them knows about a particular section.
 */
export * from './spec-lines';
export * from './spec-grids';
export * from './spec-bars';
export * from './spec-points';
