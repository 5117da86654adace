/**
 * Compiles a rule pack (engine/RULES.md) into one matcher: a single combined regular expression over
 * the raw text (accent-, case- and typography-insensitive through character classes, so the text is
 * never copied or folded as a whole), plus a table that tells which rule a match belongs to.
 *
 * Identifying the rule: most patterns expand to a small set of literal spellings; a match is folded and
 * squeezed into a key and looked up in a Map. Patterns that cannot be expanded ({NUM}, {WORD}, gaps)
 * are retried one by one, anchored at the match, only when the key lookup fails. No capture groups:
 * V8 allocates every group slot on every match, which costs far more than the scan itself.
 */
import { RulePackSchema, type Rule, type RulePack, type Signal } from './schema';
import type { Category, Lang } from './types';
import { fold } from './fold';

// ---------- pattern AST ----------
type Node =
  | { t: 'lit'; s: string } // folded literal characters (letters, digits, punctuation)
  | { t: 'space' }
  | { t: 'hyphen' } // optional hyphen/space between letters
  | { t: 'alt'; branches: Node[][] }
  | { t: 'num' }
  | { t: 'word' }
  | { t: 'gap'; min: number; max: number };

export class PatternError extends Error {}

const WORD_CLASS_CHARS = '0-9A-Za-z\\u00aa\\u00b5\\u00ba\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u02af\\u1e00-\\u1eff';
const NOT_BEFORE = `(?<![${WORD_CLASS_CHARS}])`;
const NOT_AFTER = `(?![${WORD_CLASS_CHARS}])`;
const WORD_TOKEN = '[^\\s.,;:!?()\\[\\]«»"“”]+';

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
        if (cur.length && cur[cur.length - 1]!.t !== 'space') cur.push({ t: 'space' });
        i++;
        continue;
      }
      if (ch === '-' && isWordChar(p[i - 1]) && isWordChar(p[i + 1])) {
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

// ---------- regex generation ----------
const LETTER_CLASS: Record<string, string> = {
  a: '[aàâäáãåā]',
  e: '[eéèêëē]',
  i: '[iîïíìī]',
  o: '[oôöóòõø]',
  u: '[uùûüúū]',
  c: '[cç]',
  y: '[yÿý]',
  n: '[nñ]',
  "'": "['’‘ʼ`´]",
  '%': '\\s?%',
  '-': '[-\\u2010-\\u2015\\u2212]',
  '.': '\\.',
};

function litToRegex(s: string): string {
  let out = '';
  for (let k = 0; k < s.length; k++) {
    const ch = s[k]!;
    const next = s[k + 1];
    if (ch === 'o' && next === 'e') {
      out += '(?:o[eéèêë]|œ)';
      k++;
    } else if (ch === 'a' && next === 'e') {
      out += '(?:a[eéèêë]|æ)';
      k++;
    } else if (LETTER_CLASS[ch]) out += LETTER_CLASS[ch];
    else out += ch.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  }
  return out;
}

function seqToRegex(seq: Node[]): string {
  let out = '';
  for (let k = 0; k < seq.length; k++) {
    const n = seq[k]!;
    switch (n.t) {
      case 'lit':
        out += litToRegex(n.s);
        break;
      case 'space': {
        const next = seq[k + 1];
        if (next?.t === 'lit' && next.s.startsWith('%')) break; // "%" allows its own optional space
        out += '\\s+';
        break;
      }
      case 'hyphen':
        out += '[-\\u2010-\\u2013\\u00ad\\s]?';
        break;
      case 'num':
        out += '\\d+(?:[.,\\u00a0\\u202f ]\\d+)*';
        break;
      case 'word':
        out += WORD_TOKEN;
        break;
      case 'gap': {
        // A gap absorbs the space that follows it, so "a {0-2} b" also matches "a b".
        if (seq[k + 1]?.t === 'space') {
          out += `(?:${WORD_TOKEN}\\s+){${n.min},${n.max}}`;
          k++;
        } else out += `(?:\\s+${WORD_TOKEN}){${n.min},${n.max}}`;
        break;
      }
      case 'alt':
        out += `(?:${n.branches.map(seqToRegex).join('|')})`;
        break;
    }
  }
  return out;
}

/** First and last characters a sequence can produce, to decide on word boundaries. */
function edgeChars(branches: Node[][], side: 'first' | 'last'): string[] {
  const out: string[] = [];
  for (const seq of branches) {
    const items = side === 'first' ? seq : [...seq].reverse();
    let k = 0;
    for (; k < items.length; k++) {
      const n = items[k]!;
      if (n.t === 'lit') {
        out.push(side === 'first' ? n.s[0]! : n.s[n.s.length - 1]!);
        break;
      }
      if (n.t === 'num' || n.t === 'word') {
        out.push('a');
        break;
      }
      if (n.t === 'alt') {
        out.push(...edgeChars(n.branches, side));
        if (!n.branches.some((b) => b.length === 0)) break;
        continue;
      }
      // space/hyphen/gap at an edge: look further
    }
    if (k === items.length) out.push(''); // empty branch
  }
  return out;
}

function wrapBoundaries(branches: Node[][], body: string): string {
  const first = edgeChars(branches, 'first');
  const last = edgeChars(branches, 'last');
  const pre = first.some((c) => isWordChar(c)) ? NOT_BEFORE : '';
  const post = last.some((c) => isWordChar(c)) ? NOT_AFTER : '';
  return pre + body + post;
}

// ---------- literal expansion (keys) ----------
const MAX_EXPANSIONS = 512;

function expand(seq: Node[]): string[] | null {
  let acc: string[] = [''];
  for (const n of seq) {
    if (n.t === 'lit') acc = acc.map((a) => a + n.s);
    else if (n.t === 'space' || n.t === 'hyphen') continue;
    else if (n.t === 'alt') {
      const opts: string[] = [];
      for (const b of n.branches) {
        const e = expand(b);
        if (!e) return null;
        opts.push(...e);
      }
      const next: string[] = [];
      for (const a of acc) for (const o of opts) next.push(a + o);
      if (next.length > MAX_EXPANSIONS) return null;
      acc = next;
    } else return null;
  }
  return acc;
}

/** The key of a matched text or an expanded pattern: folded, without spaces, hyphens and ligatures. */
export function keyOf(s: string): string {
  return fold(s)
    .replace(/[\s\u00ad-]+/g, '')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae');
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
  /** Global, case-insensitive: all positive patterns. */
  matcher: RegExp;
  /** Global, case-insensitive: all stop patterns (null when none). */
  stops: RegExp | null;
  keyToRule: Map<string, number>;
  /** Patterns that could not be expanded into keys, tried in order when a key lookup fails. */
  fallbacks: { rule: number; re: RegExp }[];
  /** Source of the combined positive regex (for the benchmark's baseline). */
  source: string;
}

export type CompileResult = { ok: true; pack: CompiledPack } | { ok: false; error: string };

function formatZodPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

/** Validate and compile a rule pack. Never throws. */
export function compilePack(json: unknown): CompileResult {
  const parsed = RulePackSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `invalid rule pack at ${formatZodPath(issue.path) || '(root)'}: ${issue.message}` };
  }
  try {
    return { ok: true, pack: compileValid(parsed.data) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

interface Alt {
  rule: number;
  priority: number;
  length: number;
  regex: string;
  keys: string[] | null;
  order: number;
}

function compileValid(pack: RulePack): CompiledPack {
  const rules: CompiledRule[] = [];
  const alts: Alt[] = [];
  let order = 0;
  pack.rules.forEach((r: Rule, ri) => {
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
      let branches: Node[][];
      try {
        branches = parse(pat, pack.lexicon);
      } catch (e) {
        throw new PatternError(`rule ${r.id}: ${e instanceof Error ? e.message : String(e)}`);
      }
      const body = branches.map(seqToRegex).join('|');
      const regex = wrapBoundaries(branches, branches.length > 1 ? `(?:${body})` : body);
      try {
        new RegExp(regex, 'i');
      } catch (e) {
        throw new PatternError(`rule ${r.id}: pattern ${JSON.stringify(pat)} does not compile: ${String(e)}`);
      }
      let keys: string[] | null = [];
      for (const b of branches) {
        const e = expand(b);
        if (!e) {
          keys = null;
          break;
        }
        keys.push(...e.map(keyOf));
      }
      if (keys && keys.length > MAX_EXPANSIONS) keys = null;
      if (keys && keys.some((k) => k.length === 0)) throw new PatternError(`rule ${r.id}: pattern ${JSON.stringify(pat)} can match empty text`);
      alts.push({ rule: ri, priority: r.priority ?? 0, length: fold(pat).length, regex, keys, order: order++ });
    }
  });
  // Higher priority first, then longer patterns (more specific) first, then file order.
  alts.sort((a, b) => b.priority - a.priority || b.length - a.length || a.order - b.order);
  const keyToRule = new Map<string, number>();
  const fallbacks: { rule: number; re: RegExp }[] = [];
  for (const a of alts) {
    if (a.keys) {
      for (const k of a.keys) if (!keyToRule.has(k)) keyToRule.set(k, a.rule);
    } else fallbacks.push({ rule: a.rule, re: new RegExp(a.regex, 'iy') });
  }
  const source = alts.map((a) => a.regex).join('|');
  let stops: RegExp | null = null;
  const stopSources: string[] = [];
  for (const s of pack.stops) {
    for (const pat of s.patterns) {
      let branches: Node[][];
      try {
        branches = parse(pat, pack.lexicon);
      } catch (e) {
        throw new PatternError(`stop ${s.id}: ${e instanceof Error ? e.message : String(e)}`);
      }
      const body = branches.map(seqToRegex).join('|');
      stopSources.push(wrapBoundaries(branches, branches.length > 1 ? `(?:${body})` : body));
    }
  }
  if (stopSources.length) stops = new RegExp(stopSources.join('|'), 'gi');
  return { lang: pack.lang, name: pack.name, rules, matcher: new RegExp(source, 'gi'), stops, keyToRule, fallbacks, source };
}

/** Which rule produced this match? Uses the key table, then the non-expandable patterns. */
export function ruleOfMatch(pack: CompiledPack, text: string, index: number, matched: string): number {
  const r = pack.keyToRule.get(keyOf(matched));
  if (r !== undefined) return r;
  for (const f of pack.fallbacks) {
    f.re.lastIndex = index;
    const m = f.re.exec(text);
    if (m && m[0].length === matched.length) return f.rule;
  }
  // A pattern matched a spelling whose key we failed to predict: take any fallback or expandable
  // pattern that matches here (slow path, rare).
  for (const f of pack.fallbacks) {
    f.re.lastIndex = index;
    if (f.re.exec(text)) return f.rule;
  }
  return -1;
}
