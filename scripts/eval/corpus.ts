/**
 * The labelled evaluation corpus (tests/fixtures/eval/{fr,en}.jsonl): schema and loader.
 * A bad line is reported as `file:line: reason`; the loader collects every bad line before failing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CATEGORIES, LANGS, type Category, type Lang } from '../../engine/types';

export const SPLITS = ['dev', 'test'] as const;
export type Split = (typeof SPLITS)[number];

export const CorpusLineSchema = z
  .object({
    id: z.string().regex(/^(fr|en)-\d{4}$/, 'id must look like fr-0001 or en-0001'),
    split: z.enum(SPLITS),
    kind: z.string().regex(/^[a-z][a-z_-]{1,30}$/, 'kind must be a short lower-case tag'),
    labels: z
      .array(z.enum(CATEGORIES))
      .refine((a) => new Set(a).size === a.length, 'labels must not repeat'),
    text: z
      .string()
      .min(1)
      .refine((t) => t.trim() === t && t.trim().length > 0, 'text must be non-blank, without leading/trailing spaces'),
  })
  .strict();

export type CorpusItem = z.infer<typeof CorpusLineSchema> & { labels: Category[] };

export interface CorpusIssue {
  file: string;
  line: number;
  message: string;
}

export function formatIssue(i: CorpusIssue): string {
  return `${i.file}:${i.line}: ${i.message}`;
}

export class CorpusError extends Error {
  constructor(readonly issues: CorpusIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'CorpusError';
  }
}

/**
 * Parses the text of one corpus file. Blank lines are allowed and skipped; every other line must be
 * one JSON object matching CorpusLineSchema, with an id unique in the file and, when `lang` is
 * given, prefixed by it. Pure: never throws.
 */
export function parseCorpus(text: string, file: string, lang?: Lang): { items: CorpusItem[]; issues: CorpusIssue[] } {
  const items: CorpusItem[] = [];
  const issues: CorpusIssue[] = [];
  const seen = new Map<string, number>();
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r?\n/);
  lines.forEach((raw, idx) => {
    const line = idx + 1;
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      issues.push({ file, line, message: `not JSON (${(e as Error).message})` });
      return;
    }
    const r = CorpusLineSchema.safeParse(json);
    if (!r.success) {
      const msg = r.error.issues.map((i) => `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`).join('; ');
      issues.push({ file, line, message: msg });
      return;
    }
    const item = r.data as CorpusItem;
    if (lang && !item.id.startsWith(`${lang}-`)) {
      issues.push({ file, line, message: `id ${item.id} is not a ${lang} id` });
      return;
    }
    const prev = seen.get(item.id);
    if (prev !== undefined) {
      issues.push({ file, line, message: `duplicate id ${item.id} (first on line ${prev})` });
      return;
    }
    seen.set(item.id, line);
    items.push(item);
  });
  if (items.length === 0 && issues.length === 0) issues.push({ file, line: 1, message: 'empty corpus file' });
  return { items, issues };
}

/** Reads and validates one corpus file. Throws CorpusError listing every bad line. */
export function loadCorpusFile(path: string, lang?: Lang): CorpusItem[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CorpusError([{ file: path, line: 0, message: `cannot read (${(e as Error).message})` }]);
  }
  const { items, issues } = parseCorpus(text, path, lang);
  if (issues.length > 0) throw new CorpusError(issues);
  return items;
}

export type Corpus = Record<Lang, CorpusItem[]>;

export const DEFAULT_CORPUS_DIR = join('tests', 'fixtures', 'eval');

/** Loads `<dir>/fr.jsonl` and `<dir>/en.jsonl`; throws CorpusError with the issues of both files. */
export function loadCorpus(dir: string): Corpus {
  const issues: CorpusIssue[] = [];
  const out = {} as Corpus;
  for (const lang of LANGS) {
    try {
      out[lang] = loadCorpusFile(join(dir, `${lang}.jsonl`), lang);
    } catch (e) {
      if (e instanceof CorpusError) issues.push(...e.issues);
      else throw e;
    }
  }
  if (issues.length > 0) throw new CorpusError(issues);
  return out;
}
