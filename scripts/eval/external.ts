/**
 * Public labelled data sets of ../shared/data (see its README): parsers (pure, from file text) and
 * evaluations (pure given an injected detector). They are read at evaluation time and never copied
 * into the project.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Category } from '../../engine/types';
import { parseDelimited } from './delimited';
import { runDetector, type DetectFn, type FoundClaim } from './evaluate';
import { detectionCounts, falseAlarms, prf, type Counts, type FalseAlarmStats, type Prf } from './metrics';

export interface DataIssue {
  file: string;
  line: number;
  message: string;
}

export class DataError extends Error {
  constructor(readonly issues: DataIssue[]) {
    super(issues.map((i) => `${i.file}:${i.line}: ${i.message}`).join('\n'));
    this.name = 'DataError';
  }
}

/** Parses delimited text with a header; returns records as objects keyed by the required columns. */
function parseTable(text: string, file: string, delimiter: string, required: readonly string[]): { line: number; get: (col: string) => string }[] {
  const { records, issues } = parseDelimited(text, delimiter);
  const errs: DataIssue[] = issues.map((i) => ({ file, ...i }));
  const header = records[0];
  if (!header) throw new DataError([...errs, { file, line: 1, message: 'no header' }]);
  const index = new Map(header.fields.map((h, i) => [h.trim(), i]));
  const missing = required.filter((c) => !index.has(c));
  if (missing.length) errs.push({ file, line: header.line, message: `missing column(s): ${missing.join(', ')}` });
  const out: { line: number; get: (col: string) => string }[] = [];
  for (const r of records.slice(1)) {
    if (r.fields.length !== header.fields.length) {
      errs.push({ file, line: r.line, message: `${r.fields.length} fields, header has ${header.fields.length}` });
      continue;
    }
    const fields = r.fields;
    out.push({ line: r.line, get: (col) => fields[index.get(col)!] ?? '' });
  }
  if (errs.length) throw new DataError(errs);
  return out;
}

// ---------------------------------------------------------------------------------------------
// dark-patterns.csv (Mathur et al. 2019): positives only, English.

export interface DarkPatternRow {
  line: number;
  text: string;
  category: string;
  type: string;
}

export function parseDarkPatterns(text: string, file: string): DarkPatternRow[] {
  return parseTable(text, file, ',', ['Pattern String', 'Pattern Category', 'Pattern Type']).map((r) => ({
    line: r.line,
    text: r.get('Pattern String'),
    category: r.get('Pattern Category').trim(),
    type: r.get('Pattern Type').trim(),
  }));
}

/**
 * The claim-like patterns and the claim categories that count as "the right type" for them.
 * `null`: any claim counts (pressured selling has no single matching claim type).
 */
export const CLAIM_LIKE_PATTERNS: readonly { category: string; type?: string; expected: readonly Category[] | null }[] = [
  { category: 'Scarcity', type: 'Low-stock Message', expected: ['urgency'] },
  { category: 'Scarcity', type: 'High-demand Message', expected: ['urgency', 'social_proof'] },
  { category: 'Scarcity', expected: ['urgency'] },
  { category: 'Urgency', expected: ['urgency'] },
  { category: 'Social Proof', expected: ['social_proof'] },
  { category: 'Misdirection', type: 'Confirmshaming', expected: ['fear'] },
  { category: 'Misdirection', type: 'Pressured Selling', expected: null },
];

const TIMER_UNIT = /^(?:d|h|hr|hrs|m|min|mins|s|sec|secs|days?|hours?|minutes?|seconds?)$/i;

/** True for text with no words: only digits, punctuation, and timer units ("00:14:59", "02d 14h"). */
export function isTimerOrWordless(text: string): boolean {
  const words = text.match(/\p{L}+/gu) ?? [];
  return words.every((w) => TIMER_UNIT.test(w));
}

export type DarkPatternScope = 'claim-like' | 'out-of-scope';

export function classifyDarkPattern(row: Pick<DarkPatternRow, 'category' | 'type'>): { scope: DarkPatternScope; expected: readonly Category[] | null } {
  const cat = row.category.toLowerCase();
  const type = row.type.toLowerCase();
  for (const p of CLAIM_LIKE_PATTERNS) {
    if (p.category.toLowerCase() !== cat) continue;
    if (p.type !== undefined && p.type.toLowerCase() !== type) continue;
    return { scope: 'claim-like', expected: p.expected };
  }
  return { scope: 'out-of-scope', expected: null };
}

