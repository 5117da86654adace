/**
 * The engine's public entry point. Pure: no DOM, no browser API; runs in Node and in a content script.
 * The bundled rule packs are compiled once, on first use.
 */
import { compilePack, compileSteps, type CompiledPack } from './compile';
import { slicer, type SliceOptions } from './steps';
import { conceptIdsFor } from './concepts';
import { createDetector, type Detector } from './detect';
import rulesEn from './data/rules.en.json';
import rulesFr from './data/rules.fr.json';
import type { Claim, DetectOptions } from './types';

export * from './types';
export { compilePack, compileSteps, type CompiledPack } from './compile';
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

/**
 * Compiles the bundled packs in pieces of about `budgetMs`, awaiting `yieldFn` between pieces, so a
 * content script never blocks the page for the whole compilation (~300 ms in one piece). After it
 * resolves, detect() runs without compiling. Calling detect() first still works: it compiles at once.
 */
export async function prepareDetector(opts: SliceOptions = {}): Promise<Detector> {
  if (DEFAULT) return DEFAULT;
  const slices = slicer(opts);
  const packs: CompiledPack[] = [];
  for (const json of [rulesFr, rulesEn]) {
    // Stops when a synchronous detect() compiled the packs meanwhile.
    const r = await slices.run(compileSteps(json), () => DEFAULT !== null);
    if (!r) return DEFAULT!;
    if (!r.ok) throw new Error(`bundled rule pack: ${r.error}`);
    packs.push(r.pack);
    await slices.pause();
  }
  return (DEFAULT ??= createDetector(packs, conceptIdsFor));
}

/** Finds marketing claims in `text`. Never throws: bad input gives []. */
export function detect(text: string, options?: DetectOptions): Claim[] {
  try {
    return defaultDetector().detect(text, options);
  } catch {
    return [];
  }
}
