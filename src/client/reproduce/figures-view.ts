/**
 * A section's figures, the reader's beside the published ones: one row per figure of the section file,
 * with how many numbers were compared and whether all are identical, else the first that differ.
 */
import { h } from '../ui.ts';
import type { FigureGroup } from './compare.ts';

const SHOWN_DIFFERENCES = 3;

const show = (v: unknown) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v : JSON.stringify(v)?.slice(0, 80) ?? String(v));

export function renderFigures(holder: HTMLElement, groups: readonly FigureGroup[], caption: string): void {
  const rows = groups.map((g) => {
    const verdict = g.differences.length
      ? `differs: ${g.differences.slice(0, SHOWN_DIFFERENCES).map((d) => `${d.path} published ${show(d.published)}, yours ${show(d.yours)}`).join('; ')}${g.differences.length > SHOWN_DIFFERENCES ? `; and ${g.differences.length - SHOWN_DIFFERENCES} more` : ''}`
      : g.compared > 0 ? 'identical' : 'needs all seeds';
    const cls = g.differences.length ? 'rp-differs' : g.compared > 0 ? 'rp-same' : '';
    return h(
      'tr',
      {},
      h('th', { scope: 'row', text: g.key }),
      h('td', { text: String(g.compared) }),
      h('td', { text: g.needsAllSeeds ? String(g.needsAllSeeds) : '—' }),
      h('td', { class: cls, text: verdict }),
    );
  });
  holder.replaceChildren(
    h(
      'div',
      { class: 'rp-scroll' },
      h(
        'table',
        { class: 'rp-models' },
        h('caption', { class: 'w-caption', text: caption }),
        h('thead', {}, h('tr', {}, ...['figure', 'numbers compared', 'need all seeds', 'yours against the published'].map((t) => h('th', { scope: 'col', text: t })))),
        h('tbody', {}, ...rows),
      ),
    ),
  );
  holder.hidden = false;
}
