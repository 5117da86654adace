/**
 * Rule packs compiled ahead of time.
 *
 * Compiling both bundled packs (parsing ~2,750 patterns, expanding lexicons, building the NFA) costs
 * 0.3–0.5 s of main-thread time, and a content script would pay it on every page the user opens.
 * The build compiles them once (scripts/vite-compiled-packs.ts) and stores the result as one JSON text;
 * a page only decodes it: about 47,000 NFA states as compact numbers, in slices, in a few ms.
 *
 * Format (SNAPSHOT_FORMAT, version 2), a JSON object:
 *   vocab   the folded tokens the automata use, in snapshot id order, joined by "\n" (one string
 *           is checked at once; an array of ten thousand strings cost ~10 ms of zod on a page);
 *           ids are renumbered on load into the runtime vocabulary, which may hold other words;
 *   packs   per pack: lang, name, its compiled rules, and its matcher and stop automata as
 *           { root, priority, states, eps, edges, ids, code } (the counts size the flat arrays of
 *           engine/automaton.ts's NfaTable, which decoding fills directly).
 * `code` holds, per state in order: accept + 1, the number of empty moves, each as the zigzag of
 * (target − state), the number of edges, and per edge: class, zigzag of (target − state), 0 for
 * "no token set" or (set size + 1) followed by the sorted ids, the first as is and then the gaps.
 * Numbers are base-32 varints written with the base64url alphabet (6 bits per character: 5 of value,
 * 1 "more follows"), so the text needs no escaping.
 *
 * The JSON is checked with zod and every number of `code` is bounds-checked while decoding: a
 * damaged snapshot is refused with a message naming the pack and the state, never half-loaded.
 */
import { z } from 'zod';
import { Automaton, MAX_EDGE_CLASS, type NfaTable } from './automaton';
import { SHARED_VOCABULARY, type CompiledPack, type CompiledRule } from './compile';
import { conceptIdsFor } from './concepts';
import { createDetector, type Detector } from './detect';
import { buildSignalModelSteps } from './signals';
import { runSteps, slicer, type SliceOptions } from './steps';
import { CategorySchema, LangSchema, SignalSchema } from './schema';
import type { Vocabulary } from './tokens';

export const SNAPSHOT_FORMAT = 'claim-lens-compiled-packs';
export const SNAPSHOT_VERSION = 2;

export class SnapshotError extends Error {}

// ---------- varints ----------
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DIGIT = new Int8Array(128).fill(-1);
for (let k = 0; k < ALPHABET.length; k++) DIGIT[ALPHABET.charCodeAt(k)] = k;

function zigzag(n: number): number {
  return n >= 0 ? n * 2 : -n * 2 - 1;
}
function unzigzag(n: number): number {
  return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
}

class Writer {
  private parts: string[] = [];
  private cur = '';
  put(v: number): void {
    if (!Number.isInteger(v) || v < 0 || v > 0x3fffffff) throw new SnapshotError(`cannot encode ${v}`);
    while (v >= 32) {
      this.cur += ALPHABET[(v & 31) | 32];
      v = Math.floor(v / 32);
    }
    this.cur += ALPHABET[v];
    if (this.cur.length > 4096) {
      this.parts.push(this.cur);
      this.cur = '';
    }
  }
  text(): string {
    return this.parts.join('') + this.cur;
  }
}

class Reader {
  pos = 0;
  constructor(
    readonly code: string,
    readonly where: string,
  ) {}
  get done(): boolean {
    return this.pos >= this.code.length;
  }
  get(): number {
    let v = 0;
    let scale = 1;
    for (;;) {
      if (this.pos >= this.code.length) throw new SnapshotError(`${this.where}: code ends inside a number`);
      const c = this.code.charCodeAt(this.pos++);
      const d = c < 128 ? DIGIT[c]! : -1;
      if (d < 0) throw new SnapshotError(`${this.where}: unexpected character at ${this.pos - 1}`);
      v += (d & 31) * scale;
      if (d < 32) return v;
      scale *= 32;
      if (scale > 2 ** 30) throw new SnapshotError(`${this.where}: number too long at ${this.pos}`);
    }
  }
  /** A number in [0, limit). */
  below(limit: number, what: string): number {
    const v = this.get();
    if (v >= limit) throw new SnapshotError(`${this.where}: ${what} ${v} out of range (< ${limit})`);
    return v;
  }
}

