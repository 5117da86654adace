/**
 * Command line for the engine (a stable contract: other tools depend on it).
 *
 *   npm run --silent detect -- [FILE] [--threshold N] [--lang fr|en]
 *       Plain text from FILE (or stdin) → a JSON array of claims on stdout.
 *   npm run --silent detect -- --jsonl [--threshold N]
 *       JSON lines {"id": string, "text": string, "lang"?: "fr"|"en"} on stdin → one line per input,
 *       same order: {"id": ..., "claims": [...]}. A malformed line → {"id": null, "error": "..."} and
 *       processing goes on. Blank lines are not inputs and are skipped.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { detect, type DetectOptions } from '../engine/index';

const InputLine = z.object({ id: z.string(), text: z.string(), lang: z.enum(['fr', 'en']).optional() });

function usage(msg: string): never {
  process.stderr.write(`detect: ${msg}\nusage: npm run --silent detect -- [FILE] [--threshold N] [--lang fr|en] | --jsonl\n`);
  process.exit(2);
}

function parseArgs(argv: string[]) {
  const opts: DetectOptions = {};
  let file: string | undefined;
  let jsonl = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--jsonl') jsonl = true;
    else if (a === '--threshold') {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v < 0 || v > 1) usage('--threshold takes a number from 0 to 1');
      opts.threshold = v;
    } else if (a === '--lang') {
      const v = argv[++i];
      if (v !== 'fr' && v !== 'en') usage('--lang takes fr or en');
      opts.lang = v;
    } else if (a === '--help' || a === '-h') usage('help');
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else if (file) usage('only one FILE');
    else file = a;
  }
  if (jsonl && file) usage('--jsonl reads stdin; give no FILE');
  return { opts, file, jsonl };
}

function describeError(e: unknown): string {
  if (e instanceof z.ZodError) return e.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ');
  if (e instanceof SyntaxError) return `not JSON: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

async function runJsonl(opts: DetectOptions) {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (line.trim() === '') continue;
    let out: string;
    try {
      const input = InputLine.parse(JSON.parse(line));
      const claims = detect(input.text, { ...opts, ...(input.lang ? { lang: input.lang } : {}) });
      out = JSON.stringify({ id: input.id, claims });
    } catch (e) {
      out = JSON.stringify({ id: null, error: describeError(e) });
    }
    if (!process.stdout.write(out + '\n')) await new Promise((r) => process.stdout.once('drain', r));
  }
}

async function readAll(file: string | undefined): Promise<string> {
  if (file) {
    try {
      return readFileSync(file, 'utf8');
    } catch (e) {
      usage(`cannot read ${file}: ${(e as Error).message}`);
    }
  }
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main() {
  const { opts, file, jsonl } = parseArgs(process.argv.slice(2));
  if (jsonl) return runJsonl(opts);
  const text = await readAll(file);
  process.stdout.write(JSON.stringify(detect(text, opts), null, 2) + '\n');
}

main().catch((e) => {
  process.stderr.write(`detect: ${describeError(e)}\n`);
  process.exit(1);
});
