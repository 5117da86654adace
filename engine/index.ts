/**
 * The engine's public entry point. Pure: no DOM, no browser API; runs in Node and in a content script.
 * The bundled rule packs are compiled once, on first use.
 */
import { compilePack, type CompiledPack } from './compile';
import { conceptIdsFor } from './concepts';
import { createDetector, type Detector } from './detect';
import rulesEn from './data/rules.en.json';
import rulesFr from './data/rules.fr.json';
import type { Claim, DetectOptions } from './types';

export * from './types';
export { compilePack, type CompiledPack } from './compile';
export { createDetector, DEFAULT_THRESHOLD, type Detector } from './detect';
export { splitSentences } from './segment';

let DEFAULT: Detector | null = null;

/** Compiled bundled packs. Throws only if the bundled data is invalid, which a unit test forbids. */
export function bundledPacks(): CompiledPack[] {
  const out: CompiledPack[] = [];
  for (const json of [rulesFr, rulesEn]) {
    const r = compilePack(json);
    if (!r.ok) throw new Error(`bundled rule pack: ${r.error}`);
    out.push(r.pack);
  }
  return out;
}

export function defaultDetector(): Detector {
  return (DEFAULT ??= createDetector(bundledPacks(), conceptIdsFor));
}

/** Finds marketing claims in `text`. Never throws: bad input gives []. */
export function detect(text: string, options?: DetectOptions): Claim[] {
  try {
    return defaultDetector().detect(text, options);
  } catch {
    return [];
  }
}
