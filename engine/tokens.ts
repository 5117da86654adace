/**
 * Tokens: the engine matches sequences of tokens, not characters.
 *
 * A token is a run of word characters (letters, digits, marks; any script), or one punctuation
 * character. Whitespace separates tokens and is skipped. An apostrophe inside a word ends the token
 * and belongs to it ("l'offre" → "l'", "offre"; "don't" → "don'", "t"), so elisions work with ’ and '.
 * Token text is folded (engine/fold.ts): lower case, no accents, œ → "oe", æ → "ae".
 *
 * Tokens are never allocated as strings while scanning: a hash of the folded characters is looked up
 * in the vocabulary of the words that patterns use; anything else is "unknown" and only its class
 * (word, digits, three digits, punctuation) matters.
 */
import { foldCode, foldTables, isWordCode } from './fold';

export const UNK_WORD = -1;
export const UNK_DIGITS = -2;
export const UNK_DIGITS3 = -3;
export const UNK_PUNCT = -4;

const APOS = 0x27;

function foldedUnits(c: number, out: number[]): void {
  const f = foldCode(c);
  if (f === 0x153) out.push(0x6f, 0x65);
  else if (f === 0xe6) out.push(0x61, 0x65);
  else out.push(f);
}

/** Folds a pattern word the way the scanner folds text. */
const FOLDED = new Map<string, string>();

/** foldToken, remembered (patterns fold the same few thousand words again and again). */
export function foldTokenCached(s: string): string {
  let f = FOLDED.get(s);
  if (f === undefined) {
    f = foldToken(s);
    if (FOLDED.size < 200_000) FOLDED.set(s, f);
  }
  return f;
}

export function foldToken(s: string): string {
  const units: number[] = [];
  for (let k = 0; k < s.length; k++) foldedUnits(s.charCodeAt(k), units);
  return String.fromCharCode(...units);
}

function hashUnits(units: ArrayLike<number>, n: number): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < n; k++) h = Math.imul(h ^ units[k]!, 0x01000193);
  return h >>> 0;
}

export class Vocabulary {
  private readonly byHash = new Map<number, number[]>();
  /** Registration goes through strings (compiling asks for the same token thousands of times). */
  private readonly byString = new Map<string, number>();
  readonly words: string[] = [];
  /** per id: 1 word, 2 digits, 3 three digits, 4 punctuation */
  readonly kind: number[] = [];

  /** Id of a folded token string, registering it when new. */
  id(token: string): number {
    const known = this.byString.get(token);
    if (known !== undefined) return known;
    // UTF-16 units, exactly as lookup() hashes the text's units.
    const units: number[] = [];
    for (let k = 0; k < token.length; k++) units.push(token.charCodeAt(k));
    const h = hashUnits(units, units.length);
    const list = this.byHash.get(h);
    if (list) for (const id of list) if (this.words[id] === token) return id;
    const id = this.words.length;
    this.byString.set(token, id);
    this.words.push(token);
    this.kind.push(classify(token));
    if (list) list.push(id);
    else this.byHash.set(h, [id]);
    return id;
  }

  lookup(units: ArrayLike<number>, n: number, hash = hashUnits(units, n)): number {
    const list = this.byHash.get(hash);
    if (!list) return -1;
    outer: for (const id of list) {
      const w = this.words[id]!;
      if (w.length !== n) continue;
      for (let k = 0; k < n; k++) if (w.charCodeAt(k) !== units[k]) continue outer;
      return id;
    }
    return -1;
  }

  isWord(sym: number): boolean {
    return sym >= 0 ? this.kind[sym]! <= 3 : sym !== UNK_PUNCT;
  }
  isDigits(sym: number): boolean {
    return sym >= 0 ? this.kind[sym] === 2 || this.kind[sym] === 3 : sym === UNK_DIGITS || sym === UNK_DIGITS3;
  }
  isDigits3(sym: number): boolean {
    return sym >= 0 ? this.kind[sym] === 3 : sym === UNK_DIGITS3;
  }
}

