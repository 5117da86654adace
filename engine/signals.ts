/**
 * Context signals of a sentence (SIGNALS in engine/schema.ts) and its language, computed on the
 * tokens the matcher already produced: one DFA walk over the sentence's tokens, no regular
 * expressions and no string copies. The vocabularies are data below, written as patterns of the
 * rule language (engine/RULES.md).
 */
import { Automaton, type PatNode } from './automaton';
import { parsePattern } from './compile';
import { SIGNALS, type Signal } from './schema';
import { runSteps } from './steps';
import type { TokenStream, Vocabulary } from './tokens';
import type { Lang } from './types';

type SignalWords = Partial<Record<Signal, string[]>>;

const WORDS: Record<Lang, SignalWords> = {
  fr: {
    second_person: ['vous', 'votre', 'vos', 'tu', 'ton', 'ta', 'tes', 'toi', "t'", 'vôtre', 'vôtres'],
    first_plural: ['nous', 'notre', 'nos', 'nôtre', 'nôtres'],
    first_singular: ['je', "j'", 'moi', 'mon', 'ma', 'mes', "m'"],
    product: [
      'offre(s)', 'produit(s)', 'gamme(s)', 'collection(s)', 'commande(s)', 'livraison(s)', 'panier', 'boutique(s)', 'promo(s)',
      'promotion(s)', 'soldes', 'marque(s)', 'abonnement(s)', 'achat(s)', 'soin(s)', 'formule(s)', 'crème(s)', 'sérum(s)', 'modèle(s)',
      'service(s)', 'solution(s)', 'logiciel(s)', 'plateforme(s)', 'appli', 'application(s)', 'forfait(s)', 'box', 'kit(s)', 'pack(s)',
    ],
    price: ['€', '$', '£', 'eur', 'euro(s)', 'prix', 'tarif(s)', 'ht', 'ttc'],
    superlative: ['le plus', 'la plus', 'les plus', 'meilleur(e)(s)', 'très', 'ultra', 'super', 'incroyable(s)', 'exceptionnel(le)(s)', 'ultime(s)', 'jamais'],
    legal: [
      'article(s) (l|r|d)', 'conformément', 'loi(s)', 'décret(s)', 'code de la consommation', 'code civil', 'cgv', 'cgu', 'conditions générales',
      'mentions légales', 'responsabilité', 'tribunal', 'tribunaux', 'contrat(s)', 'alinéa(s)', 'règlement', 'directive', 'en vertu',
      'ci-après', 'ci-dessus', 'vendeur', 'acheteur', 'consommateur(s)', 'rétractation', 'litige(s)', 'juridiction(s)', 'rgpd',
      'données personnelles', 'siret', 'rcs', 'capital social',
    ],
    past: ['était', 'étaient', 'fut', 'furent', 'avait', 'avaient', 'fondé(e) en', 'siècle(s)', 'historiquement', 'ancien(ne)(s)'],
  },
  en: {
    second_person: ['you', 'your', 'yours', "you're", "you'll", "you've", "you'd", 'yourself', 'ya'],
    // "us" is counted in sentenceSignals: in capitals it is usually the country ("US House passes…").
    first_plural: ['we', 'our', 'ours', "we're", "we've", "we'll", 'ourselves'],
    first_singular: ['i', "i'm", "i've", "i'd", "i'll", 'my', 'me', 'mine', 'myself'],
    product: [
      'offer(s)', 'product(s)', 'shop', 'store', 'cart', 'basket', 'order(s)', 'deal(s)', 'sale(s)', 'brand(s)', 'collection(s)',
      'subscription(s)', 'checkout', 'item(s)', 'shipping', 'range', 'formula', 'cream', 'serum', 'kit', 'bundle', 'plan(s)',
      'software', 'platform', 'app', 'solution(s)', 'service(s)', 'tool(s)',
    ],
    price: ['€', '$', '£', 'usd', 'eur', 'gbp', 'price(s)', 'pricing', 'per month', '/mo'],
    superlative: ['most', 'best', 'ever', 'ultimate', 'incredible', 'amazing', 'unbeatable', 'greatest', 'finest', 'very', 'super', 'ultra'],
    legal: [
      'pursuant', 'hereby', 'herein', 'hereinafter', 'liability', 'liable', 'terms and conditions', 'terms of use', 'terms of service',
      'disclaimer', 'jurisdiction', 'statute', 'clause(s)', 'shall', 'agreement', 'regulation(s)', 'court', 'plaintiff', 'defendant',
      'governing law', 'privacy policy', 'personal data', 'gdpr', 'indemnify', 'indemnifies',
    ],
    past: ['was', 'were', 'had', 'founded in', 'century', 'centuries', 'formerly', 'historically'],
  },
};

