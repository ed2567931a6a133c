/** The widgets' pure parts: backend choice and messages, file checks, gallery parsing, heatmap layout. */
import { describe, expect, it } from 'vitest';
import { checkImageFile, fitInto, MAX_FILE_BYTES } from '../../src/client/files.ts';
import { findItem, galleryBatch, parseGallery } from '../../src/client/gallery.ts';
import { backendOrder, describeBackend, describeModelError, forcedBackend, isSoftwareRenderer } from '../../src/client/tf.ts';
import { curveSummary } from '../../src/client/widgets/alpha-chart.ts';
import { gridFor, hiddenStats, viridis } from '../../src/client/widgets/heatmap.ts';

describe('backend choice', () => {
  it('reads ?backend= and tries WebGL, wasm, cpu in that order otherwise', () => {
    expect(forcedBackend('?backend=wasm')).toBe('wasm');
    expect(forcedBackend('?x=1&backend=cpu')).toBe('cpu');
    expect(forcedBackend('?backend=metal')).toBeNull();
    expect(forcedBackend('')).toBeNull();
    expect(backendOrder(null)).toEqual(['webgl', 'wasm', 'cpu']);
    expect(backendOrder('wasm')).toEqual(['wasm']);
  });

  it('puts wasm first where WebGL is a software renderer, unless ?backend= forces one', () => {
    expect(isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('Google SwiftShader')).toBe(true);
    expect(isSoftwareRenderer('Microsoft Basic Render Driver')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)')).toBe(false);
    expect(isSoftwareRenderer('Apple M2')).toBe(false);
    expect(isSoftwareRenderer(null)).toBe(false);
    expect(backendOrder(null, true)).toEqual(['wasm', 'webgl', 'cpu']);
    expect(backendOrder('webgl', true)).toEqual(['webgl']);
    const note = describeBackend({ name: 'wasm', forced: false, failed: [], softwareGl: 'llvmpipe (LLVM 15)' }).note;
    expect(note).toContain('software renderer (llvmpipe (LLVM 15))');
    expect(note).toContain('?backend=webgl');
  });

  it('says nothing extra on WebGL, and why otherwise', () => {
    expect(describeBackend({ name: 'webgl', forced: false, failed: [], softwareGl: null }).note).toBeNull();
    expect(describeBackend({ name: 'wasm', forced: true, failed: [], softwareGl: null }).note).toContain('page address asks for it (?backend=wasm)');
    const fallback = describeBackend({ name: 'cpu', forced: false, failed: [{ name: 'webgl', reason: 'could not start' }], softwareGl: null }).note;
    expect(fallback).toMatch(/^WebGL is not available in this browser, so the model runs on plain JavaScript \(cpu\) instead: much slower/);
    expect(fallback).toContain('(webgl: could not start)');
  });

  it('turns model errors into plain words', () => {
    const url = '/b/models/x/model.json';
    expect(describeModelError(new Error('Request to /b/models/x/model.json failed with status code 404.'), url)).toMatch(/^The model file was not found \(HTTP 404\) at \/b\/models\/x\/model\.json\./);
    expect(describeModelError(new Error('Failed to parse model JSON of response from x'), url)).toMatch(/damaged: it is not valid JSON/);
    expect(describeModelError(new Error('Based on the provided shape, [784,300], the tensor should have 235200 values'), url)).toMatch(/do not fit its layers/);
    expect(describeModelError('Failed to fetch', url)).toMatch(/network error/);
  });
});

describe('image files', () => {
  it('accepts common image types up to the size limit', () => {
    expect(checkImageFile({ name: 'a.png', type: 'image/png', size: 1000 })).toBeNull();
    expect(checkImageFile({ name: 'a.svg', type: 'image/svg+xml', size: 1000 })).toContain('please use a PNG');
    expect(checkImageFile({ name: 'a', type: '', size: 10 })).toContain('unknown type');
    expect(checkImageFile({ name: 'a.png', type: 'image/png', size: 0 })).toContain('is empty');
    expect(checkImageFile({ name: 'a.jpg', type: 'image/jpeg', size: MAX_FILE_BYTES + 1 })).toContain('up to 5.0 MB');
  });

  it('fits a picture into the pad, centred', () => {
    expect(fitInto(200, 100, 280)).toEqual({ scale: 1.4, dx: 0, dy: 70 });
  });
});

describe('gallery', () => {
  const item = (index: number, label: number) => ({ index, label, predicted: label, probabilities: Array(10).fill(0.1) });
  const json = { dataset: 'digits', model: 'digits-300', binary: 'x.bin', count: 2, class_names: '0123456789'.split(''), items: [item(7, 3), item(9, 1)] };

  it('checks the JSON against the pixel file', () => {
    const pixels = new Uint8Array(2 * 784).fill(255);
    const g = parseGallery(json, pixels);
    expect(g.items).toHaveLength(2);
    expect(galleryBatch(g, [1])[0]).toBe(1);
    expect(findItem(g, 9, 0)).toBe(1);
    expect(findItem(g, 1234, 3)).toBe(0);
    expect(findItem(g, null, 5)).toBe(-1);
    expect(() => parseGallery(json, new Uint8Array(784))).toThrow(/expected 2 × 784/);
    expect(() => parseGallery({ ...json, count: 3 }, pixels)).toThrow(/says 3 images but lists 2/);
    expect(() => parseGallery({ ...json, items: [{ index: 1 }] }, pixels)).toThrow(/lacks/);
  });
});

describe('heatmap', () => {
  it('lays 300 units as 20 × 15 and 128 as 16 × 8', () => {
    expect(gridFor(300)).toEqual({ columns: 20, rows: 15 });
    expect(gridFor(128)).toEqual({ columns: 16, rows: 8 });
  });

  it('colours from dark to yellow and ranks the strongest units', () => {
    expect(viridis(0)).toEqual([68, 1, 84]);
    expect(viridis(1)).toEqual([253, 231, 37]);
    expect(viridis(2)).toEqual([253, 231, 37]);
    const st = hiddenStats([0, 2, 0, 5, 1], 2);
    expect(st).toEqual({ active: 3, max: 5, top: [[3, 5], [1, 2]] });
  });
});

describe('alpha curve summary', () => {
  it('names the predicted class over α ranges and counts agreement with the rule', () => {
    const one = (c: number) => Array.from({ length: 10 }, (_, k) => (k === c ? 1 : 0));
    const alphas = [-1, 0, 0.5, 1, 2];
    const probs = [...one(1), ...one(1), ...one(2), ...one(2), ...one(8)];
    const names = '0123456789'.split('');
    const r = curveSummary(alphas, probs, names, (a) => (a >= 0.5 ? 2 : 1));
    expect(r.agree).toBe(4);
    expect(r.text).toBe(
      "Predicted class along the curve: 1 for α from −1.00 to 0.00; 2 for α from 0.50 to 1.00; 8 for α from 2.00 to 2.00. The rule's class is predicted at 4 of 5 points.",
    );
  });
});
