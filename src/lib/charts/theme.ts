/**
 * One look for every chart. Axis and legend text and lines get neutral colours here; the site's CSS
 * re-colours them per theme (they carry vega's role-* classes), so the same SVG reads in light and dark.
 * Data colours are chosen to work on both backgrounds.
 */
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Tableau 10: ten distinguishable class colours, fine on white and on near-black. */
export const CLASS_COLORS = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f',
  '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac',
];

export const COLORS = {
  train: '#4e79a7',
  test: '#f28e2b',
  correct: '#4e79a7',
  incorrect: '#e15759',
  reference: '#888888',
  highlight: '#e15759',
  neutral: '#8c8c8c',
} as const;

/** Background of charts shown as images (imageFigure): they keep the light look in both themes. */
export const IMAGE_BACKGROUND = '#ffffff';

/** Sequential scheme for counts (heatmaps): readable with dark text on light cells, light on dark. */
export const HEAT_SCHEME = 'blues';

export const chartConfig = {
  background: null,
  font: FONT,
  padding: 4,
  view: { stroke: null },
  axis: {
    labelFontSize: 12,
    titleFontSize: 12,
    titleFontWeight: 500,
    labelColor: '#444444',
    titleColor: '#444444',
    gridColor: '#dddddd',
    domainColor: '#888888',
    tickColor: '#888888',
    titlePadding: 8,
    labelLimit: 260,
  },
  legend: {
    labelFontSize: 12,
    titleFontSize: 12,
    titleFontWeight: 500,
    labelColor: '#444444',
    titleColor: '#444444',
    orient: 'bottom',
    direction: 'horizontal',
    labelLimit: 320,
    titleLimit: 320,
    symbolOpacity: 1,
  },
  axisY: { titleAngle: -90 },
  title: { fontSize: 13, fontWeight: 600, color: '#222222', anchor: 'start' },
  header: { labelFontSize: 12, titleFontSize: 12, labelColor: '#444444', titleColor: '#444444' },
  range: { category: CLASS_COLORS },
  line: { strokeCap: 'round', strokeJoin: 'round' },
} as const;