const NEGATION: Record<Lang, string[]> = {
  fr: ['ne', "n'", 'pas', 'jamais', 'aucun(e)', 'sans', 'non', 'ni', 'guère', 'plutôt que'],
  en: ['not', 'no', 'never', "don't", "doesn't", "isn't", "aren't", "wasn't", "weren't", 'without', 'nor', 'neither', 'cannot', "can't", "won't", 'rather than'],
};

const IMPERATIVE: Record<Lang, string[]> = {
  fr: (
    'achetez|achète|commandez|commande|profitez|profite|découvrez|découvre|rejoignez|rejoins|essayez|essaie|offrez|offre-toi|offrez-vous|testez|' +
    "réservez|abonnez|inscrivez|foncez|craquez|choisissez|optez|passez|bénéficiez|économisez|obtenez|téléchargez|adoptez|vivez|osez|faites|prenez|" +
    "ne manquez|ne ratez|ne laissez|n'attendez|dépêchez|hâtez|laissez-vous|gagnez|boostez|augmentez|multipliez|transformez|demandez|contactez|" +
    'trouvez|explorez|shoppez|sublimez|révélez|retrouvez|imaginez|dites|donnez|accédez|activez|commencez|lancez|simplifiez|maximisez|doublez|' +
    'triplez|propulsez|venez|plongez|agissez|soutenez|participez|devenez|libérez|réinventez|redécouvrez|savourez|goûtez|cliquez'
  ).split('|'),
  en: (
    "buy|shop|order|get|grab|save|join|try|discover|unlock|claim|hurry|act|start|sign up|subscribe|book|treat|upgrade|boost|don't miss|do not miss|" +
    "explore|find|enjoy|experience|transform|download|register|reserve|call|choose|go|make|take|see|learn|feel|be|become|switch|supercharge|" +
    "skyrocket|double|triple|10x|maximize|maximise|grow|scale|turn|give|indulge|reveal|elevate|meet|say goodbye|stop|never|don't wait|level up|" +
    'click|pick|add|reach|help|support|fight'
  ).split('|'),
};

const LANG_WORDS: Record<Lang, string[]> = {
  fr: (
    'le la les des du un une et est sont pour avec dans sur vous nous votre vos notre nos qui que ce cette ces au aux pas plus par ne se son sa ' +
    "ses leur leurs mais ou donc car chez tout tous toute toutes très sans entre elle elles il ils je tu ton ta tes moi toi lui cela ceci ici " +
    "déjà encore aussi bien être avoir fait faire avez avons sera seront été était comme depuis dont même offre prix livraison gratuit gratuite " +
    "découvrez profitez client clients produit produits nouveau nouvelle selon après avant pendant contre vers sous chaque aucun aucune peut " +
    "peuvent doit doivent l' d' qu' c' j' n' s' m' jusqu' lorsqu' puisqu'"
  ).split(' '),
  en: (
    'the and of to is are for with you your our we this that these those it its in on be will at from by an as not can all more was were has ' +
    "have had been being which who what when where how there their they them he she his her my me i do does did would should could than then " +
    "into over out up about just only get now new free shop buy today off save best order us don't you're we're it's you'll we'll isn't " +
    "aren't won't can't left customers people"
  ).split(' '),
};

const SIGNAL_INDEX = new Map<Signal, number>(SIGNALS.map((s, i) => [s, i]));

export interface SignalModel {
  signals: Record<Lang, Automaton>;
  negation: Record<Lang, Automaton>;
  imperative: Record<Lang, Automaton>;
  lang: Automaton;
  vocab: Vocabulary;
  ids: { bang: number; question: number; percent: number; us: number };
}

/** Patterns added to an automaton between two yields of buildSignalModelSteps(). */
const PATTERNS_PER_STEP = 20;

function* automaton(vocab: Vocabulary, groups: [number, string[]][]): Generator<void, Automaton> {
  const a = new Automaton(vocab);
  let n = 0;
  for (const [rule, words] of groups)
    for (const w of words) {
      a.add({ rule, priority: 0, branches: parsePattern(w) as PatNode[][] });
      if (++n % PATTERNS_PER_STEP === 0) yield;
    }
  return a;
}

