/**
 * Compiles a rule pack (engine/RULES.md): validates it with zod, parses every pattern into a small
 * AST, and builds one automaton (engine/automaton.ts) for the positive patterns and one for the stops.
 * Detection then costs one table lookup per character, whatever the number of patterns.
 */
import { RulePackHeadSchema, RuleSchema, StopSchema, type Signal } from './schema';
import type { Category, Lang } from './types';
import { fold } from './fold';
import { Automaton, type PatNode } from './automaton';
import { Vocabulary } from './tokens';
import { runSteps } from './steps';

/** One vocabulary for every pack, so that one tokenization of a text serves all of them. */
export const SHARED_VOCABULARY = new Vocabulary();

// ---------- pattern AST ----------
type Node = PatNode;

export class PatternError extends Error {}


function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[0-9a-z\u00e0-\u024f]/.test(ch);
}

function parse(src: string, lexicon: Record<string, string[]>, depth = 0): Node[][] {
  if (depth > 8) throw new PatternError('lexicon references nest too deeply');
  const p = fold(src.trim()).replace(/ +/g, ' ');
  let i = 0;
  const parseSeq = (stopAt: string): Node[][] => {
    const branches: Node[][] = [[]];
    let cur = branches[0]!;
    while (i < p.length) {
      const ch = p[i]!;
      if (stopAt.includes(ch)) break;
      if (ch === '|') {
        cur = [];
        branches.push(cur);
        i++;
        continue;
      }
      if (ch === '(') {
        i++;
        const inner = parseSeq(')');
        if (p[i] !== ')') throw new PatternError(`unclosed "(" in ${JSON.stringify(src)}`);
        i++;
        // "(s)": a group with a single branch is optional.
        if (inner.length === 1) inner.push([]);
        cur.push({ t: 'alt', branches: inner });
        continue;
      }
      if (ch === ')') throw new PatternError(`unexpected ")" in ${JSON.stringify(src)}`);
      if (ch === '{') {
        const close = p.indexOf('}', i);
        if (close < 0) throw new PatternError(`unclosed "{" in ${JSON.stringify(src)}`);
        const name = src.trim().replace(/ +/g, ' ').slice(i + 1, close); // original case for lexicon names
        i = close + 1;
        const gap = /^(\d)-(\d)$/.exec(name);
        if (name === 'NUM') cur.push({ t: 'num' });
        else if (name === 'WORD') cur.push({ t: 'word' });
        else if (gap) {
          const min = Number(gap[1]);
          const max = Number(gap[2]);
          if (max < min || max > 6) throw new PatternError(`bad gap {${name}} in ${JSON.stringify(src)}`);
          cur.push({ t: 'gap', min, max });
        } else if (lexicon[name]) {
          const alts: Node[][] = [];
          for (const entry of lexicon[name]!) alts.push(...parse(entry, lexicon, depth + 1));
          cur.push({ t: 'alt', branches: alts });
        } else throw new PatternError(`unknown lexicon list {${name}} in ${JSON.stringify(src)}`);
        continue;
      }
      if (ch === ' ' || ch === '\n') {
        // Inside a group a leading space counts: "left( in stock)" must not glue the words.
        if ((cur.length || stopAt) && cur[cur.length - 1]?.t !== 'space') cur.push({ t: 'space' });
        i++;
        continue;
      }
      if (ch === '-' && (isWordChar(p[i - 1]) || p[i - 1] === ')' || p[i - 1] === '}') && (isWordChar(p[i + 1]) || p[i + 1] === '(' || p[i + 1] === '{')) {
        cur.push({ t: 'hyphen' });
        i++;
        continue;
      }
      const last = cur[cur.length - 1];
      if (last && last.t === 'lit') last.s += ch;
      else cur.push({ t: 'lit', s: ch });
      i++;
    }
    return branches;
  };
  const out = parseSeq('');
  if (i < p.length) throw new PatternError(`unexpected "${p[i]}" in ${JSON.stringify(src)}`);
  return out;
}

// ---------- canonical spelling (for the benchmark's keyword baseline) ----------
/** One plain spelling of a pattern: first branch of every group, "1" for a number; null with word slots. */
function canonical(seq: Node[]): string | null {
  let out = '';
  for (const n of seq) {
    if (n.t === 'lit') out += n.s;
    else if (n.t === 'space') out += ' ';
    else if (n.t === 'hyphen') out += '-';
    else if (n.t === 'num') out += '1';
    else if (n.t === 'alt') {
      const b = n.branches.find((x) => x.length > 0);
      if (b) {
        const c = canonical(b);
        if (c === null) return null;
        out += c;
      }
    } else return null;
  }
  return out;
}

