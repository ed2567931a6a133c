/** Shared pieces of the spec builders. */
import type { ChartSpec } from './render';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
export type Row = Record<string, string | number | boolean | null>;
export type Layer = Record<string, unknown>;

export interface Size { width?: number; height?: number }

export function top(values: Row[], rest: Record<string, unknown>, size: Size = {}): ChartSpec {
  return {
    $schema: SCHEMA,
    width: size.width ?? 440,
    height: size.height ?? 240,
    data: { values },
    ...rest,
  } as unknown as ChartSpec;
}