// ---------- schema ----------
let snapshotSchema: ReturnType<typeof buildSchema> | null = null;
/** Built on first use: a content script that never loads a snapshot pays nothing for it. */
function buildSchema() {
  const AutomatonDataSchema = z
    .object({
      root: z.number().int().nonnegative(),
      states: z.number().int().positive(),
      eps: z.number().int().nonnegative(),
      edges: z.number().int().nonnegative(),
      ids: z.number().int().nonnegative(),
      priority: z.array(z.number().int()),
      code: z.string(),
    })
    .strict();
  const CompiledRuleSchema = z
    .object({
      id: z.string().min(1),
      category: CategorySchema,
      base: z.number(),
      requireAny: z.array(SignalSchema).optional(),
      weights: z.partialRecord(SignalSchema, z.number()),
      concepts: z.array(z.string()).optional(),
      anyLang: z.boolean(),
    })
    .strict();
  const snapshot = z
    .object({
      format: z.literal(SNAPSHOT_FORMAT),
      version: z.literal(SNAPSHOT_VERSION),
      vocab: z.string(),
      packs: z
        .array(
          z
            .object({
              lang: LangSchema,
              name: z.string(),
              // Checked rule by rule in restoreSteps() (one parse of them all was a 20–40 ms step).
              rules: z.array(z.unknown()).min(1),
              matcher: AutomatonDataSchema,
              stops: AutomatonDataSchema.nullable(),
            })
            .strict(),
        )
        .min(1),
    })
    .strict();
  return { snapshot, rule: CompiledRuleSchema };
}
type SnapshotJson = z.infer<ReturnType<typeof buildSchema>['snapshot']>;
type AutomatonJson = SnapshotJson['packs'][number]['matcher'];

// ---------- encode ----------
function encodeAutomaton(a: Automaton, localId: (id: number) => number): AutomatonJson {
  const t = a.table();
  const n = t.accept.length;
  const w = new Writer();
  for (let i = 0; i < n; i++) {
    w.put(t.accept[i]! + 1);
    w.put(t.epsStart[i + 1]! - t.epsStart[i]!);
    for (let k = t.epsStart[i]!; k < t.epsStart[i + 1]!; k++) w.put(zigzag(t.eps[k]! - i));
    w.put(t.edgeStart[i + 1]! - t.edgeStart[i]!);
    for (let j = t.edgeStart[i]!; j < t.edgeStart[i + 1]!; j++) {
      w.put(t.edgeCls[j]!);
      w.put(zigzag(t.edgeTo[j]! - i));
      const ids = Array.from(t.ids.subarray(t.idStart[j]!, t.idStart[j + 1]!), localId).sort((x, y) => x - y);
      w.put(ids.length === 0 ? 0 : ids.length + 1);
      let prev = 0;
      ids.forEach((id, k) => {
        w.put(k === 0 ? id : id - prev);
        prev = id;
      });
    }
  }
  return { root: t.root, states: n, eps: t.eps.length, edges: t.edgeTo.length, ids: t.ids.length, priority: t.priority, code: w.text() };
}

/**
 * The JSON text of compiled packs (they must share one vocabulary). Deterministic: the same packs
 * give the same text. Only the tokens the automata use are stored.
 */
