/**
 * The detect command line is a contract other tools depend on: run it for real (tsx, a child
 * process) and check its output format, order, and behaviour on bad input.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const TSX = resolve(ROOT, 'node_modules/.bin/tsx');

function run(args: string[], input?: string) {
  const r = spawnSync(TSX, ['scripts/detect.ts', ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run detect', () => {
  it('reads a file and prints a JSON array of claims with offsets into the text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claim-lens-'));
    const file = join(dir, 'page.txt');
    const text = 'Bienvenue.\nOffre limitée\u202f: plus que 2 en stock\u202f! Our packaging is eco-friendly.';
    writeFileSync(file, text);
    const { code, out } = run([file]);
    expect(code).toBe(0);
    const claims = JSON.parse(out) as { start: number; end: number; text: string; lang: string; category: string }[];
    expect(claims.length).toBeGreaterThanOrEqual(2);
    for (const c of claims) expect(text.slice(c.start, c.end)).toBe(c.text);
    expect(claims.some((c) => c.category === 'urgency' && c.lang === 'fr')).toBe(true);
    expect(claims.some((c) => c.category === 'environmental' && c.lang === 'en')).toBe(true);
  });

  it('reads stdin when no file is given', () => {
    const { code, out } = run([], 'Ordinary text about the weather.');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual([]);
  });

  it('--jsonl: one output line per input line, same order; a malformed line gets an error and processing goes on', () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'Only 2 left in stock!' }),
      'this is not json',
      JSON.stringify({ id: 'b' }),
      '',
      JSON.stringify({ id: 'c', text: 'Nous utilisons des logiciels libres.', lang: 'fr' }),
      JSON.stringify({ id: 'd', text: 'x', lang: 'de' }),
    ].join('\n');
    const { code, out } = run(['--jsonl'], input);
    expect(code).toBe(0);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { id: string | null; claims?: unknown[]; error?: string });
    expect(lines.map((l) => l.id)).toEqual(['a', null, null, 'c', null]);
    expect(lines[0]!.claims!.length).toBeGreaterThan(0);
    expect(lines[1]!.error).toMatch(/not JSON/);
    expect(lines[2]!.error).toMatch(/text/);
    expect(lines[3]!.claims).toEqual([]);
    expect(lines[4]!.error).toMatch(/lang/);
  });

  it('refuses bad options with a message and exit code 2', () => {
    expect(run(['--threshold', '7']).code).toBe(2);
    expect(run(['--nope']).err).toMatch(/unknown option/);
    expect(run(['/no/such/file.txt']).err).toMatch(/cannot read/);
  });
});