export interface DarkPatternGroup {
  category: string;
  type: string;
  scope: DarkPatternScope;
  /** rows that are sentences (have words) */
  rows: number;
  /** of those, rows where any claim fired */
  detected: number;
  recall: number | null;
  /** claim categories that count as the right type; null = any */
  expected: readonly Category[] | null;
  /** rows where one of the expected categories fired (equals detected when expected is null) */
  typeHits: number;
  typeRecall: number | null;
  /** rows that are only a timer or have no words, reported apart */
  timerRows: number;
  timerDetected: number;
}

export interface DarkPatternsReport {
  rows: number;
  groups: DarkPatternGroup[];
  claimLike: { rows: number; detected: number; recall: number | null; typeHits: number; typeRecall: number | null; timerRows: number; timerDetected: number };
  outOfScope: { rows: number; detected: number; timerRows: number };
  missed: { line: number; category: string; type: string; text: string }[];
}

export function evalDarkPatterns(rows: readonly DarkPatternRow[], detect: DetectFn, threshold?: number): DarkPatternsReport {
  const groups = new Map<string, DarkPatternGroup>();
  const missed: DarkPatternsReport['missed'] = [];
  for (const row of rows) {
    const { scope, expected } = classifyDarkPattern(row);
    const key = `${row.category}\u0000${row.type}`;
    let g = groups.get(key);
    if (!g) {
      g = { category: row.category, type: row.type, scope, rows: 0, detected: 0, recall: null, expected, typeHits: 0, typeRecall: null, timerRows: 0, timerDetected: 0 };
      groups.set(key, g);
    }
    const res = runDetector(detect, row.text, threshold);
    const fired = res.predicted.length > 0;
    if (isTimerOrWordless(row.text)) {
      g.timerRows++;
      if (fired) g.timerDetected++;
      continue;
    }
    g.rows++;
    if (fired) g.detected++;
    const hit = expected === null ? fired : res.predicted.some((c) => expected.includes(c));
    if (hit) g.typeHits++;
    if (scope === 'claim-like' && !fired) missed.push({ line: row.line, category: row.category, type: row.type, text: row.text });
  }
  const list = [...groups.values()].sort((a, b) => (a.scope === b.scope ? a.category.localeCompare(b.category) || a.type.localeCompare(b.type) : a.scope === 'claim-like' ? -1 : 1));
  for (const g of list) {
    g.recall = g.rows ? g.detected / g.rows : null;
    g.typeRecall = g.rows ? g.typeHits / g.rows : null;
  }
  const claim = list.filter((g) => g.scope === 'claim-like');
  const out = list.filter((g) => g.scope === 'out-of-scope');
  const sum = (gs: DarkPatternGroup[], k: 'rows' | 'detected' | 'typeHits' | 'timerRows' | 'timerDetected') => gs.reduce((n, g) => n + g[k], 0);
  const cRows = sum(claim, 'rows');
  return {
    rows: rows.length,
    groups: list,
    claimLike: {
      rows: cRows,
      detected: sum(claim, 'detected'),
      recall: cRows ? sum(claim, 'detected') / cRows : null,
      typeHits: sum(claim, 'typeHits'),
      typeRecall: cRows ? sum(claim, 'typeHits') / cRows : null,
      timerRows: sum(claim, 'timerRows'),
      timerDetected: sum(claim, 'timerDetected'),
    },
    outOfScope: { rows: sum(out, 'rows'), detected: sum(out, 'detected'), timerRows: sum(out, 'timerRows') },
    missed,
  };
}

// ---------------------------------------------------------------------------------------------
// ec-darkpattern dataset.tsv (Yada et al. 2022): label 1 = dark pattern, 0 = other text of the
// same pages (NOT "not marketing").

export interface EcRow {
  line: number;
  pageId: string;
  text: string;
  label: 0 | 1;
  category: string;
}

export function parseEcDarkPattern(text: string, file: string): EcRow[] {
  const rows = parseTable(text, file, '\t', ['page_id', 'text', 'label', 'Pattern Category']);
  const bad: DataIssue[] = [];
  const out: EcRow[] = [];
  for (const r of rows) {
    const label = r.get('label').trim();
    if (label !== '0' && label !== '1') {
      bad.push({ file, line: r.line, message: `label must be 0 or 1, got ${JSON.stringify(label)}` });
      continue;
    }
    out.push({ line: r.line, pageId: r.get('page_id'), text: r.get('text'), label: label === '1' ? 1 : 0, category: r.get('Pattern Category').trim() });
  }
  if (bad.length) throw new DataError(bad);
  return out;
}

export interface FiredRow {
  ref: string;
  text: string;
  claims: { category: Category; text: string }[];
}

function fired(ref: string, text: string, claims: readonly FoundClaim[]): FiredRow {
  return { ref, text, claims: claims.map((c) => ({ category: c.category, text: c.text })) };
}

