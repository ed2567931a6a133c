/** Synthetic handwritten digits as strokes in the unit square of the drawing pad (x right, y down). */

export type Stroke = Array<[number, number]>;

function arc(cx: number, cy: number, rx: number, ry: number, from: number, to: number, n = 28): Stroke {
  return Array.from({ length: n + 1 }, (_, k) => {
    const t = ((from + ((to - from) * k) / n) * Math.PI) / 180;
    return [cx + rx * Math.cos(t), cy + ry * Math.sin(t)];
  });
}

/** Polyline through the points with extra points in between, like a moving pen. */
function line(...pts: Array<[number, number]>): Stroke {
  const out: Stroke = [];
  for (let i = 0; i < pts.length - 1; i++) {
    const [a, b] = [pts[i], pts[i + 1]];
    for (let k = 0; k < 10; k++) out.push([a[0] + ((b[0] - a[0]) * k) / 10, a[1] + ((b[1] - a[1]) * k) / 10]);
  }
  out.push(pts[pts.length - 1]);
  return out;
}

export const DIGITS: Record<number, Stroke[]> = {
  0: [arc(0.5, 0.5, 0.2, 0.32, -90, 275)],
  1: [line([0.53, 0.16], [0.47, 0.84])],
  2: [[...arc(0.5, 0.34, 0.2, 0.17, 180, 375), ...line([0.69, 0.39], [0.3, 0.82], [0.74, 0.82])]],
  3: [[...arc(0.48, 0.32, 0.18, 0.15, 200, 450), ...arc(0.48, 0.66, 0.2, 0.17, -90, 155)]],
  4: [line([0.56, 0.16], [0.28, 0.6], [0.74, 0.6]), line([0.6, 0.36], [0.6, 0.86])],
  7: [line([0.28, 0.2], [0.72, 0.2], [0.44, 0.84])],
};
