import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedShare, decodePng, serveDir, type StaticServer } from './e2e-utils';

/** A minimal PNG encoder for the test, with a chosen filter type on every row. */
function encodePng(width: number, height: number, rgba: number[], colorType: 2 | 6, filter: number): Buffer {
  const bpp = colorType === 6 ? 4 : 3;
  const rows: number[] = [];
  const stride = width * bpp;
  let prev = new Array(stride).fill(0);
  for (let y = 0; y < height; y++) {
    const cur: number[] = [];
    for (let x = 0; x < width; x++) for (let c = 0; c < bpp; c++) cur.push(rgba[(y * width + x) * 4 + c]!);
    rows.push(filter);
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? cur[i - bpp]! : 0;
      const b = prev[i]!;
      const c = i >= bpp ? prev[i - bpp]! : 0;
      let pred = 0;
      if (filter === 1) pred = a;
      else if (filter === 2) pred = b;
      else if (filter === 3) pred = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      rows.push((cur[i]! - pred) & 0xff);
    }
    prev = cur;
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type, 'ascii'), data, Buffer.alloc(4)]); // CRC unchecked by the decoder
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = colorType;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const W = 5;
const H = 4;
const pixels: number[] = [];
for (let i = 0; i < W * H; i++) pixels.push((i * 37) & 255, (i * 91 + 13) & 255, (255 - i * 11) & 255, 255);

describe('decodePng', () => {
  it.each([0, 1, 2, 3, 4])('decodes RGBA rows with filter %d', (filter) => {
    const bmp = decodePng(encodePng(W, H, pixels, 6, filter));
    expect([bmp.width, bmp.height]).toEqual([W, H]);
    expect([...bmp.data]).toEqual(pixels);
  });
  it('decodes RGB (alpha becomes opaque)', () => {
    const bmp = decodePng(encodePng(W, H, pixels, 2, 4));
    expect([...bmp.data]).toEqual(pixels);
  });
  it('refuses what is not a PNG', () => {
    expect(() => decodePng(Buffer.from('GIF89a........'))).toThrow();
  });
});

describe('changedShare', () => {
  const a = { width: 2, height: 1, data: new Uint8Array([0, 0, 0, 255, 100, 100, 100, 255]) };
  it.each([
    ['identical', a, 0],
    ['one pixel of two changed', { width: 2, height: 1, data: new Uint8Array([0, 0, 0, 255, 200, 100, 100, 255]) }, 0.5],
    ['within tolerance', { width: 2, height: 1, data: new Uint8Array([5, 5, 5, 255, 100, 104, 100, 255]) }, 0],
    ['different size', { width: 1, height: 1, data: new Uint8Array([0, 0, 0, 255]) }, 1],
  ])('%s', (_, b, want) => {
    expect(changedShare(a, b)).toBe(want);
  });
});

describe('serveDir', () => {
  let dir: string;
  let srv: StaticServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'serve-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'index.html'), '<p>home</p>');
    writeFileSync(join(dir, 'sub', 'page.html'), '<p>café</p>');
    srv = await serveDir(dir, { spaFallback: 'index.html' });
  });
  afterAll(async () => {
    await srv.close();
    rmSync(dir, { recursive: true, force: true });
  });
  it('serves on 127.0.0.1 with a content type', async () => {
    expect(srv.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const r = await fetch(srv.url('/sub/page.html'));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await r.text()).toBe('<p>café</p>');
  });
  it('serves a folder index and falls back to the SPA page for unknown paths', async () => {
    expect(await (await fetch(srv.url('/'))).text()).toBe('<p>home</p>');
    expect(await (await fetch(srv.url('/some/route'))).text()).toBe('<p>home</p>');
  });
  it('never serves outside its folder', async () => {
    const r = await fetch(`${srv.origin}/..%2f..%2fetc%2fpasswd`);
    expect(r.status).toBe(403);
  });
});
