/** Text rendering of evaluation results. Pure: report objects in, strings out. */
import { CATEGORIES } from '../../engine/types';
import type { CorpusReport, Mismatch } from './evaluate';
import { isSkipped, type DarkPatternsReport, type EcReport, type EnvReport, type ExternalReport, type FiredRow, type NegativeTextReport } from './external';
import { fmt3, quote, renderTable } from './format';

export function renderCorpusReport(r: CorpusReport): string {
  const d = r.detection;
  const fa = r.falseAlarms;
  const out: string[] = [];
  out.push(`== ${r.lang} · ${r.split}: ${r.sentences} sentences (${r.positives} claims, ${r.negatives} negatives) ==`);
  out.push(
    renderTable(
      ['detection ("is a claim")', 'precision', 'recall', 'F1', 'tp', 'fp', 'fn', 'tn'],
      [['any label vs any prediction', fmt3(d.precision), fmt3(d.recall), fmt3(d.f1), d.tp, d.fp, d.fn, d.tn]],
    ),
  );
  out.push('');
  const rows = CATEGORIES.map((c) => {
    const k = r.categories[c];
    return [c, fmt3(k.precision), fmt3(k.recall), fmt3(k.f1), k.support, k.tp, k.fp, k.fn];
  });
  rows.push(['micro-average', fmt3(r.micro.precision), fmt3(r.micro.recall), fmt3(r.micro.f1), r.micro.support, r.micro.tp, r.micro.fp, r.micro.fn]);
  rows.push(['macro F1', '', '', fmt3(r.macroF1), '', '', '', '']);
  out.push(renderTable(['category', 'precision', 'recall', 'F1', 'support', 'tp', 'fp', 'fn'], rows));
  out.push('');
  out.push(
    `false alarms: ${fa.claims} claim(s) in ${fa.sentencesFired} of ${fa.sentences} negative sentences, ${fa.words} words → ${fmt3(fa.claimsPer10kWords)} per 10,000 words`,
  );
  if (r.wrongLanguageClaims) out.push(`claims tagged with another language than ${r.lang}: ${r.wrongLanguageClaims}`);
  if (r.detectorErrors) out.push(`detector threw on ${r.detectorErrors} sentence(s) (counted as nothing found)`);
  return out.join('\n');
}

/** One line per language and split: the headline figures. */
export function renderCorpusSummary(reports: readonly CorpusReport[]): string {
  return renderTable(
    ['lang', 'split', 'sentences', 'det. P', 'det. R', 'det. F1', 'micro P', 'micro R', 'micro F1', 'macro F1', 'FA/10k words'],
    reports.map((r) => [
      r.lang,
      r.split,
      r.sentences,
      fmt3(r.detection.precision),
      fmt3(r.detection.recall),
      fmt3(r.detection.f1),
      fmt3(r.micro.precision),
      fmt3(r.micro.recall),
      fmt3(r.micro.f1),
      fmt3(r.macroF1),
      fmt3(r.falseAlarms.claimsPer10kWords),
    ]),
    ['l', 'l'],
  );
}

function matchedList(m: readonly { category: string; text: string; lang?: string }[]): string {
  return m.length ? m.map((c) => `${c.category}${c.lang ? '/' + c.lang : ''} ${quote(c.text, 60)}`).join(', ') : '—';
}

export function renderMismatches(list: readonly Mismatch[]): string {
  if (list.length === 0) return '(no false positive or false negative)';
  return list
    .map(
      (m) =>
        `${m.type.padEnd(5)} ${m.id} [${m.split}] expected [${m.expected.join(', ')}] got [${m.got.join(', ')}]\n      text: ${quote(m.text)}\n      matched: ${matchedList(m.matched)}`,
    )
    .join('\n');
}

function renderFired(rows: readonly FiredRow[], max = Infinity): string {
  const shown = rows.slice(0, max);
  const lines = shown.map((r) => `  ${r.ref}: ${quote(r.text)}\n      matched: ${matchedList(r.claims)}`);
  if (rows.length > shown.length) lines.push(`  … and ${rows.length - shown.length} more`);
  return lines.join('\n');
}

function byCategory(r: NegativeTextReport): string {
  const parts = Object.entries(r.byCategory)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([c, n]) => `${c} ${n}`);
  return parts.length ? parts.join(', ') : '—';
}

function renderDarkPatterns(r: DarkPatternsReport): string {
  const out: string[] = [];
  out.push(`-- dark-patterns.csv (Mathur et al. 2019, English, positives only): recall, ${r.rows} rows --`);
  const rows = r.groups.map((g) => [
    g.category,
    g.type,
    g.scope === 'claim-like' ? 'claim' : 'out',
    g.rows,
    g.detected,
    fmt3(g.recall),
    g.expected === null ? (g.scope === 'claim-like' ? 'any' : '—') : g.expected.join('|'),
    g.scope === 'claim-like' ? fmt3(g.typeRecall) : '',
    g.timerRows,
    g.timerRows ? g.timerDetected : '',
  ]);
  const c = r.claimLike;
  rows.push(['claim-like total', '', '', c.rows, c.detected, fmt3(c.recall), '', fmt3(c.typeRecall), c.timerRows, c.timerRows ? c.timerDetected : '']);
  out.push(
    renderTable(['pattern category', 'pattern type', 'scope', 'sentences', 'fired', 'recall', 'expected type', 'type recall', 'timer-only', 'fired'], rows, [
      'l',
      'l',
      'l',
    ]),
  );
  out.push(
    `recall = any claim fired; type recall = one of the expected categories fired. Rows that are only a timer or have no words (${c.timerRows} claim-like, ${r.outOfScope.timerRows} other) are not sentences and are kept out of recall. Out-of-scope patterns (interface tricks, not claims in text): ${r.outOfScope.detected} of ${r.outOfScope.rows} fired, informative only.`,
  );
  return out.join('\n');
}