export function encodeSnapshot(packs: readonly CompiledPack[]): string {
  const vocab = packs[0]?.matcher.vocab;
  if (!vocab) throw new SnapshotError('no pack to encode');
  if (packs.some((p) => p.matcher.vocab !== vocab || (p.stops && p.stops.vocab !== vocab))) throw new SnapshotError('packs must share one vocabulary');
  const words: string[] = [];
  const local = new Map<number, number>();
  const localId = (id: number): number => {
    let l = local.get(id);
    if (l === undefined) {
      const w = vocab.words[id];
      if (w === undefined) throw new SnapshotError(`token id ${id} is not in the vocabulary`);
      local.set(id, (l = words.length));
      words.push(w);
    }
    return l;
  };
  // Number tokens in the order the automata meet them, so the output does not depend on what
  // else the shared vocabulary holds.
  const encoded = packs.map((p) => ({
    lang: p.lang,
    name: p.name,
    rules: p.rules.map((r): unknown => JSON.parse(JSON.stringify(r))),
    matcher: encodeAutomaton(p.matcher, localId),
    stops: p.stops ? encodeAutomaton(p.stops, localId) : null,
  }));
  for (const w of words) if (!w || w.includes('\n')) throw new SnapshotError(`token ${JSON.stringify(w)} cannot be stored`);
  const out: SnapshotJson = { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, vocab: words.join('\n'), packs: encoded };
  return JSON.stringify(out);
}

// ---------- decode ----------
/** States decoded between two yields of restoreSteps(). */
const STATES_PER_STEP = 1000;
/** Rules checked between two yields. */
const RULES_PER_STEP = 25;
/** Vocabulary words registered between two yields (a cold page takes ~4 µs a word). */
const WORDS_PER_STEP = 1000;

function* decodeAutomaton(j: AutomatonJson, remap: Int32Array, where: string): Generator<void, NfaTable> {
  const r = new Reader(j.code, where);
  const n = j.states;
  if (j.root >= n) throw new SnapshotError(`${where}: root ${j.root} out of range`);
  const rules = j.priority.length;
  const words = remap.length;
  // Sized from the header; every count is checked against it while decoding.
  const t: NfaTable = {
    root: j.root,
    priority: j.priority,
    accept: new Int32Array(n),
    epsStart: new Int32Array(n + 1),
    eps: new Int32Array(j.eps),
    edgeStart: new Int32Array(n + 1),
    edgeCls: new Uint8Array(j.edges),
    edgeTo: new Int32Array(j.edges),
    idStart: new Int32Array(j.edges + 1),
    ids: new Int32Array(j.ids),
  };
  let pe = 0;
  let pd = 0;
  let pi = 0;
  const room = (have: number, add: number, total: number, what: string, at: string): void => {
    if (have + add > total) throw new SnapshotError(`${where}: ${at} has more ${what} than the header's ${total}`);
  };
  for (let i = 0; i < n; i++) {
    const at = `state ${i}`;
    t.accept[i] = r.below(rules + 1, `${at} accept`) - 1;
    const ne = r.get();
    room(pe, ne, j.eps, 'empty moves', at);
    t.epsStart[i] = pe;
    for (let k = 0; k < ne; k++) {
      const to = i + unzigzag(r.get());
      if (to < 0 || to >= n) throw new SnapshotError(`${where}: ${at} empty move to ${to} out of range`);
      t.eps[pe++] = to;
    }
    const nd = r.get();
    room(pd, nd, j.edges, 'edges', at);
    t.edgeStart[i] = pd;
    for (let k = 0; k < nd; k++) {
      t.edgeCls[pd] = r.below(MAX_EDGE_CLASS + 1, `${at} edge class`);
      const to = i + unzigzag(r.get());
      if (to < 0 || to >= n) throw new SnapshotError(`${where}: ${at} edge to ${to} out of range`);
      t.edgeTo[pd] = to;
      t.idStart[pd] = pi;
      const size = r.get();
      const count = size > 0 ? size - 1 : 0;
      room(pi, count, j.ids, 'token ids', at);
      let id = 0;
      for (let q = 0; q < count; q++) {
        id = q === 0 ? r.get() : id + r.get();
        if (id >= words) throw new SnapshotError(`${where}: ${at} token ${id} out of range (< ${words})`);
        // Insert in order (ids are renumbered, so their order changes; sets are small).
        const v = remap[id]!;
        let x = pi++;
        while (x > t.idStart[pd]! && t.ids[x - 1]! > v) {
          t.ids[x] = t.ids[x - 1]!;
          x--;
        }
        t.ids[x] = v;
      }
      pd++;
    }
    if (i % STATES_PER_STEP === STATES_PER_STEP - 1) yield;
  }
  t.epsStart[n] = pe;
  t.edgeStart[n] = pd;
  t.idStart[pd] = pi;
  if (!r.done) throw new SnapshotError(`${where}: ${j.code.length - r.pos} characters left after ${n} states`);
  if (pe !== j.eps || pd !== j.edges || pi !== j.ids) throw new SnapshotError(`${where}: counts differ from the header`);
  return t;
}

