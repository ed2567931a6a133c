/**
 * Widget state in the address, browser part: reads a widget's fields from location.search, writes its
 * changes with history.replaceState (throttled: a slider fires dozens of input events a second, and
 * browsers rate-limit history calls), the note for values that could not be used, and the "copy link"
 * control. Parsing and merging live in url-state.ts.
 */
import { encodeState, mergeSearch, problemNote, readState, type Fields, type Problem, type Values } from './url-state.ts';
import { part } from './ui.ts';

const WRITE_DELAY_MS = 120;
const pending: Record<string, string | null> = {};
let timer: ReturnType<typeof setTimeout> | null = null;

/** Writes the queued keys into the address now (the hash and every other key stay). */
function flushAddress(): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  const keys = Object.keys(pending);
  if (!keys.length) return;
  const search = mergeSearch(location.search, pending);
  for (const k of keys) delete pending[k];
  if (search === location.search) return;
  history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
}

/** The state a widget's root declares with data-url-key="prefix", read from the address. */
export function readAddress<F extends Fields>(root: HTMLElement, fields: F): { values: Partial<Values<F>>; problems: Problem[] } {
  const prefix = root.dataset.urlKey;
  return prefix ? readState(location.search, prefix, fields) : { values: {}, problems: [] };
}

/** Queues the widget's current state for the address; values equal to `defaults` leave it. */
export function writeAddress<F extends Fields>(root: HTMLElement, fields: F, values: Values<F>, defaults: Partial<Values<F>>): void {
  const prefix = root.dataset.urlKey;
  if (!prefix) return;
  Object.assign(pending, encodeState(prefix, fields, values, defaults));
  if (timer === null) timer = setTimeout(flushAddress, WRITE_DELAY_MS);
}

/** Shows (or, with no problems, hides) the widget's note about values in the address it could not use. */
export function showAddressProblems(root: HTMLElement, problems: readonly Problem[]): void {
  const note = part(root, 'address-note');
  note.textContent = problems.length ? problemNote(problems) : '';
  note.hidden = !problems.length;
  root.dataset.addressProblems = String(problems.length);
}

/** The current address with the widget's element as its target, so a shared link opens at the figure. */
function linkTo(root: HTMLElement): string {
  flushAddress();
  const url = new URL(location.href);
  url.hash = root.id;
  return url.href;
}

/**
 * Wires the "copy link" button: the clipboard where the browser allows it, otherwise (no secure context,
 * permission refused) the link in a selected text field to copy by hand. Either way the link stays visible.
 */
export function wireShareLink(root: HTMLElement): void {
  const button = part<HTMLButtonElement>(root, 'share');
  const box = part(root, 'share-box');
  const field = part<HTMLInputElement>(root, 'share-url');
  const status = part(root, 'share-status');
  button.addEventListener('click', async () => {
    const link = linkTo(root);
    field.value = link;
    box.hidden = false;
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(link);
      status.textContent = 'Link copied.';
      root.dataset.shared = 'clipboard';
    } catch {
      field.focus();
      field.select();
      status.textContent = 'This browser did not allow copying: the link is selected in the field, copy it with Ctrl+C (⌘C).';
      root.dataset.shared = 'field';
    }
  });
}
