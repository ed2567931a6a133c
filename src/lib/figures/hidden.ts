/** Figures of the hidden-layer sections: hidden-layer activations of chosen images, and the PCA map of many. */
import type { HiddenSection } from '../../../schema/results';
import { CLASS_COLORS, imageFigure, specs, type Figure } from '../charts';
import { num, pct } from '../../../core/format';

/** "no unit is" / "1 unit is" / "12 units are" */
export const deadPhrase = (n: number) => (n === 0 ? 'no unit is' : n === 1 ? '1 unit is' : `${n} units are`);

const rowName = (im: HiddenSection['images'][number]) => `#${im.index} (a ${im.label}${im.predicted === im.label ? '' : `, read as ${im.predicted}`})`;

/**
 * Both figures are image files: the page and src/pages/figures/ each ask for them, so each is rendered
 * once per build (per section object).
 */
function oncePerSection(render: (id: string, s: HiddenSection) => Promise<Figure>): (id: string, s: HiddenSection) => Promise<Figure> {
  const done = new WeakMap<HiddenSection, Promise<Figure>>();
  return (id, s) => {
    let fig = done.get(s);
    if (!fig) done.set(s, (fig = render(id, s)));
    return fig;
  };
}

export const activationsFigure = oncePerSection(async (id, s) => {
  const max = Math.max(1e-9, ...s.images.flatMap((im) => im.activations));
  const rows = s.images.map(rowName);
  const cols = Array.from({ length: s.units }, (_, u) => String(u));
  const cells = s.images.flatMap((im) => im.activations.map((a, u) => ({ row: rowName(im), col: String(u), value: a / max })));
  const spec = (width: number) => specs.heatmap({
    cells, rows, cols, rowTitle: 'test image', colTitle: `hidden unit (0–${s.units - 1})`, showText: false,
    legendTitle: 'activation (share of the largest)', scheme: 'oranges', width, height: 30 * rows.length,
    hideColLabels: true,
  });
  const active = s.images.map((im) => im.active_units);
  // 300 units × the images, twice (wide and narrow): thousands of cells, so served as image files.
  return imageFigure(`${id}-activations`, spec(820), {
    label: `Outputs of the ${s.units} hidden units for ${s.images.length} test images, as rows of cells shaded from pale (zero) to dark orange (the largest output).`,
    caption: `Each row is one test image, each column one of the ${s.units} hidden units after ReLU; darker is larger (scaled to the largest value, ${max.toFixed(2)}). ` +
      `Between ${Math.min(...active)} and ${Math.max(...active)} units are active (above zero) per image; ${deadPhrase(s.dead_units)} zero for every test image.`,
    table: {
      columns: ['test image', 'true', 'predicted', 'active units', 'largest unit', 'its value'],
      rows: s.images.map((im) => {
        const top = im.activations.indexOf(Math.max(...im.activations));
        return [`#${im.index}`, im.label, im.predicted, im.active_units, top, im.activations[top].toFixed(3)];
      }),
    },
  }, spec(240));
});

/** The PCA map of thousands of test images, with a per-class table. */
export const projectionFigure = oncePerSection(async (id, s) => {
  const pts = s.projection.points;
  const [v1, v2] = s.projection.explained_variance_ratio;
  const wrong = pts.filter((p) => p.label !== p.predicted).length;
  const spec = specs.scatter({
    points: pts.map((p) => ({ x: Number(p.x.toFixed(3)), y: Number(p.y.toFixed(3)), cls: String(p.label), wrong: p.label !== p.predicted })),
    xTitle: `first principal component (${pct(v1, 1)} of the variance)`,
    yTitle: `second principal component (${pct(v2, 1)})`,
    classes: CLASS_COLORS.map((_, i) => String(i)), colors: CLASS_COLORS,
  });
  const counts = Array.from({ length: 10 }, (_, c) => pts.filter((p) => p.label === c));
  return imageFigure(`${id}-pca`, spec, {
    label: `${num(pts.length)} test images placed by the first two principal components of their hidden-layer activations, coloured by true digit.`,
    caption: `Each dot is a test image, placed by a PCA of its ${s.units} hidden activations (the two components explain ${pct(v1 + v2, 1)} of the variance), coloured by its true digit; ` +
      `the ${wrong} misclassified images are drawn as crosses.`,
    table: {
      columns: ['true digit', 'images', 'misclassified', 'mean x', 'mean y'],
      rows: counts.map((c, d) => [d, c.length, c.filter((p) => p.predicted !== d).length,
        (c.reduce((a, p) => a + p.x, 0) / Math.max(1, c.length)).toFixed(2), (c.reduce((a, p) => a + p.y, 0) / Math.max(1, c.length)).toFixed(2)]),
    },
  });
});
