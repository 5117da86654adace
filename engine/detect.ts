/**
 * detect(): text in, claims out. Linear in the input: one pass of each pack's combined regular
 * expression over the raw text, then work proportional to the candidates found (sentences, language,
 * context and stops are only computed for blocks that hold a candidate).
 */
import type { CompiledPack } from './compile';
import { tokenize, type TokenStream } from './tokens';
import { buildSignalModel, decide, langScore, negatedBefore, sentenceSignals, type SignalModel } from './signals';
import type { Signal } from './schema';
import { blockEnd, sentencesOf, type Span } from './segment';
import { CATEGORIES, type Category, type Claim, type DetectOptions, type Lang } from './types';

export const DEFAULT_THRESHOLD = 0.5;

export interface Detector {
  detect(text: string, options?: DetectOptions): Claim[];
  packs: readonly CompiledPack[];
}

interface Candidate {
  start: number;
  end: number;
  pack: CompiledPack;
  rule: number;
}

interface SentenceInfo extends Span {
  first: number; // token range [first, last)
  last: number;
  lang: Lang | null | undefined; // undefined: not computed yet
  signals: Partial<Record<Lang, Set<Signal>>>;
}

function findCandidates(packs: readonly CompiledPack[], ts: TokenStream): Candidate[] {
  const lists: Candidate[][] = [];
  for (const pack of packs) {
    const list: Candidate[] = [];
    for (const m of pack.matcher.scanAll(ts)) list.push({ start: m.start, end: m.end, pack, rule: m.rule });
    lists.push(list);
  }
  if (lists.length === 1) return lists[0]!;
  // Stable sort: within one start, each pack's order (longest first, best rule first) is kept.
  return lists.flat().sort((a, b) => a.start - b.start || b.end - a.end);
}