function classify(token: string): number {
  if (/^[0-9]+$/.test(token)) return token.length === 3 ? 3 : 2;
  if (token.length === 1 && !isWordCode(token.charCodeAt(0))) return 4;
  return 1;
}

/** Splits a folded pattern string into tokens the same way the scanner splits text. */
export function splitPatternText(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (isWordCode(c)) cur += s[k];
    else if (c === APOS && cur && k + 1 < s.length && isWordCode(s.charCodeAt(k + 1))) {
      out.push(cur + "'");
      cur = '';
    } else {
      if (cur) out.push(cur);
      cur = '';
      if (!/\s/.test(s[k]!)) out.push(s[k]!);
    }
  }
  if (cur) out.push(cur);
  return out.map(foldToken);
}

export interface TokenStream {
  count: number;
  start: Int32Array;
  end: Int32Array;
  sym: Int32Array;
}

const MAX_TOKEN_UNITS = 64;
const UNITS = new Uint16Array(MAX_TOKEN_UNITS + 2);

const { fold: FOLD, word: WORD } = foldTables();

function isWord(c: number): boolean {
  const w = WORD[c]!;
  return w === 0 ? isWordCode(c) : w === 2;
}
function folded(c: number): number {
  const f = FOLD[c]!;
  return f === 0 && c !== 0 ? foldCode(c) : f;
}

/** Tokens of text[from, to). Linear; no string allocation per token. */
export function tokenize(text: string, vocab: Vocabulary, from = 0, to = text.length): TokenStream {
  let cap = Math.max(16, ((to - from) >> 2) + 16);
  let start = new Int32Array(cap);
  let end = new Int32Array(cap);
  let sym = new Int32Array(cap);
  let count = 0;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    let s = i;
    let id: number;
    if (isWord(c)) {
      let n = 0;
      let h = 0x811c9dc5;
      let digits = true;
      while (i < to) {
        const d = text.charCodeAt(i);
        if (isWord(d)) {
          if (d < 48 || d > 57) digits = false;
          if (n < MAX_TOKEN_UNITS) {
            const f = folded(d);
            if (f === 0x153 || f === 0xe6) {
              UNITS[n++] = f === 0x153 ? 0x6f : 0x61;
              h = Math.imul(h ^ UNITS[n - 1]!, 0x01000193);
              UNITS[n++] = 0x65;
              h = Math.imul(h ^ 0x65, 0x01000193);
            } else {
              UNITS[n++] = f;
              h = Math.imul(h ^ f, 0x01000193);
            }
          } else n = MAX_TOKEN_UNITS + 1;
          i++;
        } else if (!digits && i + 1 < to && folded(d) === APOS && isWord(text.charCodeAt(i + 1))) {
          if (n < MAX_TOKEN_UNITS) {
            UNITS[n++] = APOS;
            h = Math.imul(h ^ APOS, 0x01000193);
          }
          i++;
          break; // elision: the apostrophe ends the token and belongs to it
        } else break;
      }
      id = n > MAX_TOKEN_UNITS ? -1 : vocab.lookup(UNITS, n, h >>> 0);
      if (id < 0) id = digits ? (i - s === 3 ? UNK_DIGITS3 : UNK_DIGITS) : UNK_WORD;
    } else {
      const f = folded(c);
      i++;
      if (f === 0x20 || f === 0x0a || c === 0x200b || c === 0xfeff || c === 0x200c || c === 0x200d) continue;
      UNITS[0] = f;
      id = vocab.lookup(UNITS, 1, (Math.imul(0x811c9dc5 ^ f, 0x01000193)) >>> 0);
      if (id < 0) id = UNK_PUNCT;
    }
    if (count === cap) {
      cap *= 2;
      const a = new Int32Array(cap);
      a.set(start);
      start = a;
      const b = new Int32Array(cap);
      b.set(end);
      end = b;
      const d = new Int32Array(cap);
      d.set(sym);
      sym = d;
    }
    start[count] = s;
    end[count] = i;
    sym[count] = id;
    count++;
  }
  return { count, start, end, sym };
}