export interface EcReport {
  rows: number;
  detection: Counts & { tn: number } & Prf;
  /** recall of label-1 rows per Pattern Category */
  byPattern: { category: string; rows: number; detected: number; recall: number | null }[];
  /** label-0 rows where a claim fired: read them before calling them false alarms */
  label0Fired: FiredRow[];
}

export function evalEcDarkPattern(rows: readonly EcRow[], detect: DetectFn, threshold?: number): EcReport {
  const pairs: { expected: string[]; predicted: string[] }[] = [];
  const by = new Map<string, { rows: number; detected: number }>();
  const label0Fired: FiredRow[] = [];
  for (const r of rows) {
    const res = runDetector(detect, r.text, threshold);
    pairs.push({ expected: r.label === 1 ? ['claim'] : [], predicted: res.predicted });
    if (r.label === 1) {
      const g = by.get(r.category) ?? { rows: 0, detected: 0 };
      g.rows++;
      if (res.predicted.length) g.detected++;
      by.set(r.category, g);
    } else if (res.claims.length) {
      label0Fired.push(fired(`line ${r.line}`, r.text, res.claims));
    }
  }
  const det = detectionCounts(pairs);
  return {
    rows: rows.length,
    detection: { ...det, ...prf(det) },
    byPattern: [...by.entries()]
      .map(([category, g]) => ({ category, ...g, recall: g.rows ? g.detected / g.rows : null }))
      .sort((a, b) => b.rows - a.rows || a.category.localeCompare(b.category)),
    label0Fired,
  };
}

// ---------------------------------------------------------------------------------------------
// Presumed-negative text: UD treebank sentences, news headlines.

export interface PlainSentence {
  ref: string;
  text: string;
}

export interface NegativeTextReport extends FalseAlarmStats {
  /** claims that fired, per category */
  byCategory: Partial<Record<Category, number>>;
  fired: FiredRow[];
}

export function evalPresumedNegatives(rows: readonly PlainSentence[], detect: DetectFn, threshold?: number): NegativeTextReport {
  const firedRows: FiredRow[] = [];
  const byCategory: Partial<Record<Category, number>> = {};
  const counted = rows.map((r) => {
    const res = runDetector(detect, r.text, threshold);
    if (res.claims.length) firedRows.push(fired(r.ref, r.text, res.claims));
    for (const c of res.claims) byCategory[c.category] = (byCategory[c.category] ?? 0) + 1;
    return { text: r.text, claims: res.claims.length };
  });
  return { ...falseAlarms(counted), byCategory, fired: firedRows };
}

export interface UdRow extends PlainSentence {
  lang: string;
}

export function parseUdSentences(text: string, file: string): UdRow[] {
  return parseTable(text, file, '\t', ['lang', 'sent_id', 'text']).map((r) => ({
    lang: r.get('lang').trim(),
    ref: r.get('sent_id').trim() || `line ${r.line}`,
    text: r.get('text'),
  }));
}

