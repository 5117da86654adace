/**
 * npm run bench [-- --only engine,page,... ] [--json FILE] [--quick]
 * Prints every figure as a median with min and max; comparisons are ratios measured in the same run
 * on the same input. Absolute times on a shared machine are indications only.
 */
import { writeFileSync } from 'node:fs';
import { runEngineBench } from './bench/engine';
import { fmt, fmtFigure, printTable } from './bench/stats';

type Section = 'engine';
const ALL: Section[] = ['engine'];

function parseArgs(argv: string[]) {
  let json: string | undefined;
  let only: Section[] = ALL;
  let quick = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = argv[++i];
    else if (a === '--quick') quick = true;
    else if (a === '--only') only = (argv[++i] ?? '').split(',').filter((s): s is Section => (ALL as string[]).includes(s));
    else {
      console.error(`bench: unknown argument ${a}`);
      process.exit(2);
    }
  }
  return { json, only, quick };
}

async function main() {
  const { json, only, quick } = parseArgs(process.argv.slice(2));
  const out: Record<string, unknown> = {};
  if (only.includes('engine')) {
    const e = runEngineBench(quick ? { chars: 256 * 1024, runs: 3 } : {});
    console.log(`\n## 1. Engine (Node ${process.version}): ${fmt(e.inputMB, 2)} MB of mixed French/English page text, ${e.claims} claims`);
    printTable([
      ['what', 'MB/s median (min, max, runs)'],
      ['engine detect()', fmtFigure(e.engineMBs, 1)],
      ['one combined regex pass', fmtFigure(e.regexMBs, 1)],
      ['ratio engine/regex (target >= 0.30)', fmtFigure(e.ratio, 2)],
    ]);
    console.log(`(rule packs compiled in ${fmt(e.compileMs, 1)} ms)`);
    out.engine = { ...e, ratio: e.ratio.median, ratioFigure: e.ratio };
  }
  if (json) {
    writeFileSync(json, JSON.stringify(out, null, 2) + '\n');
    console.log(`\nfigures written to ${json}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
