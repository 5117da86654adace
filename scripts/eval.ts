/**
 * `npm run eval` — measures the claim engine on the labelled corpus (tests/fixtures/eval) and, when
 * present, on the public data sets of ../shared/data. Every sentence is given to detect() alone and
 * without `lang`: language detection is part of what is measured.
 *
 *   npm run eval -- [--split dev|test|all] [--threshold N] [--verbose] [--json FILE] [--no-external] [--data DIR]
 *
 * Exit code: 0, whatever the figures; 1 when an input file is malformed (corpus line or data set,
 * reported as file:line); 2 on a bad command line.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detect } from '../engine/index';
import { LANGS } from '../engine/types';
import { parseEvalArgs, USAGE } from './eval/cli';
import { CorpusError, DEFAULT_CORPUS_DIR, loadCorpus } from './eval/corpus';
import { mismatches, runCorpus, summarise, type CorpusReport, type DetectFn, type Mismatch } from './eval/evaluate';
import { DataError, evalExternal, type ExternalReport } from './eval/external';
import { renderCorpusReport, renderCorpusSummary, renderExternal, renderMismatches } from './eval/report';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function main(argv: string[]): number {
  const parsed = parseEvalArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`eval: ${parsed.error}\n${USAGE}\n`);
    return 2;
  }
  const opt = parsed.options;
  if (opt.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const detectFn: DetectFn = (text, o) => detect(text, o);
  const print = (s = '') => process.stdout.write(s + '\n');

  const corpusDir = join(ROOT, DEFAULT_CORPUS_DIR);
  let corpus;
  try {
    corpus = loadCorpus(corpusDir);
  } catch (e) {
    if (e instanceof CorpusError) {
      process.stderr.write(`eval: malformed corpus\n${e.message}\n`);
      return 1;
    }
    throw e;
  }

  print(`Claim Lens engine evaluation — threshold: ${opt.threshold ?? 'engine default'}; detect() called on each sentence alone, without lang`);
  print(`corpus: ${DEFAULT_CORPUS_DIR} (${LANGS.map((l) => `${l} ${corpus[l].length}`).join(', ')} sentences)`);
  print();

  const reports: CorpusReport[] = [];
  const errors: Record<string, Mismatch[]> = {};
  for (const lang of LANGS) {
    const results = runCorpus(corpus[lang], detectFn, opt.threshold);
    errors[lang] = mismatches(results);
    for (const split of opt.splits) {
      const r = summarise(results, lang, split);
      reports.push(r);
      print(renderCorpusReport(r));
      print();
    }
    if (opt.verbose) {
      const shown = opt.splits.includes('all') ? errors[lang] : errors[lang].filter((m) => opt.splits.includes(m.split));
      print(`-- ${lang}: false positives / false negatives (${opt.splits.join(', ')}) --`);
      print(renderMismatches(shown));
      print();
    }
  }
  print('== Summary (labelled corpus) ==');
  print(renderCorpusSummary(reports));
  print();

  let external: ExternalReport | { skipped: string };
  const dataDir = opt.dataDir ? resolve(opt.dataDir) : resolve(ROOT, '..', 'shared', 'data');
  if (!opt.external) external = { skipped: '--no-external' };
  else if (!existsSync(dataDir)) {
    external = { skipped: `${dataDir} not found` };
    print(`Public data sets: ${dataDir} not found — skipped.`);
  } else {
    try {
      external = evalExternal(dataDir, detectFn, opt.threshold);
    } catch (e) {
      if (e instanceof DataError) {
        process.stderr.write(`eval: malformed data set\n${e.message}\n`);
        return 1;
      }
      throw e;
    }
    print(renderExternal(external, opt.verbose));
  }

  if (opt.json) {
    const payload = { threshold: opt.threshold ?? null, corpus: reports, corpusErrors: errors, external };
    writeFileSync(resolve(opt.json), JSON.stringify(payload, null, 2) + '\n');
    print();
    print(`figures written to ${opt.json}`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
