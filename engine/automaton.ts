/**
 * A multi-pattern matcher over tokens (engine/tokens.ts): every pattern of a pack becomes part of one
 * Thompson NFA whose edges accept sets of tokens, and a DFA is built lazily from it, state by state,
 * as the text needs it (the idea behind RE2; our own small implementation).
 *
 * Why not one big regular expression: rule packs expand (lexicon lists times word forms) into tens of
 * thousands of spellings; as a JavaScript alternation that is "too large" for V8 or is tried
 * alternative by alternative at every position (measured: 20 s for 50 KB). Here a token costs one
 * hash lookup and one DFA transition, whatever the number of patterns.
 *
 * Matching is leftmost-longest and non-overlapping, on token boundaries, at most MAX_MATCH_TOKENS
 * tokens long (which bounds the work per start).
 */
import { foldTokenCached, splitPatternText, tokenize, type TokenStream, type Vocabulary } from './tokens';

export const MAX_MATCH_TOKENS = 24;
const MAX_WORD_FORMS = 20_000;
/** DFA states with more NFA edges than this get a token index (see Automaton.indexOf). */
const INDEX_MIN_EDGES = 32;

// ---------- pattern AST (parsed by compile.ts) ----------
export type PatNode =
  | { t: 'lit'; s: string }
  | { t: 'space' }
  | { t: 'hyphen' }
  | { t: 'alt'; branches: PatNode[][] }
  | { t: 'num' }
  | { t: 'word' }
  | { t: 'gap'; min: number; max: number };

export class PatternBuildError extends Error {}

const CLS_NONE = 0;
const CLS_WORD = 1;
const CLS_DIGITS = 2;
const CLS_DIGITS3 = 3;

/** An NFA edge: accepts a token whose id is in `ids`, or whose class is `cls` (CLS_* below). */
export interface NfaEdge {
  ids: Set<number> | null;
  cls: number;
  to: number;
}
/** An NFA state: its token edges, its empty moves, and the rule it accepts (-1: none). */
export interface NfaState {
  edges: NfaEdge[];
  eps: number[];
  accept: number;
}
type NState = NfaState;

/**
 * The NFA in flat typed arrays (compressed rows): what matching reads, what engine/snapshot.ts
 * stores and restores. Built once from the states after construction; a restored automaton has only
 * this (no small objects: decoding 47,000 states as objects cost the page 10–25 ms garbage
 * collections). For state s: accept[s]; its empty moves eps[epsStart[s] .. epsStart[s + 1]); its
 * edges j in [edgeStart[s], edgeStart[s + 1]), each with class edgeCls[j], target edgeTo[j] and the
 * token ids ids[idStart[j] .. idStart[j + 1]) in increasing order.
 */
export interface NfaTable {
  root: number;
  /** Per rule index: its priority. */
  priority: number[];
  accept: Int32Array;
  epsStart: Int32Array;
  eps: Int32Array;
  edgeStart: Int32Array;
  edgeCls: Uint8Array;
  edgeTo: Int32Array;
  idStart: Int32Array;
  ids: Int32Array;
}

