/**
 * Shared by the demo (scripts/demo.ts) and the end-to-end tests (tests/e2e/): build the extension,
 * serve a folder on 127.0.0.1, launch Debian's Chromium with the extension through playwright-core,
 * watch every request, and decode screenshots for pixel checks. Node built-ins only.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { inflateSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '..');
/** Where `wxt build` writes (wxt.config.ts reads the same variable). */
export const OUT_DIR = process.env.CLAIM_LENS_OUT_DIR ? resolve(process.env.CLAIM_LENS_OUT_DIR) : join(ROOT, '.output');
export const EXTENSION_DIR = join(OUT_DIR, 'chrome-mv3');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** `wxt build` (Chrome MV3) into OUT_DIR/chrome-mv3 (.output/chrome-mv3 by default). Throws with the build's output on failure. */
export function buildExtension(): string {
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'wxt', 'bin', 'wxt.mjs'), 'build'], {
    cwd: ROOT,
    encoding: 'utf8',
    // VITE_CLAIM_LENS_E2E=1: the test build (open shadow roots, background handlers on globalThis;
    // messages/build-flags.ts). A plain `wxt build` ships without it.
    env: { ...process.env, NO_COLOR: '1', VITE_CLAIM_LENS_E2E: '1' },
  });
  if (r.status !== 0) throw new Error(`wxt build failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error(`wxt build produced no ${EXTENSION_DIR}/manifest.json`);
  return EXTENSION_DIR;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  origin: string;
  url: (path: string) => string;
  close: () => Promise<void>;
}

/**
 * Serve `dir` on 127.0.0.1 with an ephemeral port. Any path that is not a file under `dir` gets the
 * folder's index.html when `spaFallback` is set (for pushState pages), else 404.
 */
export async function serveDir(dir: string, opts: { spaFallback?: string } = {}): Promise<StaticServer> {
  const base = resolve(dir);
  const server: Server = createServer((req, res) => {
    try {
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      let file = normalize(join(base, pathname));
      if (file !== base && !file.startsWith(base + sep)) {
        res.writeHead(403).end();
        return;
      }
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      if (!existsSync(file) && opts.spaFallback) file = join(base, opts.spaFallback);
      if (!existsSync(file)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(readFileSync(file));
    } catch {
      res.writeHead(500).end();
    }
  });
  // Browsers keep (and pre-open) connections: track sockets so close() does not wait for them.
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('server has no port');
  const origin = `http://127.0.0.1:${addr.port}`;
  return {
    origin,
    url: (p) => origin + (p.startsWith('/') ? p : `/${p}`),
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        for (const sock of sockets) sock.destroy();
      }),
  };
}