// ---------- compiled pack ----------
export interface CompiledRule {
  id: string;
  category: Category;
  base: number;
  requireAny?: Signal[];
  weights: Partial<Record<Signal, number>>;
  concepts?: string[];
  anyLang: boolean;
}

export interface CompiledPack {
  lang: Lang;
  name: string;
  rules: CompiledRule[];
  matcher: Automaton;
  /** Matcher of the stop phrases; null when the pack has none. Its matches' `rule` is meaningless. */
  stops: Automaton | null;
  /** One plain spelling per pattern (for the benchmark's keyword baseline). */
  phrases: string[];
}

export type CompileResult = { ok: true; pack: CompiledPack } | { ok: false; error: string };

function formatZodPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

/** Validate and compile a rule pack. Never throws. */
export function compilePack(json: unknown, vocab: Vocabulary = SHARED_VOCABULARY): CompileResult {
  return runSteps(compileSteps(json, vocab));
}

/**
 * The same, one pattern at a time: each `next()` does a bounded piece of work, so a caller on a page's
 * main thread can yield between pieces (see prepareDetector in engine/index.ts). Never throws.
 */
export function* compileSteps(json: unknown, vocab: Vocabulary = SHARED_VOCABULARY): Generator<void, CompileResult> {
  const head = RulePackHeadSchema.safeParse(json);
  if (!head.success) return invalid(head.error.issues[0]!);
  const pack = head.data;
  const rules: CompiledRule[] = [];
  const phrases: string[] = [];
  const seen = new Set<string>();
  const matcher = new Automaton(vocab);
  try {
    for (const [ri, raw] of pack.rules.entries()) {
      const parsed = RuleSchema.safeParse(raw);
      if (!parsed.success) return invalid(parsed.error.issues[0]!, ['rules', ri]);
      const r = parsed.data;
      if (seen.has(r.id)) return { ok: false, error: `invalid rule pack at rules[${ri}].id: duplicate rule id ${r.id}` };
      seen.add(r.id);
      rules.push({
        id: r.id,
        category: r.category,
        base: r.base,
        requireAny: r.requireAny,
        weights: { ...pack.weights, ...(r.weights ?? {}) },
        concepts: r.concepts,
        anyLang: r.anyLang ?? false,
      });
      for (const pat of r.patterns) {
        const branches = parseOrThrow(pat, pack.lexicon, `rule ${r.id}`);
        matcher.add({ rule: ri, priority: r.priority ?? 0, branches });
        const c = canonical(branches[0]!);
        if (c) phrases.push(c);
        // One pattern at a time: a rule with a large lexicon expands to thousands of spellings.
        yield;
      }
    }
    let stops: Automaton | null = null;
    for (const [si, raw] of pack.stops.entries()) {
      const parsed = StopSchema.safeParse(raw);
      if (!parsed.success) return invalid(parsed.error.issues[0]!, ['stops', si]);
      stops ??= new Automaton(vocab);
      for (const pat of parsed.data.patterns) {
        stops.add({ rule: si, priority: 0, branches: parseOrThrow(pat, pack.lexicon, `stop ${parsed.data.id}`) });
        yield;
      }
    }
    return { ok: true, pack: { lang: pack.lang, name: pack.name, rules, matcher, stops, phrases } };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

function invalid(issue: { path: readonly PropertyKey[]; message: string }, prefix: PropertyKey[] = []): CompileResult {
  return { ok: false, error: `invalid rule pack at ${formatZodPath([...prefix, ...issue.path]) || '(root)'}: ${issue.message}` };
}

/** Parses one pattern (for vocabularies outside rule packs, such as engine/signals.ts). Throws PatternError. */
export function parsePattern(src: string, lexicon: Record<string, string[]> = {}): Node[][] {
  return parse(src, lexicon);
}

function parseOrThrow(pat: string, lexicon: Record<string, string[]>, where: string): Node[][] {
  let branches: Node[][];
  try {
    branches = parse(pat, lexicon);
  } catch (e) {
    throw new PatternError(`${where}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (branches.some((b) => canMatchEmpty(b))) throw new PatternError(`${where}: pattern ${JSON.stringify(pat)} can match empty text`);
  return branches;
}

function canMatchEmpty(seq: Node[]): boolean {
  return seq.every((n) => (n.t === 'alt' ? n.branches.some(canMatchEmpty) : n.t === 'gap' ? n.min === 0 : n.t === 'hyphen' || n.t === 'space'));
}
