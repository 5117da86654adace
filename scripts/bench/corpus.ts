/**
 * Generated page text for benchmarks: sentences from the project's labelled corpora (French and
 * English, claims and ordinary prose mixed as on real pages), shuffled with a fixed seed into
 * paragraphs, repeated until the requested size.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { prng } from './stats';

const ROOT = resolve(import.meta.dirname, '../..');

export interface BenchSentences {
  claims: string[];
  ordinary: string[];
}

/** Corpus sentences split by their labels, plus the articles' paragraphs as ordinary prose. */
export function benchSentenceSets(): BenchSentences {
  const claims: string[] = [];
  const ordinary: string[] = [];
  for (const lang of ['fr', 'en']) {
    const file = resolve(ROOT, `tests/fixtures/eval/${lang}.jsonl`);
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const row = JSON.parse(line) as { text?: unknown; labels?: unknown };
        if (typeof row.text !== 'string') continue;
        (Array.isArray(row.labels) && row.labels.length ? claims : ordinary).push(row.text);
      } catch {
        /* a malformed corpus line is the eval's business, not the bench's */
      }
    }
  }
  const articles = resolve(ROOT, '../shared/articles');
  if (existsSync(articles)) {
    for (const f of ['000_e4e003516e4c8353.txt', '001_6d9e1d21c73d0185.txt', '002_2990468ac6f7945d.txt', '003_451c7eec2da53dee.txt', '004_e90d460aca6a8b51.txt']) {
      const p = resolve(articles, f);
      if (existsSync(p)) ordinary.push(...readFileSync(p, 'utf8').split(/\n\s*\n/).filter((x) => x.trim().length > 40));
    }
  }
  if (claims.length === 0 || ordinary.length === 0) throw new Error('no bench text: tests/fixtures/eval/*.jsonl is missing');
  return { claims, ordinary };
}

/**
 * About `chars` characters of page-like text: paragraphs of 2–6 sentences separated by blank lines,
 * each sentence a claim with probability `claimShare` (default 0.15: marketing pages, product pages
 * and articles mixed), else ordinary prose.
 */
export function mixedPageText(chars: number, { seed = 42, claimShare = 0.15 } = {}): string {
  const { claims, ordinary } = benchSentenceSets();
  const rnd = prng(seed);
  const parts: string[] = [];
  let size = 0;
  while (size < chars) {
    const n = 2 + Math.floor(rnd() * 5);
    const para: string[] = [];
    for (let k = 0; k < n; k++) {
      const pool = rnd() < claimShare ? claims : ordinary;
      para.push(pool[Math.floor(rnd() * pool.length)]!);
    }
    const p = para.join(' ');
    parts.push(p);
    size += p.length + 2;
  }
  return parts.join('\n\n').slice(0, chars);
}

export function benchSentences(): string[] {
  const out: string[] = [];
  for (const lang of ['fr', 'en']) {
    const file = resolve(ROOT, `tests/fixtures/eval/${lang}.jsonl`);
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const t = (JSON.parse(line) as { text?: unknown }).text;
        if (typeof t === 'string') out.push(t);
      } catch {
        /* a malformed corpus line is the eval's business, not the bench's */
      }
    }
  }
  const articles = resolve(ROOT, '../shared/articles');
  if (existsSync(articles)) {
    for (const f of ['000_e4e003516e4c8353.txt', '004_e90d460aca6a8b51.txt']) {
      const p = resolve(articles, f);
      if (existsSync(p)) out.push(...readFileSync(p, 'utf8').split(/\n\s*\n/).filter((s) => s.trim().length > 40));
    }
  }
  if (out.length === 0) throw new Error('no bench text: tests/fixtures/eval/*.jsonl is missing');
  return out;
}

/** About `chars` characters of mixed page text: paragraphs of 2–6 sentences separated by blank lines. */
export function pageText(chars: number, seed = 42): string {
  const sentences = benchSentences();
  const rnd = prng(seed);
  const parts: string[] = [];
  let size = 0;
  while (size < chars) {
    const n = 2 + Math.floor(rnd() * 5);
    const para: string[] = [];
    for (let k = 0; k < n; k++) para.push(sentences[Math.floor(rnd() * sentences.length)]!);
    const p = para.join(' ');
    parts.push(p);
    size += p.length + 2;
  }
  return parts.join('\n\n').slice(0, chars);
}
