/** A sequential colour scale and the grid layout for the hidden-layer heatmap (pure, no DOM). */

/** Viridis at five stops: dark for zero, yellow for the largest activation. */
const STOPS: Array<[number, number, number]> = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** Colour of t ∈ [0, 1] as [r, g, b]. */
export function viridis(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [STOPS[i], STOPS[i + 1]];
  return [0, 1, 2].map((k) => Math.round(a[k] + (b[k] - a[k]) * f)) as [number, number, number];
}

export function cssColour(t: number): string {
  const [r, g, b] = viridis(t);
  return `rgb(${r}, ${g}, ${b})`;
}

/** Columns × rows for `units` cells: 20 wide for big layers (300 → 20 × 15), 16 for smaller (128 → 16 × 8). */
export function gridFor(units: number): { columns: number; rows: number } {
  const columns = units >= 200 ? 20 : 16;
  return { columns, rows: Math.ceil(units / columns) };
}

/** Canvas pixels per cell. */
export const HEATMAP_CELL = 16;

/** The heatmap canvas's size in pixels for `units` cells (the build sets it too, so the page keeps its layout). */
export function heatmapSize(units: number): { width: number; height: number } {
  const { columns, rows } = gridFor(units);
  return { width: columns * HEATMAP_CELL, height: rows * HEATMAP_CELL };
}

export interface HiddenStats {
  active: number;
  max: number;
  /** Strongest units first: [unit, value]. */
  top: Array<[number, number]>;
}

export function hiddenStats(values: ArrayLike<number>, topN = 5): HiddenStats {
  const list = Array.from(values, (v, u) => [u, v] as [number, number]);
  const active = list.filter(([, v]) => v > 0).length;
  const top = [...list].sort((a, b) => b[1] - a[1]).slice(0, topN).filter(([, v]) => v > 0);
  return { active, max: top.length ? top[0][1] : 0, top };
}