/**
 * Decodes a snapshot into compiled packs over `vocab`, a bounded piece of work per `next()` (so a
 * page can yield between pieces). Restored packs carry no `phrases` (a benchmark-only list).
 * Throws SnapshotError on a damaged or foreign snapshot.
 */
export function* restoreSteps(text: string, vocab: Vocabulary = SHARED_VOCABULARY): Generator<void, CompiledPack[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new SnapshotError(`compiled packs: not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const schemas = (snapshotSchema ??= buildSchema());
  const parsed = schemas.snapshot.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SnapshotError(`compiled packs at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const snap = parsed.data;
  yield;
  const words = snap.vocab.split('\n');
  const remap = new Int32Array(words.length);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!w) throw new SnapshotError(`compiled packs: empty token at vocab line ${i + 1}`);
    remap[i] = vocab.id(w);
    if (i % WORDS_PER_STEP === WORDS_PER_STEP - 1) yield;
  }
  yield;
  const packs: CompiledPack[] = [];
  for (const p of snap.packs) {
    const matcher = Automaton.fromTable(vocab, yield* decodeAutomaton(p.matcher, remap, `pack ${p.name} matcher`));
    yield;
    const stops = p.stops ? Automaton.fromTable(vocab, yield* decodeAutomaton(p.stops, remap, `pack ${p.name} stops`)) : null;
    yield;
    if (p.matcher.priority.length > p.rules.length) throw new SnapshotError(`pack ${p.name}: matcher names ${p.matcher.priority.length} rules, pack has ${p.rules.length}`);
    const rules: CompiledRule[] = [];
    for (const [i, raw] of p.rules.entries()) {
      const r = schemas.rule.safeParse(raw);
      if (!r.success) {
        const issue = r.error.issues[0]!;
        throw new SnapshotError(`compiled packs at pack ${p.name} rules.${i}.${issue.path.join('.')}: ${issue.message}`);
      }
      rules.push({ ...r.data, weights: r.data.weights as CompiledRule['weights'] });
      if (i % RULES_PER_STEP === RULES_PER_STEP - 1) yield;
    }
    packs.push({ lang: p.lang, name: p.name, rules, matcher, stops, phrases: [] });
  }
  return packs;
}

/** restoreSteps() in one go. */
export function restorePacks(text: string, vocab: Vocabulary = SHARED_VOCABULARY): CompiledPack[] {
  return runSteps(restoreSteps(text, vocab));
}

/**
 * A detector from a snapshot, decoded in pieces of about `budgetMs` with `yieldFn` awaited between
 * them (the content script's way of starting: no rule pack is compiled on the page).
 */
export async function detectorFromSnapshot(text: string, opts: SliceOptions = {}): Promise<Detector> {
  const slices = slicer(opts);
  const packs = (await slices.run(restoreSteps(text)))!;
  const model = (await slices.run(buildSignalModelSteps(SHARED_VOCABULARY)))!;
  const detector = createDetector(packs, conceptIdsFor, model);
  // Warm up in their own slices what the first detect() call would otherwise do inside one: the
  // start state's token index (one edge per first word of every pattern), then the knowledge base.
  await slices.pause();
  detector.detect('.');
  await slices.pause();
  conceptIdsFor('emotional');
  return detector;
}
