/**
 * Vite plugin: the bundled rule packs compiled at build time (engine/snapshot.ts), so no page ever
 * compiles them. `import text from 'virtual:claim-lens/compiled-packs'` gives the snapshot's JSON
 * text, which the content script decodes with detectorFromSnapshot().
 *
 * The packs are read from disk at each build (and watched in dev mode), validated and compiled by
 * the same engine code the tests and `npm run eval` use; an invalid pack fails the build with the
 * engine's message.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { compilePack, type CompiledPack } from '../engine/compile';
import { encodeSnapshot } from '../engine/snapshot';
import { Vocabulary } from '../engine/tokens';

export const COMPILED_PACKS_ID = 'virtual:claim-lens/compiled-packs';
const RESOLVED_ID = `\0${COMPILED_PACKS_ID}`;

/** The bundled packs, in the engine's order (engine/index.ts: French, then English). */
export const PACK_FILES = ['rules.fr.json', 'rules.en.json'].map((f) => join(dirname(fileURLToPath(import.meta.url)), '..', 'engine', 'data', f));

/** Compiles the pack files (one fresh vocabulary) and returns the snapshot text. Throws on an invalid pack. */
export function compiledPacksText(files: readonly string[] = PACK_FILES): string {
  const vocab = new Vocabulary();
  const packs: CompiledPack[] = [];
  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const r = compilePack(json, vocab);
    if (!r.ok) throw new Error(`${file}: ${r.error}`);
    packs.push(r.pack);
  }
  return encodeSnapshot(packs);
}

/** The module's source: one exported string. */
export function compiledPacksModule(files: readonly string[] = PACK_FILES): string {
  return `export default ${JSON.stringify(compiledPacksText(files))};\n`;
}

export function compiledPacksPlugin(files: readonly string[] = PACK_FILES): Plugin {
  return {
    name: 'claim-lens-compiled-packs',
    resolveId(id) {
      return id === COMPILED_PACKS_ID ? RESOLVED_ID : null;
    },
    load(id) {
      if (id !== RESOLVED_ID) return null;
      for (const f of files) this.addWatchFile(f);
      try {
        return compiledPacksModule(files);
      } catch (e) {
        this.error(`compiled rule packs: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
  };
}