/** One headline per non-blank line. */
export function parseHeadlines(text: string): PlainSentence[] {
  const out: PlainSentence[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    const t = l.trim();
    if (t) out.push({ ref: `line ${i + 1}`, text: t });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// environmental-claims {train,dev}.jsonl (Stammbach et al. 2023): label 1 = environmental claim.

const EnvLine = z.object({ text: z.string(), label: z.union([z.literal(0), z.literal(1)]) });

export interface EnvRow {
  line: number;
  text: string;
  label: 0 | 1;
}

export function parseEnvClaims(text: string, file: string): EnvRow[] {
  const out: EnvRow[] = [];
  const bad: DataIssue[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      bad.push({ file, line: i + 1, message: `not JSON (${(e as Error).message})` });
      return;
    }
    const r = EnvLine.safeParse(json);
    if (!r.success) bad.push({ file, line: i + 1, message: r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ') });
    else out.push({ line: i + 1, text: r.data.text, label: r.data.label });
  });
  if (bad.length) throw new DataError(bad);
  return out;
}

export interface EnvReport {
  rows: number;
  positives: number;
  /** the environmental category against label 1 */
  environmental: Counts & Prf;
  /** any claim at all against label 1 (other categories fire on investor prose too) */
  anyClaim: Counts & { tn: number } & Prf;
}

export function evalEnvClaims(rows: readonly EnvRow[], detect: DetectFn, threshold?: number): EnvReport {
  const env: Counts = { tp: 0, fp: 0, fn: 0 };
  const pairs: { expected: string[]; predicted: string[] }[] = [];
  let positives = 0;
  for (const r of rows) {
    const res = runDetector(detect, r.text, threshold);
    const gold = r.label === 1;
    const pred = res.predicted.includes('environmental');
    if (gold) positives++;
    if (gold && pred) env.tp++;
    else if (pred) env.fp++;
    else if (gold) env.fn++;
    pairs.push({ expected: gold ? ['environmental'] : [], predicted: res.predicted });
  }
  const any = detectionCounts(pairs);
  return { rows: rows.length, positives, environmental: { ...env, ...prf(env) }, anyClaim: { ...any, ...prf(any) } };
}

/** The report of the union of two disjoint sets, from their counts (no second detector run). */
export function mergeEnvReports(a: EnvReport, b: EnvReport): EnvReport {
  const env = { tp: a.environmental.tp + b.environmental.tp, fp: a.environmental.fp + b.environmental.fp, fn: a.environmental.fn + b.environmental.fn };
  const any = { tp: a.anyClaim.tp + b.anyClaim.tp, fp: a.anyClaim.fp + b.anyClaim.fp, fn: a.anyClaim.fn + b.anyClaim.fn, tn: a.anyClaim.tn + b.anyClaim.tn };
  return { rows: a.rows + b.rows, positives: a.positives + b.positives, environmental: { ...env, ...prf(env) }, anyClaim: { ...any, ...prf(any) } };
}

// ---------------------------------------------------------------------------------------------
// Loading from ../shared/data

export const DATA_FILES = {
  darkPatterns: join('dark-patterns', 'dark-patterns.csv'),
  ecDarkPattern: join('ec-darkpattern', 'dataset.tsv'),
  ud: join('ud-sentences', 'ud-dev-sentences.tsv'),
  envDev: join('environmental-claims', 'dev.jsonl'),
  envTrain: join('environmental-claims', 'train.jsonl'),
  news: join('news-headlines', 'non_clickbait_data.txt'),
} as const;

export interface ExternalReport {
  dataDir: string;
  darkPatterns: DarkPatternsReport | { skipped: string };
  ecDarkPattern: EcReport | { skipped: string };
  ud: Record<string, NegativeTextReport> | { skipped: string };
  environmentalClaims: { dev: EnvReport; train: EnvReport; all: EnvReport } | { skipped: string };
  newsHeadlines: NegativeTextReport | { skipped: string };
}

/**
 * Runs every data set found under `dataDir`. A missing file skips its data set (reported as
 * skipped); a malformed one throws DataError.
 */
export function evalExternal(dataDir: string, detect: DetectFn, threshold?: number): ExternalReport {
  const read = (rel: string): string | null => {
    const p = join(dataDir, rel);
    return existsSync(p) ? readFileSync(p, 'utf8') : null;
  };
  const skipped = (rel: string) => ({ skipped: `${join(dataDir, rel)} not found` });
  const file = (rel: string) => join(dataDir, rel);

  const dpText = read(DATA_FILES.darkPatterns);
  const darkPatterns = dpText === null ? skipped(DATA_FILES.darkPatterns) : evalDarkPatterns(parseDarkPatterns(dpText, file(DATA_FILES.darkPatterns)), detect, threshold);

  const ecText = read(DATA_FILES.ecDarkPattern);
  const ecDarkPattern = ecText === null ? skipped(DATA_FILES.ecDarkPattern) : evalEcDarkPattern(parseEcDarkPattern(ecText, file(DATA_FILES.ecDarkPattern)), detect, threshold);

  const udText = read(DATA_FILES.ud);
  let ud: ExternalReport['ud'];
  if (udText === null) ud = skipped(DATA_FILES.ud);
  else {
    const rows = parseUdSentences(udText, file(DATA_FILES.ud));
    const langs = [...new Set(rows.map((r) => r.lang))].sort();
    ud = Object.fromEntries(langs.map((l) => [l, evalPresumedNegatives(rows.filter((r) => r.lang === l), detect, threshold)]));
  }

  const devText = read(DATA_FILES.envDev);
  const trainText = read(DATA_FILES.envTrain);
  let environmentalClaims: ExternalReport['environmentalClaims'];
  if (devText === null || trainText === null) environmentalClaims = skipped(devText === null ? DATA_FILES.envDev : DATA_FILES.envTrain);
  else {
    const dev = parseEnvClaims(devText, file(DATA_FILES.envDev));
    const train = parseEnvClaims(trainText, file(DATA_FILES.envTrain));
    const d = evalEnvClaims(dev, detect, threshold);
    const t = evalEnvClaims(train, detect, threshold);
    environmentalClaims = { dev: d, train: t, all: mergeEnvReports(d, t) };
  }

  const newsText = read(DATA_FILES.news);
  const newsHeadlines = newsText === null ? skipped(DATA_FILES.news) : evalPresumedNegatives(parseHeadlines(newsText), detect, threshold);

  return { dataDir, darkPatterns, ecDarkPattern, ud, environmentalClaims, newsHeadlines };
}

export function isSkipped(x: object): x is { skipped: string } {
  return 'skipped' in x;
}

