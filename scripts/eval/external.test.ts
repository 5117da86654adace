import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DetectFn, FoundClaim } from './evaluate';
import {
  classifyDarkPattern,
  DataError,
  evalDarkPatterns,
  evalEcDarkPattern,
  evalEnvClaims,
  evalExternal,
  evalPresumedNegatives,
  isSkipped,
  isTimerOrWordless,
  mergeEnvReports,
  parseDarkPatterns,
  parseEcDarkPattern,
  parseEnvClaims,
  parseHeadlines,
  parseUdSentences,
} from './external';

// Keyword detector for the tests: enough to make known rows fire.
const kw: DetectFn = (text) => {
  const out: FoundClaim[] = [];
  if (/only \d+ left|hurry|ends/i.test(text)) out.push({ category: 'urgency', text: 'u' });
  if (/just bought|people/i.test(text)) out.push({ category: 'social_proof', text: 's' });
  if (/no thanks/i.test(text)) out.push({ category: 'fear', text: 'f' });
  if (/green|eco/i.test(text)) out.push({ category: 'environmental', text: 'e' });
  if (/best/i.test(text)) out.push({ category: 'superiority', text: 'b' });
  return out;
};

describe('isTimerOrWordless', () => {
  it.each([
    ['00:14:59', true],
    ['02d 14h 59m 03s', true],
    ['14 Hours 59 Minutes 03 Seconds', true],
    ['', true],
    ['  --  ', true],
    ['Hurry! Sale ends in 02:59:50', false],
    ['Only 3 left', false],
    ['Offre limitée', false],
  ] as const)('%j → %s', (t, want) => expect(isTimerOrWordless(t)).toBe(want));
});

describe('classifyDarkPattern', () => {
  it.each([
    ['Scarcity', 'Low-stock Message', 'claim-like', ['urgency']],
    ['Scarcity', 'High-demand Message', 'claim-like', ['urgency', 'social_proof']],
    ['Urgency', 'Countdown Timer', 'claim-like', ['urgency']],
    ['Social Proof', 'Activity Notification', 'claim-like', ['social_proof']],
    ['Misdirection', 'Confirmshaming', 'claim-like', ['fear']],
    ['Misdirection', 'Pressured Selling', 'claim-like', null],
    ['Misdirection', 'Visual Interference', 'out-of-scope', null],
    ['Obstruction', 'Hard to Cancel', 'out-of-scope', null],
    ['Sneaking', 'Hidden Costs', 'out-of-scope', null],
  ] as const)('%s / %s', (category, type, scope, expected) => {
    expect(classifyDarkPattern({ category, type })).toEqual({ scope, expected });
  });
});

const DP_CSV = [
  'Pattern String,Comment,Pattern Category,Pattern Type,Where in website?,Deceptive?,Website Page',
  'Only 3 left in stock,,Scarcity,Low-stock Message,Product Page,No,http://a',
  'Selling out soon,,Scarcity,Low-stock Message,Product Page,No,http://a',
  '"Emma in Leeds, UK just bought a ""Red"" mug",,Social Proof,Activity Notification,Popup,No,http://b',
  '00:14:59,,Urgency,Countdown Timer,Banner,Yes,http://c',
  '"Hurry! Ends in\n00:14:59",,Urgency,Countdown Timer,Banner,Yes,http://c',
  '"No thanks, I like paying more",,Misdirection,Confirmshaming,Popup,No,http://d',
  'Add protection plan,,Misdirection,Pressured Selling,Cart,No,http://e',
  'Call us to cancel,,Obstruction,Hard to Cancel,FAQ,No,http://f',
].join('\n');

describe('dark-patterns.csv', () => {
  it('parses quoted, multi-line rows', () => {
    const rows = parseDarkPatterns(DP_CSV, 'dp.csv');
    expect(rows).toHaveLength(8);
    expect(rows[2]!.text).toBe('Emma in Leeds, UK just bought a "Red" mug');
    expect(rows[4]).toMatchObject({ line: 6, text: 'Hurry! Ends in\n00:14:59', category: 'Urgency' });
  });

  it('recall per pattern, timers apart, out of scope apart', () => {
    const r = evalDarkPatterns(parseDarkPatterns(DP_CSV, 'dp.csv'), kw);
    const g = (type: string) => r.groups.find((x) => x.type === type)!;
    expect(g('Low-stock Message')).toMatchObject({ rows: 2, detected: 1, recall: 0.5, typeHits: 1 });
    expect(g('Countdown Timer')).toMatchObject({ rows: 1, detected: 1, timerRows: 1, timerDetected: 0 });
    expect(g('Confirmshaming')).toMatchObject({ rows: 1, detected: 1, typeRecall: 1 });
    expect(g('Pressured Selling')).toMatchObject({ rows: 1, detected: 0, expected: null });
    expect(g('Hard to Cancel')).toMatchObject({ scope: 'out-of-scope', rows: 1 });
    expect(r.claimLike).toMatchObject({ rows: 6, detected: 4, typeHits: 4, timerRows: 1 });
    expect(r.claimLike.recall).toBeCloseTo(4 / 6);
    expect(r.outOfScope).toEqual({ rows: 1, detected: 0, timerRows: 0 });
    expect(r.missed.map((m) => m.text)).toEqual(['Selling out soon', 'Add protection plan']);
    // claim-like groups first
    expect(r.groups.at(-1)!.scope).toBe('out-of-scope');
  });

  it('a missing column or a ragged row is a DataError with file:line', () => {
    expect(() => parseDarkPatterns('Text,Category\nx,y', 'dp.csv')).toThrow(/dp\.csv:1: missing column/);
    expect(() => parseDarkPatterns(DP_CSV + '\nonly,three,fields', 'dp.csv')).toThrow(/dp\.csv:11: 3 fields/);
  });
});

