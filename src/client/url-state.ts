/**
 * Widget state in the address, pure part: a typed table of fields per widget, each with a parser that
 * answers null for bad input (so a bad or stale value becomes the default plus a note, never an error),
 * and the merge of one widget's keys into a query string without touching anyone else's.
 *
 * Scheme: `?<widget>.<field>=<value>`, e.g. `?alpha.ds=digits&alpha.i1=1&alpha.i2=2&alpha.a=0.5`. The
 * widget prefix keeps several widgets on one page (and `?backend=`) apart; values equal to the default
 * are left out, so an untouched page keeps its plain address.
 */

export interface Field<T> {
  /** Returns null when `raw` is not a value of this field. */
  parse(raw: string): T | null;
  format(value: T): string;
  /** What a good value is, for the note: "a whole number from 0 to 9999". */
  expected: string;
}

/** The page's text uses a true minus sign; the address keeps ASCII. */
const minus = (v: number) => String(v).replace('-', '−');

/** A whole number in [min, max] (digits only: "1e3", "0x10" or "1.0" are not indices). */
export function integer(min: number, max: number): Field<number> {
  return {
    parse: (raw) => {
      if (!/^-?\d{1,15}$/.test(raw)) return null;
      const v = Number(raw);
      return v >= min && v <= max ? v : null;
    },
    format: String,
    expected: `a whole number from ${minus(min)} to ${minus(max)}`,
  };
}

/** A decimal number in [min, max], rounded to `digits` decimals. */
export function decimal(min: number, max: number, digits: number): Field<number> {
  const scale = 10 ** digits;
  const round = (v: number) => Math.round(v * scale) / scale;
  return {
    parse: (raw) => {
      if (!/^-?(\d+\.?\d*|\.\d+)$/.test(raw)) return null;
      const v = round(Number(raw));
      return v >= min && v <= max ? v : null;
    },
    format: (v) => String(round(v)),
    expected: `a number from ${minus(min)} to ${minus(max)}`,
  };
}

/** Any number in [min, max], exponent form included (a learning rate of 1e-4), kept as written. */
export function real(min: number, max: number): Field<number> {
  return {
    parse: (raw) => {
      if (!/^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(raw)) return null;
      const v = Number(raw);
      return v >= min && v <= max ? v : null;
    },
    format: String,
    expected: `a number from ${minus(min)} to ${minus(max)}`,
  };
}

/** One of a fixed list of names. */
export function oneOf<T extends string>(values: readonly T[]): Field<T> {
  return {
    parse: (raw) => (values as readonly string[]).includes(raw) ? (raw as T) : null,
    format: (v) => v,
    expected: `one of ${values.join(', ')}`,
  };
}

// Field's methods are declared as methods, so their parameters are bivariant and a Field<number> fits here.
export type Fields = Record<string, Field<unknown>>;
export type Values<F extends Fields> = { [K in keyof F]: F[K] extends Field<infer T> ? T : never };

/** A value in the address that could not be used. */
export interface Problem {
  key: string;
  raw: string;
  expected: string;
}

/** The widget's fields found in `search`; bad values are left out and reported. Unknown keys are ignored. */
export function readState<F extends Fields>(search: string, prefix: string, fields: F): { values: Partial<Values<F>>; problems: Problem[] } {
  const params = new URLSearchParams(search);
  const values: Partial<Values<F>> = {};
  const problems: Problem[] = [];
  for (const [name, field] of Object.entries(fields) as Array<[keyof F & string, Field<unknown>]>) {
    const key = `${prefix}.${name}`;
    const raw = params.get(key);
    if (raw === null) continue;
    const v = field.parse(raw.trim());
    if (v === null) problems.push({ key, raw, expected: field.expected });
    else values[name] = v as Values<F>[typeof name];
  }
  return { values, problems };
}

/**
 * The address keys of a widget's state: a value per key, or null (remove the key) where the value is the
 * default, so defaults and values that failed to parse both leave the address.
 */
export function encodeState<F extends Fields>(prefix: string, fields: F, values: Values<F>, defaults: Partial<Values<F>>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [name, field] of Object.entries(fields) as Array<[keyof F & string, Field<unknown>]>) {
    const text = field.format(values[name]);
    const fallback = defaults[name];
    out[`${prefix}.${name}`] = fallback !== undefined && field.format(fallback) === text ? null : text;
  }
  return out;
}

/** `search` with `entries` set (null: removed); other keys keep their order and values. Returns "" or "?…". */
export function mergeSearch(search: string, entries: Record<string, string | null>): string {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(entries)) {
    if (value === null) params.delete(key);
    else params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The note a widget shows for values it could not use. */
export function problemNote(problems: readonly Problem[]): string {
  const parts = problems.map((p) => `${p.key}=${p.raw === '' ? '(empty)' : `“${p.raw}”`} is not ${p.expected}`);
  const many = problems.length > 1;
  return `The address asked for a view this figure cannot show (${parts.join('; ')}), so it shows the default${many ? 's' : ''} instead.`;
}

/** An index into a test set (both datasets' test sets hold 10,000 images); the widget checks its gallery has it. */
export const TEST_INDEX = integer(0, 9_999);

/** The problem of a well-formed index that the page's bundled images do not include (a stale link). */
export function missingImage(key: string, raw: number, count: number): Problem {
  return { key, raw: String(raw), expected: `one of the ${count} test images bundled with this page` };
}
