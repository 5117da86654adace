/** Command-line options of `npm run eval`. Pure: argv in, options or an error message out. */
import { SPLITS, type Split } from './corpus';

export interface EvalOptions {
  splits: (Split | 'all')[];
  threshold?: number;
  verbose: boolean;
  json?: string;
  /** skip the public data sets of ../shared/data */
  external: boolean;
  /** override the data directory (default: <repo>/../shared/data) */
  dataDir?: string;
  help: boolean;
}

export const USAGE = `usage: npm run eval -- [--split dev|test|all[,…]] [--threshold N] [--verbose] [--json FILE]
                        [--no-external] [--data DIR]
  --split       which corpus splits to report (default: dev, test and all; repeatable or comma-separated)
  --threshold   minimum claim score passed to detect (0..1; default: the engine's)
  --verbose     list every false positive / false negative of the corpus, and what fires in the
                presumed-negative data sets and on label-0 rows of ec-darkpattern
  --json FILE   also write every figure to FILE as JSON
  --no-external only the labelled corpus, not ../shared/data
  --data DIR    where the public data sets are (default: ../shared/data from the repository root)`;

const ALL_SPLITS = [...SPLITS, 'all'] as const;

export function parseEvalArgs(argv: readonly string[]): { ok: true; options: EvalOptions } | { ok: false; error: string } {
  const o: EvalOptions = { splits: [], verbose: false, external: true, help: false };
  const value = (i: number, flag: string): string | { error: string } => {
    const v = argv[i + 1];
    return v === undefined || v.startsWith('--') ? { error: `${flag} needs a value` } : v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    const flag = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : undefined;
    const take = (): string | { error: string } => {
      if (inline !== undefined) return inline;
      const v = value(i, flag);
      if (typeof v === 'string') i++;
      return v;
    };
    switch (flag) {
      case '--split': {
        const v = take();
        if (typeof v !== 'string') return { ok: false, error: v.error };
        for (const s of v.split(',').map((x) => x.trim())) {
          if (!(ALL_SPLITS as readonly string[]).includes(s)) return { ok: false, error: `--split takes dev, test or all, got ${JSON.stringify(s)}` };
          if (!o.splits.includes(s as Split | 'all')) o.splits.push(s as Split | 'all');
        }
        break;
      }
      case '--threshold': {
        const v = take();
        if (typeof v !== 'string') return { ok: false, error: v.error };
        const n = Number(v);
        if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) return { ok: false, error: `--threshold takes a number from 0 to 1, got ${JSON.stringify(v)}` };
        o.threshold = n;
        break;
      }
      case '--json': {
        const v = take();
        if (typeof v !== 'string') return { ok: false, error: v.error };
        o.json = v;
        break;
      }
      case '--data': {
        const v = take();
        if (typeof v !== 'string') return { ok: false, error: v.error };
        o.dataDir = v;
        break;
      }
      case '--verbose':
      case '-v':
        o.verbose = true;
        break;
      case '--no-external':
        o.external = false;
        break;
      case '--help':
      case '-h':
        o.help = true;
        break;
      default:
        return { ok: false, error: `unknown argument ${JSON.stringify(a)}` };
    }
  }
  if (o.splits.length === 0) o.splits = [...ALL_SPLITS];
  return { ok: true, options: o };
}
