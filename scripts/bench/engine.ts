/**
 * Engine throughput beside one pass of a single combined regular expression over the same text, in
 * the same run. The baseline is what a keyword highlighter would write: one plain spelling of every
 * pattern of both packs, as `\b(?:p1|p2|…)\b` with flags gi (no accent folding, no context, no
 * sentences, no language): the floor cost of scanning the text once with the same vocabulary.
 */
import { bundledPacks, createDetector } from '../../engine/index';
import { conceptIdsFor } from '../../engine/concepts';
import { mixedPageText, pageText } from './corpus';
import { summarise, type Figure } from './stats';

export interface EngineBench {
  inputMB: number;
  claims: number;
  engineMBs: Figure;
  regexMBs: Figure;
  /** engine MB/s ÷ regex MB/s, median of per-run ratios */
  ratio: Figure;
  compileMs: number;
  baselinePhrases: number;
}

/**
 * `density`: 'page' mixes claims and ordinary prose as pages do (15 % of sentences are claims);
 * 'dense' takes every corpus sentence alike (about half are claims): the engine's worst case.
 */
export function runEngineBench({ chars = 5 * 1024 * 1024, runs = 7, density = 'page' as 'page' | 'dense' } = {}): EngineBench {
  const text = density === 'dense' ? pageText(chars) : mixedPageText(chars);
  const mb = text.length / (1024 * 1024);
  const t0 = performance.now();
  const packs = bundledPacks();
  const { detect } = createDetector(packs, conceptIdsFor);
  const compileMs = performance.now() - t0;
  const phrases = [...new Set(packs.flatMap((p) => p.phrases))].sort((a, b) => b.length - a.length);
  const combined = new RegExp(`\\b(?:${phrases.map((p) => p.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')).join('|')})\\b`, 'gi');
  const regexPass = () => {
    combined.lastIndex = 0;
    let n = 0;
    let m: RegExpExecArray | null;
    while ((m = combined.exec(text))) {
      if (m[0].length === 0) combined.lastIndex++;
      n++;
    }
    return n;
  };
  // Warm both up once (JIT, lazy tables), then alternate so machine noise hits both alike.
  let claims = detect(text).length;
  regexPass();
  const eng: number[] = [];
  const rx: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < runs; r++) {
    let a = performance.now();
    claims = detect(text).length;
    const te = performance.now() - a;
    a = performance.now();
    regexPass();
    const tr = performance.now() - a;
    eng.push(mb / (te / 1000));
    rx.push(mb / (tr / 1000));
    ratios.push(tr / te);
  }
  return { inputMB: mb, baselinePhrases: phrases.length, claims, engineMBs: summarise(eng), regexMBs: summarise(rx), ratio: summarise(ratios), compileMs };
}