/** First token whose start is >= offset. */
function tokenAt(ts: TokenStream, offset: number): number {
  let lo = 0;
  let hi = ts.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ts.start[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isNumberJoin = (c: number): boolean => c === 47 || c === 46 || c === 44; // / . ,

/**
 * True when the span starts or ends inside a longer number: a rating "4/5" read inside the date
 * "3/5/2020", a figure inside "12.5.2020" or "1,5/10". The separator must touch digits on both sides.
 */
export function cutsNumber(text: string, start: number, end: number): boolean {
  if (end > start && isDigit(text.charCodeAt(end - 1)) && isNumberJoin(text.charCodeAt(end)) && isDigit(text.charCodeAt(end + 1))) return true;
  if (isDigit(text.charCodeAt(start)) && isNumberJoin(text.charCodeAt(start - 1)) && isDigit(text.charCodeAt(start - 2))) return true;
  return false;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** `signalModel`: one already built over the packs' vocabulary (engine/snapshot.ts builds it in slices). */
export function createDetector(packs: readonly CompiledPack[], conceptsFor: (c: Category) => string[], signalModel?: SignalModel): Detector {
  const vocab = packs[0]?.matcher.vocab;
  if (packs.some((p) => p.matcher.vocab !== vocab)) throw new Error('createDetector: packs must share one vocabulary');
  if (signalModel && signalModel.vocab !== vocab) throw new Error('createDetector: the signal model must use the packs\' vocabulary');
  // Signal words are registered in the vocabulary before any text is tokenized.
  const model: SignalModel | null = signalModel ?? (vocab ? buildSignalModel(vocab) : null);
  const detect = (text: string, options: DetectOptions = {}): Claim[] => {
    if (typeof text !== 'string' || text.length === 0) return [];
    const threshold = typeof options.threshold === 'number' && Number.isFinite(options.threshold) ? clamp01(options.threshold) : DEFAULT_THRESHOLD;
    const forcedLang = options.lang === 'fr' || options.lang === 'en' ? options.lang : undefined;
    const only = options.categories ? new Set(options.categories.filter((c) => (CATEGORIES as readonly string[]).includes(c))) : null;
    const usePacks = forcedLang ? packs.filter((p) => p.lang === forcedLang || p.rules.some((r) => r.anyLang)) : packs;

    if (usePacks.length === 0 || !model) return [];
    const ts = tokenize(text, usePacks[0]!.matcher.vocab);
    const candidates = findCandidates(usePacks, ts);
    if (candidates.length === 0) return [];

    const claims: Claim[] = [];
    let coverEnd = 0;
    let bStart = 0;
    let bEnd = blockEnd(text, 0);
    let sentences: SentenceInfo[] | null = null;
    let blockLang: Lang | null | undefined;

    for (const cand of candidates) {
      while (cand.start >= bEnd) {
        bStart = bEnd;
        bEnd = blockEnd(text, bStart);
        sentences = null;
        blockLang = undefined;
      }
      if (cand.end > bEnd) continue; // crosses a block boundary
      if (cutsNumber(text, cand.start, cand.end)) continue; // "3/5" inside "3/5/2020"
      const rule = cand.pack.rules[cand.rule]!;
      if (only && !only.has(rule.category)) continue;
      // Candidates come leftmost first, longest first. One that overlaps an accepted claim is skipped,
      // except a claim of another category on exactly the same span (one phrase, two claim types).
      let replace = -1;
      if (cand.start < coverEnd) {
        let sameSpan = false;
        for (let k = claims.length - 1; k >= 0 && claims[k]!.end > cand.start; k--) {
          const c = claims[k]!;
          if (c.start === cand.start && c.end === cand.end) {
            sameSpan = true;
            // The same claim type from the other language's pack: keep the better scored one.
            if (c.category === rule.category) replace = c.lang !== cand.pack.lang ? k : -2;
          }
        }
        if (!sameSpan || replace === -2) continue;
      }

      sentences ??= sentencesOf(text, bStart, bEnd).map((sp) => ({ ...sp, first: -1, last: -1, lang: undefined, signals: {} }));
      const sent = findSentence(sentences, cand.start, cand.end);
      if (!sent) continue; // straddles two sentences
      if (sent.lang === undefined) {
        sent.first = tokenAt(ts, sent.start);
        sent.last = tokenAt(ts, sent.end);
        sent.lang = forcedLang ?? decide(langScore(model, text, ts, sent.first, sent.last));
      }
      let lang = sent.lang;
      if (!lang && !forcedLang) {
        if (blockLang === undefined) blockLang = decide(langScore(model, text, ts, tokenAt(ts, bStart), tokenAt(ts, bEnd)));
        lang = blockLang;
      }
      if (lang && lang !== cand.pack.lang && !rule.anyLang) continue;

      // Stops: only the tokens around the candidate can hold one that overlaps it.
      const cFirst = tokenAt(ts, cand.start);
      if (cand.pack.stops) {
        const around = cand.pack.stops.scanTokens(ts, Math.max(sent.first, cFirst - 8), Math.min(sent.last, tokenAt(ts, cand.end) + 8));
        if (around.some((s) => s.start < cand.end && cand.start < s.end)) continue;
      }

      const sigLang = lang ?? cand.pack.lang;
      const sentSignals = (sent.signals[sigLang] ??= sentenceSignals(model, text, ts, sent.first, sent.last, sigLang));
      const signals = new Set<Signal>(sentSignals);
      if (negatedBefore(model, ts, sent.first, cFirst, sigLang)) signals.add('negation');
      if (rule.requireAny && !rule.requireAny.some((s) => signals.has(s))) continue;

      let score = rule.base;
      const used: Signal[] = [];
      for (const s of signals) {
        const w = rule.weights[s];
        if (w) {
          score += w;
          used.push(s);
        }
      }
      score = Math.round(clamp01(score) * 1000) / 1000;
      if (score < threshold) continue;
      const claim: Claim = {
        start: cand.start,
        end: cand.end,
        text: text.slice(cand.start, cand.end),
        lang: lang ?? cand.pack.lang,
        category: rule.category,
        score,
        ruleId: rule.id,
        concepts: rule.concepts ?? conceptsFor(rule.category),
        sentenceStart: sent.start,
        sentenceEnd: sent.end,
        signals: used,
      };
      if (replace >= 0) {
        if (claim.score > claims[replace]!.score) claims[replace] = claim;
        continue;
      }
      claims.push(claim);
      if (cand.end > coverEnd) coverEnd = cand.end;
    }
    return claims;
  };
  return { detect, packs };
}

function findSentence(sentences: SentenceInfo[], start: number, end: number): SentenceInfo | null {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (s.end <= start) lo = mid + 1;
    else if (s.start > start) hi = mid - 1;
    else return end <= s.end ? s : null;
  }
  return null;
}