function renderEc(r: EcReport, verbose: boolean): string {
  const d = r.detection;
  const out: string[] = [];
  out.push(`-- ec-darkpattern dataset.tsv (Yada et al. 2022): detection, ${r.rows} rows --`);
  out.push(renderTable(['label 1 = dark pattern', 'precision', 'recall', 'F1', 'tp', 'fp', 'fn', 'tn'], [['any claim', fmt3(d.precision), fmt3(d.recall), fmt3(d.f1), d.tp, d.fp, d.fn, d.tn]]));
  out.push(
    `caveat: label 0 means "not a dark pattern", not "not marketing" — ${r.label0Fired.length} label-0 row(s) fire, and some of them are genuine claims; read them (--verbose) before calling them false alarms. Precision above is a lower bound.`,
  );
  out.push(renderTable(['label-1 pattern category', 'rows', 'fired', 'recall'], r.byPattern.map((p) => [p.category, p.rows, p.detected, fmt3(p.recall)])));
  if (verbose && r.label0Fired.length) out.push('label-0 rows that fire:\n' + renderFired(r.label0Fired));
  return out.join('\n');
}

function renderNegatives(title: string, rows: readonly [string, NegativeTextReport][], verbose: boolean): string {
  const out: string[] = [title];
  out.push(
    renderTable(
      ['set', 'sentences', 'words', 'fired', 'claims', 'per 10k words', 'claims by category'],
      rows.map(([name, r]) => [name, r.sentences, r.words, r.sentencesFired, r.claims, fmt3(r.claimsPer10kWords), byCategory(r)]),
      ['l', 'r', 'r', 'r', 'r', 'r', 'l'],
    ),
  );
  if (verbose) for (const [name, r] of rows) if (r.fired.length) out.push(`what fires in ${name}:\n` + renderFired(r.fired));
  return out.join('\n');
}

function renderEnv(r: { dev: EnvReport; train: EnvReport; all: EnvReport }): string {
  const row = (name: string, e: EnvReport) => [
    name,
    e.rows,
    e.positives,
    fmt3(e.environmental.precision),
    fmt3(e.environmental.recall),
    fmt3(e.environmental.f1),
    e.environmental.tp,
    e.environmental.fp,
    e.environmental.fn,
    fmt3(e.anyClaim.precision),
    fmt3(e.anyClaim.recall),
  ];
  return [
    '-- environmental-claims (Stammbach et al. 2023): the environmental category vs label 1 --',
    renderTable(['file', 'rows', 'claims', 'env P', 'env R', 'env F1', 'tp', 'fp', 'fn', 'any-claim P', 'any-claim R'], [row('dev', r.dev), row('train', r.train), row('dev+train', r.all)]),
    'caveat: sentences from annual and sustainability reports, not product pages (domain shift); a missed investor-report claim is not a missed product-page claim.',
  ].join('\n');
}

export function renderExternal(x: ExternalReport, verbose: boolean): string {
  const out: string[] = [`== Public data sets (${x.dataDir}) — detect() without lang ==`];
  out.push(isSkipped(x.darkPatterns) ? `dark-patterns: skipped (${x.darkPatterns.skipped})` : renderDarkPatterns(x.darkPatterns));
  out.push('');
  out.push(isSkipped(x.ecDarkPattern) ? `ec-darkpattern: skipped (${x.ecDarkPattern.skipped})` : renderEc(x.ecDarkPattern, verbose));
  out.push('');
  out.push(
    isSkipped(x.ud)
      ? `UD sentences: skipped (${x.ud.skipped})`
      : renderNegatives(
          '-- UD dev sentences (French-GSD, English-EWT; presumed ordinary text): false alarms --',
          Object.entries(x.ud).map(([l, r]) => [`UD ${l}`, r] as [string, NegativeTextReport]),
          verbose,
        ) + '\nnote: a few UD rows are genuinely promotional (shop reviews); read what fires before counting it.',
  );
  out.push('');
  out.push(isSkipped(x.environmentalClaims) ? `environmental-claims: skipped (${x.environmentalClaims.skipped})` : renderEnv(x.environmentalClaims));
  out.push('');
  out.push(
    isSkipped(x.newsHeadlines)
      ? `news headlines: skipped (${x.newsHeadlines.skipped})`
      : renderNegatives('-- news headlines (non-clickbait; presumed no claims): false alarms --', [['headlines', x.newsHeadlines]], verbose),
  );
  return out.join('\n');
}
