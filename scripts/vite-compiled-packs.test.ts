import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeSnapshot } from '../engine/snapshot';
import { bundledPacks } from '../engine';
import { COMPILED_PACKS_ID, PACK_FILES, compiledPacksModule, compiledPacksPlugin, compiledPacksText } from './vite-compiled-packs';

type Hook = (this: unknown, ...args: unknown[]) => unknown;
const call = (h: unknown, ctx: unknown, ...args: unknown[]) => (typeof h === 'function' ? (h as Hook).apply(ctx, args) : (h as { handler: Hook }).handler.apply(ctx, args));

describe('compiled rule packs at build time', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claim-lens-packs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('compiles the bundled pack files into the same snapshot as the engine', () => {
    expect(PACK_FILES.map((f) => f.split(/[\\/]/).pop())).toEqual(['rules.fr.json', 'rules.en.json']);
    expect(compiledPacksText()).toBe(encodeSnapshot(bundledPacks()));
  });

  it('resolves and loads the virtual module, watching the pack files', async () => {
    const plugin = compiledPacksPlugin();
    const resolved = call(plugin.resolveId, {}, COMPILED_PACKS_ID, undefined, {}) as string;
    expect(resolved).toBe(`\0${COMPILED_PACKS_ID}`);
    expect(call(plugin.resolveId, {}, 'virtual:something-else', undefined, {})).toBeNull();
    const watched: string[] = [];
    const ctx = { addWatchFile: (f: string) => watched.push(f), error: (m: string) => { throw new Error(m); } };
    const source = call(plugin.load, ctx, resolved) as string;
    expect(watched).toEqual(PACK_FILES);
    const file = join(dir, 'module.mjs');
    writeFileSync(file, source);
    const mod = (await import(file)) as { default: string };
    expect(mod.default).toBe(compiledPacksText());
    expect(call(plugin.load, ctx, '/some/other.ts')).toBeNull();
  });

  it('fails the build naming the file when a pack is invalid', () => {
    const bad = join(dir, 'rules.bad.json');
    const pack = JSON.parse(readFileSync(PACK_FILES[0]!, 'utf8')) as { rules: { patterns: string[] }[] };
    pack.rules[0]!.patterns = ['(offre spéciale'];
    writeFileSync(bad, JSON.stringify(pack));
    expect(() => compiledPacksModule([bad])).toThrow(/rules\.bad\.json: .*unclosed "\("/);
    const notJson = join(dir, 'rules.broken.json');
    writeFileSync(notJson, '{"format": ');
    const plugin = compiledPacksPlugin([notJson]);
    const ctx = { addWatchFile: () => {}, error: (m: string) => { throw new Error(m); } };
    expect(() => call(plugin.load, ctx, `\0${COMPILED_PACKS_ID}`)).toThrow(/compiled rule packs: .*rules\.broken\.json/);
  });
});