/** Sorted ids[from, to) contain `sym`. */
function hasId(ids: Int32Array, from: number, to: number, sym: number): boolean {
  if (to - from <= 8) {
    for (let k = from; k < to; k++) if (ids[k] === sym) return true;
    return false;
  }
  let lo = from;
  let hi = to - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = ids[mid]!;
    if (v === sym) return true;
    if (v < sym) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The flat form of `states` (see NfaTable). */
export function tableOf(root: number, priority: number[], states: readonly NfaState[]): NfaTable {
  const n = states.length;
  let ne = 0;
  let nd = 0;
  let ni = 0;
  for (const st of states) {
    ne += st.eps.length;
    nd += st.edges.length;
    for (const e of st.edges) ni += e.ids ? e.ids.size : 0;
  }
  const t: NfaTable = {
    root,
    priority,
    accept: new Int32Array(n),
    epsStart: new Int32Array(n + 1),
    eps: new Int32Array(ne),
    edgeStart: new Int32Array(n + 1),
    edgeCls: new Uint8Array(nd),
    edgeTo: new Int32Array(nd),
    idStart: new Int32Array(nd + 1),
    ids: new Int32Array(ni),
  };
  let pe = 0;
  let pd = 0;
  let pi = 0;
  for (let s = 0; s < n; s++) {
    const st = states[s]!;
    t.accept[s] = st.accept;
    t.epsStart[s] = pe;
    for (const e of st.eps) t.eps[pe++] = e;
    t.edgeStart[s] = pd;
    for (const e of st.edges) {
      t.edgeCls[pd] = e.cls;
      t.edgeTo[pd] = e.to;
      t.idStart[pd] = pi;
      if (e.ids) {
        const sorted = [...e.ids].sort((a, b) => a - b);
        for (const id of sorted) t.ids[pi++] = id;
      }
      pd++;
    }
  }
  t.epsStart[n] = pe;
  t.edgeStart[n] = pd;
  t.idStart[nd] = pi;
  return t;
}

/** Highest class number an edge may carry. */
export const MAX_EDGE_CLASS = 3;

/** A point of the NFA under construction, with the partial word (set of folded prefixes) pending. */
interface Frontier {
  state: number;
  pending: string[] | null;
}

export interface Match {
  /** char offsets */
  start: number;
  end: number;
  rule: number;
  /** token indexes [first, last] in the stream scanned */
  firstToken: number;
  lastToken: number;
}

export class Automaton {
  private nfa: NState[] = [];
  private priority: number[] = [];
  private root: number;
  private dfaKey = new Map<string, number>();
  private dfaSets: Int32Array[] = [];
  private dfaAccept: number[] = [];
  private dfaAcceptAll: number[][] = [];
  private dfaTrans: Map<number, number>[] = [];
  /** Per DFA state with many edges: token id → NFA targets, and its class edges (edge numbers). */
  private dfaIndex: ({ byId: Map<number, number[]>; cls: number[] } | null | undefined)[] = [];
  /** The flat NFA matching reads (rebuilt from `nfa` after patterns are added). */
  private t: NfaTable | null = null;
  private dfaStart = 0;
  static readonly MAX_DFA_STATES = 50_000;

  private dirty = true;
  /** Built by fromTable(): only the flat NFA exists. */
  private restored = false;
  /** Patterns were added since the flat NFA was built. */
  private tableStale = true;

  constructor(
    readonly vocab: Vocabulary,
    patterns: { rule: number; priority: number; branches: PatNode[][] }[] = [],
  ) {
    this.root = this.newState();
    for (const p of patterns) this.add(p);
    this.resetDfa();
  }

  /** Adds a pattern (compile.ts adds them rule by rule, so compiling can be sliced). */
  add(p: { rule: number; priority: number; branches: PatNode[][] }): void {
    if (this.restored) throw new PatternBuildError('a restored automaton takes no new pattern');
    this.priority[p.rule] = p.priority;
    const ends = this.buildAlt(p.branches, [{ state: this.root, pending: null }]);
    const acc = this.newState();
    this.nfa[acc]!.accept = p.rule;
    this.tableStale = true;
    for (const f of this.flush(ends)) this.nfa[f.state]!.eps.push(acc);
    this.dirty = true;
  }

  get stateCount(): number {
    return this.restored ? this.t!.accept.length : this.nfa.length;
  }

  /** The flat NFA (see NfaTable), for engine/snapshot.ts; token ids are this.vocab's. Read only. */
  table(): NfaTable {
    if (!this.t || this.tableStale) {
      this.t = tableOf(this.root, Array.from(this.priority, (p) => p ?? 0), this.nfa);
      this.tableStale = false;
    }
    return this.t;
  }

  /**
   * An automaton over a flat NFA already checked, its token ids in `vocab`'s numbering (see
   * engine/snapshot.ts). No pattern can be added to it. The arrays are taken, not copied.
   */
  static fromTable(vocab: Vocabulary, table: NfaTable): Automaton {
    const a = new Automaton(vocab);
    a.nfa = [];
    a.restored = true;
    a.priority = table.priority;
    a.root = table.root;
    a.t = table;
    a.tableStale = false;
    a.dirty = false;
    a.resetDfa();
    return a;
  }

  // ---------- NFA construction ----------
  private newState(): number {
    this.nfa.push({ edges: [], eps: [], accept: -1 });
    return this.nfa.length - 1;
  }

  private tokenEdge(from: Frontier[], ids: Set<number> | null, cls: number): Frontier[] {
    const to = this.newState();
    for (const f of from) this.nfa[f.state]!.edges.push({ ids, cls, to });
    return [{ state: to, pending: null }];
  }

  /** Turns pending partial words into token edges; joins everything at one state. */
  private flush(front: Frontier[]): Frontier[] {
    const out: Frontier[] = [];
    const ready: number[] = [];
    for (const f of front) {
      if (!f.pending) ready.push(f.state);
      else if (f.pending.length === 1 && f.pending[0] === '') ready.push(f.state);
      else {
        const ids = new Set<number>();
        for (const w of f.pending) if (w) ids.add(this.vocab.id(foldTokenCached(w)));
        const to = this.newState();
        this.nfa[f.state]!.edges.push({ ids, cls: CLS_NONE, to });
        if (f.pending.includes('')) ready.push(f.state);
        ready.push(to);
      }
    }
    if (ready.length === 1) return [{ state: ready[0]!, pending: null }];
    const join = this.newState();
    for (const s of ready) this.nfa[s]!.eps.push(join);
    out.push({ state: join, pending: null });
    return out;
  }

  private appendChars(front: Frontier[], chars: string): Frontier[] {
    return front.map((f) => ({ state: f.state, pending: (f.pending ?? ['']).map((p) => p + chars) }));
  }

  private buildAlt(branches: PatNode[][], from: Frontier[]): Frontier[] {
    const out: Frontier[] = [];
    for (const b of branches) out.push(...this.buildSeq(b, from));
    return out;
  }

  /** Strings a node produces when it stays inside one word (no space, punctuation or slot), else null. */
  private inWordForms(n: PatNode): string[] | null {
    if (n.t === 'lit') return /^[\p{L}\p{N}\p{M}]*$/u.test(n.s) ? [n.s] : null;
    if (n.t !== 'alt') return null;
    const out: string[] = [];
    for (const b of n.branches) {
      let acc = [''];
      for (const m of b) {
        const f = this.inWordForms(m);
        if (!f) return null;
        const next: string[] = [];
        for (const a of acc) for (const x of f) next.push(a + x);
        if (next.length > MAX_WORD_FORMS) return null;
        acc = next;
      }
      out.push(...acc);
    }
    return out;
  }

  private buildSeq(seq: PatNode[], from: Frontier[]): Frontier[] {
    let cur = from;
    for (let k = 0; k < seq.length; k++) {
      const n = seq[k]!;
      switch (n.t) {
        case 'lit': {
          // Split at token boundaries the way the scanner does.
          let word = '';
          for (let c = 0; c < n.s.length; c++) {
            const ch = n.s[c]!;
            if (/[\p{L}\p{N}\p{M}]/u.test(ch)) word += ch;
            else if (ch === "'" && (word || cur.some((f) => f.pending && f.pending.some((p) => p)))) {
              cur = this.flush(this.appendChars(cur, word + "'"));
              word = '';
            } else {
              if (word) cur = this.appendChars(cur, word);
              word = '';
              cur = this.flush(cur);
              for (const tok of splitPatternText(ch)) cur = this.tokenEdge(cur, new Set([this.vocab.id(tok)]), CLS_NONE);
            }
          }
          if (word) cur = this.appendChars(cur, word);
          break;
        }
        case 'space':
          cur = this.flush(cur);
          break;
        case 'hyphen': {
          // eco-responsable = "eco-responsable" | "eco responsable" | "ecoresponsable"
          const joined = cur;
          const apart = this.flush(cur);
          const dashed = this.tokenEdge(apart, new Set([this.vocab.id('-')]), CLS_NONE);
          cur = [...joined, ...this.flush([...apart, ...dashed])];
          break;
        }
        case 'num': {
          // 98 · 4,8 · 4.9 · 10 000 · 10,000 · 1 200,50
          cur = this.tokenEdge(this.flush(cur), null, CLS_DIGITS);
          const loop = cur[0]!.state;
          const sep = this.newState();
          const sepIds = new Set([this.vocab.id(','), this.vocab.id('.')]);
          this.nfa[loop]!.edges.push({ ids: sepIds, cls: CLS_NONE, to: sep });
          this.nfa[sep]!.edges.push({ ids: null, cls: CLS_DIGITS, to: loop });
          this.nfa[loop]!.edges.push({ ids: null, cls: CLS_DIGITS3, to: loop });
          break;
        }
        case 'word':
          cur = this.tokenEdge(this.flush(cur), null, CLS_WORD);
          break;
        case 'gap': {
          let at = this.flush(cur);
          const ends: Frontier[] = [];
          for (let r = 0; r <= n.max; r++) {
            if (r >= n.min) ends.push(...at);
            if (r === n.max) break;
            at = this.tokenEdge(at, null, CLS_WORD);
          }
          cur = this.flush(ends);
          break;
        }
        case 'alt': {
          const forms = this.inWordForms(n);
          if (forms) {
            const next: Frontier[] = [];
            for (const f of cur) {
              const base = f.pending ?? [''];
              const pend: string[] = [];
              for (const b of base) for (const x of forms) pend.push(b + x);
              if (pend.length > MAX_WORD_FORMS) throw new PatternBuildError('a word has too many forms');
              next.push({ state: f.state, pending: pend });
            }
            cur = next;
          } else cur = this.buildAlt(n.branches, cur);
          break;
        }
      }
      if (cur.length > 64) cur = this.flush(cur);
    }
    return cur;
  }

  // ---------- lazy DFA ----------
  private resetDfa() {
    this.dirty = false;
    // The flat NFA is rebuilt only after patterns were added, not when a full DFA is merely dropped.
    this.table();
    this.dfaKey = new Map();
    this.dfaSets = [];
    this.dfaAccept = [];
    this.dfaAcceptAll = [];
    this.dfaTrans = [];
    this.dfaIndex = [];
    this.dfaStart = this.dfaState(this.closure([this.root]));
  }

  private closure(states: Iterable<number>): number[] {
    const { epsStart, eps } = this.t!;
    const seen = new Set<number>();
    const stack = [...states];
    while (stack.length) {
      const s = stack.pop()!;
      if (seen.has(s)) continue;
      seen.add(s);
      for (let k = epsStart[s]!, end = epsStart[s + 1]!; k < end; k++) if (!seen.has(eps[k]!)) stack.push(eps[k]!);
    }
    return [...seen].sort((a, b) => a - b);
  }

  private dfaState(set: number[]): number {
    const key = set.join(',');
    const found = this.dfaKey.get(key);
    if (found !== undefined) return found;
    const id = this.dfaSets.length;
    this.dfaKey.set(key, id);
    this.dfaSets.push(Int32Array.from(set));
    const accept = this.t!.accept;
    const rules: number[] = [];
    for (const s of set) {
      const a = accept[s]!;
      if (a >= 0 && !rules.includes(a)) rules.push(a);
    }
    // Best first: higher priority, then earlier in the pack.
    rules.sort((a, b) => this.priority[b]! - this.priority[a]! || a - b);
    this.dfaAccept.push(rules.length ? rules[0]! : -1);
    this.dfaAcceptAll.push(rules);
    this.dfaTrans.push(new Map());
    return id;
  }

  /** Edge j (of the flat NFA) accepts token `sym`. */
  private edgeAccepts(j: number, sym: number): boolean {
    const t = this.t!;
    if (hasId(t.ids, t.idStart[j]!, t.idStart[j + 1]!, sym)) return true;
    switch (t.edgeCls[j]) {
      case CLS_WORD:
        return this.vocab.isWord(sym);
      case CLS_DIGITS:
        return this.vocab.isDigits(sym);
      case CLS_DIGITS3:
        return this.vocab.isDigits3(sym);
      default:
        return false;
    }
  }

  /**
   * A state with many edges (the start state holds the first token of every pattern) is indexed once,
   * so each new word costs one map lookup instead of a walk over thousands of edges.
   */
  private indexOf(state: number): { byId: Map<number, number[]>; cls: number[] } | null {
    let idx = this.dfaIndex[state];
    if (idx !== undefined) return idx;
    const { edgeStart, edgeCls, edgeTo, idStart, ids } = this.t!;
    let edges = 0;
    for (const s of this.dfaSets[state]!) edges += edgeStart[s + 1]! - edgeStart[s]!;
    idx = null;
    if (edges > INDEX_MIN_EDGES) {
      const byId = new Map<number, number[]>();
      const cls: number[] = [];
      for (const s of this.dfaSets[state]!)
        for (let j = edgeStart[s]!, end = edgeStart[s + 1]!; j < end; j++) {
          if (edgeCls[j] !== CLS_NONE) cls.push(j);
          for (let k = idStart[j]!, kend = idStart[j + 1]!; k < kend; k++) {
            const id = ids[k]!;
            const list = byId.get(id);
            if (list) list.push(edgeTo[j]!);
            else byId.set(id, [edgeTo[j]!]);
          }
        }
      idx = { byId, cls };
    }
    this.dfaIndex[state] = idx;
    return idx;
  }

  private step(state: number, sym: number): number {
    const { edgeStart, edgeTo } = this.t!;
    const next = new Set<number>();
    const idx = this.indexOf(state);
    if (idx) {
      const direct = idx.byId.get(sym);
      if (direct) for (const t of direct) next.add(t);
      for (const j of idx.cls) if (this.edgeAccepts(j, sym)) next.add(edgeTo[j]!);
    } else {
      for (const s of this.dfaSets[state]!)
        for (let j = edgeStart[s]!, end = edgeStart[s + 1]!; j < end; j++) if (this.edgeAccepts(j, sym)) next.add(edgeTo[j]!);
    }
    if (next.size === 0) return -1;
    return this.dfaState(this.closure(next));
  }

  private next(state: number, sym: number): number {
    const m = this.dfaTrans[state]!;
    let t = m.get(sym);
    if (t === undefined) {
      t = this.step(state, sym);
      // step() may have reset nothing; a reset only happens between scans (see scanTokens).
      m.set(sym, t);
    }
    return t;
  }

  /** Leftmost-longest, non-overlapping matches over tokens [from, to) of a stream. */
  scanTokens(ts: TokenStream, from = 0, to = ts.count, out: Match[] = []): Match[] {
    if (this.dirty || this.dfaSets.length > Automaton.MAX_DFA_STATES) this.resetDfa();
    const start = this.dfaStart;
    const startTrans = this.dfaTrans[start]!;
    let i = from;
    while (i < to) {
      let state = startTrans.get(ts.sym[i]!);
      if (state === undefined) state = this.next(start, ts.sym[i]!);
      if (state < 0) {
        i++;
        continue;
      }
      let lastTok = this.dfaAccept[state]! >= 0 ? i : -1;
      let lastRule = this.dfaAccept[state]!;
      const limit = Math.min(to, i + MAX_MATCH_TOKENS);
      for (let j = i + 1; j < limit; j++) {
        state = this.next(state, ts.sym[j]!);
        if (state < 0) break;
        const acc = this.dfaAccept[state]!;
        if (acc >= 0) {
          lastTok = j;
          lastRule = acc;
        }
      }
      if (lastTok >= 0) {
        out.push({ start: ts.start[i]!, end: ts.end[lastTok]!, rule: lastRule, firstToken: i, lastToken: lastTok });
        i = lastTok + 1;
      } else i++;
    }
    return out;
  }

  /**
   * Every match at every token start in [from, to): for each start, each accepted end with each rule
   * that accepts there (longest first, then best rule first). Used by detect(), which may drop a
   * candidate for its context and must then still see the shorter or later ones it overlapped.
   */
  scanAll(ts: TokenStream, from = 0, to = ts.count, out: Match[] = []): Match[] {
    if (this.dirty || this.dfaSets.length > Automaton.MAX_DFA_STATES) this.resetDfa();
    const start = this.dfaStart;
    const startTrans = this.dfaTrans[start]!;
    const here: Match[] = [];
    for (let i = from; i < to; i++) {
      let state = startTrans.get(ts.sym[i]!);
      if (state === undefined) state = this.next(start, ts.sym[i]!);
      if (state < 0) continue;
      here.length = 0;
      const limit = Math.min(to, i + MAX_MATCH_TOKENS);
      for (let j = i; j < limit; j++) {
        if (j > i) {
          state = this.next(state, ts.sym[j]!);
          if (state < 0) break;
        }
        for (const rule of this.dfaAcceptAll[state]!) here.push({ start: ts.start[i]!, end: ts.end[j]!, rule, firstToken: i, lastToken: j });
      }
      // longest first; for one end, best rule first (the order pushed)
      for (let k = here.length - 1; k >= 0; ) {
        const endTok = here[k]!.lastToken;
        let b = k;
        while (b > 0 && here[b - 1]!.lastToken === endTok) b--;
        for (let q = b; q <= k; q++) out.push(here[q]!);
        k = b - 1;
      }
    }
    return out;
  }

  /** Convenience: tokenize text[from, to) and scan it. */
  scan(text: string, from = 0, to = text.length): Match[] {
    return this.scanTokens(tokenize(text, this.vocab, from, to));
  }
}