export interface Launched {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  /** Every request URL that was neither 127.0.0.1 nor the extension itself (they were aborted). */
  foreign: string[];
  close: () => Promise<void>;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

function isAllowed(url: string): boolean {
  try {
    const u = new URL(url);
    if (u.protocol === 'chrome-extension:' || u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname === '127.0.0.1';
  } catch {
    return false;
  }
}

/**
 * Launch Chromium with the built extension in a fresh profile. Every request of the context goes
 * through a route that lets 127.0.0.1 and chrome-extension:// through and aborts and records the rest.
 */
export async function launchWithExtension(opts: { headless?: boolean; extensionDir?: string; lang?: string } = {}): Promise<Launched> {
  const dir = opts.extensionDir ?? EXTENSION_DIR;
  const profile = mkdtempSync(join(tmpdir(), 'claim-lens-profile-'));
  const args = [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, ...CHROMIUM_ARGS];
  if (opts.lang) args.push(`--lang=${opts.lang}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: opts.headless ?? true,
    args,
    viewport: { width: 1280, height: 900 },
    env: opts.lang ? { ...process.env, LANGUAGE: opts.lang, LANG: `${opts.lang.replace('-', '_')}.UTF-8` } : process.env,
  });
  const foreign: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isAllowed(url)) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  // Requests the route cannot see (e.g. from the service worker) still show up here.
  context.on('request', (req) => {
    if (!isAllowed(req.url()) && !foreign.includes(req.url())) foreign.push(req.url());
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 60_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    foreign,
    close: async () => {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The tab id of `page`, found through the extension's service worker (no "tabs" permission needed). */
export async function tabIdOf(launched: Launched, page: Page): Promise<number> {
  await page.bringToFront();
  const id = await launched.worker.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: any }).chrome;
    const [tab] = await c.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id as number | undefined;
  });
  if (typeof id !== 'number') throw new Error('no active tab');
  return id;
}

/** Open the popup page in a tab, aimed at the tab `tabId`. */
export async function openPopupFor(launched: Launched, tabId: number): Promise<Page> {
  const popup = await launched.context.newPage();
  await popup.setViewportSize({ width: 420, height: 800 });
  await popup.goto(`chrome-extension://${launched.extensionId}/popup.html?tab=${tabId}`);
  return popup;
}

// ---- highlights, read in the page ----------------------------------------------------------------

export interface PaintedRange {
  name: string;
  text: string;
}

/** Every range of every registered highlight, with its text (CSS.highlights as the page sees it). */
export async function paintedRanges(page: Page): Promise<PaintedRange[]> {
  return page.evaluate(() => {
    const out: { name: string; text: string }[] = [];
    const reg = (CSS as unknown as { highlights?: Map<string, Set<AbstractRange>> }).highlights;
    if (!reg) return out;
    for (const [name, hl] of reg) for (const r of hl) if (r instanceof Range) out.push({ name, text: r.toString() });
    return out;
  });
}

/** Wait until at least `min` ranges are painted (generous timeout; never a duration assertion). */
export async function waitForPaint(page: Page, min = 1, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const reg = (CSS as unknown as { highlights?: Map<string, Set<AbstractRange>> }).highlights;
      let count = 0;
      if (reg) for (const [, hl] of reg) count += hl.size;
      return count >= n;
    },
    min,
    { timeout, polling: 100 },
  );
}

// ---- PNG decoding for pixel checks --------------------------------------------------------------

export interface Bitmap {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel. */
  data: Uint8Array;
}

/** Decode an 8-bit RGB/RGBA, non-interlaced PNG (what Chromium screenshots are). */
export function decodePng(buf: Buffer): Bitmap {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let pos = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('ascii', pos + 4, pos + 8);
    const body = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const depth = body[8];
      colorType = body[9]!;
      if (depth !== 8 || (colorType !== 2 && colorType !== 6) || body[12] !== 0) throw new Error('unsupported PNG');
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  const bpp = colorType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const out = new Uint8Array(width * height * 4);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? cur[i - bpp]! : 0;
      const b = prev[i]!;
      const c = i >= bpp ? prev[i - bpp]! : 0;
      let v = line[i]!;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[i] = v & 0xff;
    }
    for (let x = 0; x < width; x++) {
      out[(y * width + x) * 4] = cur[x * bpp]!;
      out[(y * width + x) * 4 + 1] = cur[x * bpp + 1]!;
      out[(y * width + x) * 4 + 2] = cur[x * bpp + 2]!;
      out[(y * width + x) * 4 + 3] = bpp === 4 ? cur[x * bpp + 3]! : 255;
    }
    prev = cur;
  }
  return { width, height, data: out };
}

/** Share of pixels whose colour differs by more than `tolerance` (per channel) between two bitmaps. */
export function changedShare(a: Bitmap, b: Bitmap, tolerance = 8): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let changed = 0;
  const n = a.width * a.height;
  for (let i = 0; i < n; i++) {
    const k = i * 4;
    if (
      Math.abs(a.data[k]! - b.data[k]!) > tolerance ||
      Math.abs(a.data[k + 1]! - b.data[k + 1]!) > tolerance ||
      Math.abs(a.data[k + 2]! - b.data[k + 2]!) > tolerance
    )
      changed++;
  }
  return n === 0 ? 0 : changed / n;
}