describe('ec-darkpattern', () => {
  const TSV = 'page_id\ttext\tlabel\tPattern Category\n1\tOnly 2 left\t1\tScarcity\n1\tWrite a review\t0\tNot Dark Pattern\n2\tBest-Selling Products\t0\tNot Dark Pattern\n3\tCall to cancel\t1\tObstruction\n';
  it('detection P/R/F1 and the label-0 rows that fire', () => {
    const r = evalEcDarkPattern(parseEcDarkPattern(TSV, 'ec.tsv'), kw);
    expect(r.detection).toMatchObject({ tp: 1, fp: 1, fn: 1, tn: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(r.label0Fired).toEqual([{ ref: 'line 4', text: 'Best-Selling Products', claims: [{ category: 'superiority', text: 'b' }] }]);
    expect(r.byPattern).toEqual([
      { category: 'Obstruction', rows: 1, detected: 0, recall: 0 },
      { category: 'Scarcity', rows: 1, detected: 1, recall: 1 },
    ]);
  });
  it('rejects a label that is not 0 or 1', () => {
    expect(() => parseEcDarkPattern('page_id\ttext\tlabel\tPattern Category\n1\tx\tyes\ty\n', 'ec.tsv')).toThrow(DataError);
  });
});

describe('presumed negatives (UD, headlines)', () => {
  it('false alarms per 10k words and what fires', () => {
    const rows = parseHeadlines('Green Party wins seat\n\nMarkets fall again\n   \nBest of the week in pictures\n');
    expect(rows.map((r) => r.ref)).toEqual(['line 1', 'line 3', 'line 5']);
    const r = evalPresumedNegatives(rows, kw);
    expect(r).toMatchObject({ sentences: 3, words: 13, sentencesFired: 2, claims: 2, byCategory: { environmental: 1, superiority: 1 } });
    expect(r.claimsPer10kWords).toBeCloseTo(20000 / 13);
    expect(r.fired.map((f) => f.ref)).toEqual(['line 1', 'line 5']);
  });

  it('UD rows keep lang and sent_id, quoted text unquoted', () => {
    const tsv = 'lang\ttreebank\tsplit\tsent_id\tgenre\ttext\nfr\tGSD\tdev\tfr-1\tmixed\t"On trouve ""Sanctus"" en 1178."\nen\tEWT\tdev\ten-1\temail\tBest,\n';
    expect(parseUdSentences(tsv, 'ud.tsv')).toEqual([
      { lang: 'fr', ref: 'fr-1', text: 'On trouve "Sanctus" en 1178.' },
      { lang: 'en', ref: 'en-1', text: 'Best,' },
    ]);
  });
});

describe('environmental claims', () => {
  const JSONL = ['{"text": "We cut our emissions with green energy.", "label": 1}', '{"text": "Revenue grew.", "label": 0}', '{"text": "Our eco strategy is old news.", "label": 0}', '{"text": "Reduced water use by 20%.", "label": 1}', ''].join('\n');
  it('precision and recall of the environmental category', () => {
    const r = evalEnvClaims(parseEnvClaims(JSONL, 'dev.jsonl'), kw);
    expect(r.rows).toBe(4);
    expect(r.positives).toBe(2);
    expect(r.environmental).toMatchObject({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5 });
    const both = mergeEnvReports(r, r);
    expect(both.environmental).toMatchObject({ tp: 2, fp: 2, fn: 2, precision: 0.5 });
    expect(both.rows).toBe(8);
  });
  it('a bad line is a DataError with its line', () => {
    expect(() => parseEnvClaims('{"text":"a","label":1}\n{"text":"b","label":2}', 'dev.jsonl')).toThrow(/dev\.jsonl:2:/);
  });
});

describe('evalExternal', () => {
  it('skips missing data sets and runs the present ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'data-'));
    mkdirSync(join(dir, 'news-headlines'));
    writeFileSync(join(dir, 'news-headlines', 'non_clickbait_data.txt'), 'Green Party wins\n\nMarkets fall\n');
    const r = evalExternal(dir, kw);
    expect(isSkipped(r.darkPatterns)).toBe(true);
    expect(isSkipped(r.ud)).toBe(true);
    expect(isSkipped(r.environmentalClaims)).toBe(true);
    expect(isSkipped(r.newsHeadlines)).toBe(false);
    if (!isSkipped(r.newsHeadlines)) expect(r.newsHeadlines).toMatchObject({ sentences: 2, claims: 1 });
  });

  it('a malformed data set throws DataError', () => {
    const dir = mkdtempSync(join(tmpdir(), 'data-'));
    mkdirSync(join(dir, 'environmental-claims'));
    writeFileSync(join(dir, 'environmental-claims', 'dev.jsonl'), 'not json\n');
    writeFileSync(join(dir, 'environmental-claims', 'train.jsonl'), '{"text":"a","label":0}\n');
    expect(() => evalExternal(dir, kw)).toThrow(DataError);
  });
});