/** The signal model, a bounded piece of work per next() (a page yields between pieces). */
export function* buildSignalModelSteps(vocab: Vocabulary): Generator<void, SignalModel> {
  const signals = {} as Record<Lang, Automaton>;
  const negation = {} as Record<Lang, Automaton>;
  const imperative = {} as Record<Lang, Automaton>;
  // The same order as always (token ids are handed out in the order words are met).
  for (const l of ['fr', 'en'] as const) signals[l] = yield* automaton(vocab, Object.entries(WORDS[l]).map(([s, w]) => [SIGNAL_INDEX.get(s as Signal)!, w!]));
  for (const l of ['fr', 'en'] as const) negation[l] = yield* automaton(vocab, [[0, NEGATION[l]]]);
  for (const l of ['fr', 'en'] as const) imperative[l] = yield* automaton(vocab, [[0, IMPERATIVE[l]]]);
  const lang = yield* automaton(vocab, [
    [0, LANG_WORDS.fr],
    [1, LANG_WORDS.en],
  ]);
  return { signals, negation, imperative, lang, vocab, ids: { bang: vocab.id('!'), question: vocab.id('?'), percent: vocab.id('%'), us: vocab.id('us') } };
}

export function buildSignalModel(vocab: Vocabulary): SignalModel {
  return runSteps(buildSignalModelSteps(vocab));
}

/** Signals of the sentence made of tokens [first, last) of `text`. */
export function sentenceSignals(model: SignalModel, text: string, ts: TokenStream, first: number, last: number, lang: Lang): Set<Signal> {
  const out = new Set<Signal>();
  for (const m of model.signals[lang].scanTokens(ts, first, last)) out.add(SIGNALS[m.rule]!);
  let lastReal = -1;
  for (let k = first; k < last; k++) {
    const s = ts.sym[k]!;
    if (s === model.ids.us && lang === 'en' && !isCountryUS(text, ts, k, last)) out.add('first_plural');
    if (s === model.ids.bang) out.add('exclamation');
    else if (s === model.ids.percent) out.add('percent');
    if (model.vocab.isDigits(s)) out.add('number');
    if (s !== model.ids.bang && model.vocab.isWord(s)) lastReal = k;
  }
  for (let k = Math.max(first, lastReal); k < last; k++) if (ts.sym[k] === model.ids.question) out.add('question');
  // Imperative: the sentence opens with an imperative verb (after bullets or quotes).
  let open = first;
  while (open < last && !model.vocab.isWord(ts.sym[open]!)) open++;
  if (open < last) {
    const m = model.imperative[lang].scanTokens(ts, open, Math.min(last, open + 3));
    if (m.length && m[0]!.firstToken === open) out.add('imperative');
  }
  return out;
}

/**
 * "US" in capitals next to a word that is not in capitals is the country ("US House passes…", "the
 * US market"); "us" and "JOIN US TODAY" are the pronoun.
 */
function isCountryUS(text: string, ts: TokenStream, k: number, last: number): boolean {
  if (text.slice(ts.start[k]!, ts.end[k]!) !== 'US') return false;
  for (const j of [k + 1, k - 1]) {
    if (j < 0 || j >= last) continue;
    const w = text.slice(ts.start[j]!, ts.end[j]!);
    if (/\p{L}/u.test(w)) return w !== w.toUpperCase();
  }
  return true;
}

/** A negation among the three tokens before the claim. */
export function negatedBefore(model: SignalModel, ts: TokenStream, sentenceFirst: number, claimFirst: number, lang: Lang): boolean {
  // Up to three tokens back, not across a clause break (« n'est pas un sport, c'est un mode de vie »).
  let from = claimFirst;
  while (from > sentenceFirst && claimFirst - from < 3 && model.vocab.isWord(ts.sym[from - 1]!)) from--;
  return model.negation[lang].scanTokens(ts, from, claimFirst).length > 0;
}

const FRENCH_ACCENTS = new Uint8Array(0x180);
for (const c of 'éèêàùçôîûœâëïüÉÈÊÀÙÇÔÎÛŒÂËÏÜ') FRENCH_ACCENTS[c.charCodeAt(0)] = 1;

/** Language of tokens [first, last) of text: > 0 French, < 0 English. */
export function langScore(model: SignalModel, text: string, ts: TokenStream, first: number, last: number): number {
  let score = 0;
  for (const m of model.lang.scanTokens(ts, first, last)) score += m.rule === 0 ? 1 : -1;
  if (first < last) {
    let accents = 0;
    for (let k = ts.start[first]!, e = ts.end[last - 1]!; k < e && accents < 3; k++) {
      const c = text.charCodeAt(k);
      if (c >= 0xc0 && c < 0x180 && FRENCH_ACCENTS[c] === 1) accents++;
    }
    score += accents * 0.75;
  }
  return score;
}

export function decide(score: number): Lang | null {
  return score >= 1 ? 'fr' : score <= -1 ? 'en' : null;
}
