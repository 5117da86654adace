/**
 * Context signals of the sentence around a candidate claim (see SIGNALS in engine/schema.ts).
 * Works on folded text (lower case, no accents, "'" apostrophes).
 */
import type { Signal } from './schema';
import type { Lang } from './types';

const B = '(?<![a-z0-9])';
const E = '(?![a-z0-9])';
const words = (list: string) => new RegExp(`${B}(?:${list})${E}`);

const RX: Record<Lang, Partial<Record<Signal, RegExp>>> = {
  fr: {
    second_person: words("vous|votre|vos|tu|ton|ta|tes|toi|t'|vôtre"),
    first_plural: words('nous|notre|nos|notre equipe'),
    first_singular: /(?<![a-z0-9])(?:je|j'|moi|mon|ma|mes|m')(?![a-z0-9])/,
    product: words(
      'offres?|produits?|gammes?|collections?|commandes?|livraisons?|panier|boutique|articles?|promos?|promotions?|soldes|marques?|abonnements?|achats?|soins?|formules?|creme|serum|modeles?|services?|solutions?|logiciels?|plateformes?|appli|application|forfaits?|boxs?|kits?|packs?',
    ),
    price: /[€$£]|(?<![a-z])(?:eur|euros?|prix|tarifs?|ht|ttc)(?![a-z])|\d+[,.]\d{2}(?!\d)/,
    superlative: words('le plus|la plus|les plus|meilleure?s?|tres|ultra|super|incroyables?|exceptionnel(?:le)?s?|ultime|jamais'),
    legal: words(
      "articles? l|conformement|loi|lois|decret|code de la consommation|code civil|cgv|cgu|conditions generales|mentions legales|responsabilite|tribunal|tribunaux|contrat|alinea|reglement|directive|en vertu|ci-apres|ci-dessus|vendeur|acheteur|consommateur|retractation|litige|juridiction|rgpd|donnees personnelles|siret|rcs|capital social",
    ),
    past: words('etait|etaient|fut|furent|avait|avaient|fonde en|en 1[0-9]{3}|en 20[0-9]{2}|siecle|ancien|ancienne|historiquement'),
    negation: words("ne|n'|pas|jamais|aucun|aucune|sans|non|ni|guere|plutot que"),
  },
  en: {
    second_person: words("you|your|yours|you're|you'll|you've|you'd|yourself|ya"),
    first_plural: words("we|our|ours|us|we're|we've|we'll|ourselves"),
    first_singular: words("i|i'm|i've|i'd|i'll|my|me|mine|myself"),
    product: words(
      'offers?|products?|shop|store|cart|basket|orders?|deals?|sales?|brands?|collections?|subscriptions?|checkout|items?|shipping|range|formula|cream|serum|kit|bundle|plans?|software|platform|app|solution|services?|tool',
    ),
    price: /[€$£]|(?<![a-z])(?:usd|eur|gbp|price|prices|pricing|per month|\/mo)(?![a-z])|\d+\.\d{2}(?!\d)/,
    superlative: words('most|best|ever|ultimate|incredible|amazing|unbeatable|greatest|finest|very|super|ultra'),
    legal: words(
      "pursuant|hereby|herein|hereinafter|liability|liable|terms and conditions|terms of (?:use|service)|disclaimer|jurisdiction|statute|clause|shall|agreement|regulation|act of|court|plaintiff|defendant|warranty is|governing law|privacy policy|personal data|gdpr|indemnif(?:y|ies)",
    ),
    past: words('was|were|had|founded in|in 1[0-9]{3}|in 20[0-9]{2}|century|formerly|historically'),
    negation: words("not|no|never|don't|doesn't|isn't|aren't|wasn't|weren't|without|nor|neither|cannot|can't|won't|rather than"),
  },
};

const IMPERATIVE: Record<Lang, RegExp> = {
  fr: new RegExp(
    '^[\\s"«“(*•\\-–—>]*(?:' +
      "achetez|achete|commandez|commande|profitez|profite|decouvrez|decouvre|rejoignez|rejoins|essayez|essaie|offrez|offre-toi|offrez-vous|testez|reservez|abonnez|inscrivez|foncez|craquez|choisissez|optez|passez|beneficiez|economisez|obtenez|telechargez|adoptez|vivez|osez|faites|prenez|ne manquez|ne ratez|ne laissez|n'attendez|depechez|hatez|laissez-vous|gagnez|boostez|augmentez|multipliez|transformez|demandez|contactez|trouvez|explorez|shoppez|sublimez|revelez|retrouvez|imaginez|dites|donnez|faites-vous|accedez|activez|commencez|lancez|simplifiez|maximisez|doublez|triplez|propulsez|rejoignez-nous|venez|plongez|agissez|soutenez|participez|devenez|libérez|liberez|reinventez|redecouvrez|savourez|goutez|cliquez" +
      ')(?![a-z])',
  ),
  en: new RegExp(
    '^[\\s"“(*•\\-–—>]*(?:' +
      "buy|shop|order|get|grab|save|join|try|discover|unlock|claim|hurry|act|start|sign up|subscribe|book|treat|upgrade|boost|don't miss|do not miss|explore|find|enjoy|experience|transform|download|register|reserve|call|choose|go|make|take|see|learn|feel|be|become|switch|supercharge|skyrocket|double|triple|10x|maximize|maximise|grow|scale|turn|give|discover|indulge|reveal|elevate|meet|say goodbye|stop|never|don't wait|upgrade|level up|act now|shop now|click|pick|add|reach|help|support|fight" +
      ')(?![a-z])',
  ),
};

export function sentenceSignals(folded: string, lang: Lang): Set<Signal> {
  const out = new Set<Signal>();
  const rx = RX[lang];
  for (const [sig, re] of Object.entries(rx) as [Signal, RegExp][]) {
    if (sig === 'negation') continue; // local to the claim, see claimSignals
    if (re.test(folded)) out.add(sig);
  }
  if (IMPERATIVE[lang].test(folded)) out.add('imperative');
  if (folded.includes('!')) out.add('exclamation');
  if (/\d/.test(folded)) out.add('number');
  if (folded.includes('%')) out.add('percent');
  if (/\?\s*["»”)]*\s*$/.test(folded)) out.add('question');
  return out;
}

/** Signals that depend on where the claim sits in its sentence: a negation just before it. */
export function localSignals(foldedBefore: string, lang: Lang): Signal[] {
  // The three words before the claim.
  const tail = foldedBefore.slice(-40).split(/\s+/).slice(-4).join(' ');
  return RX[lang].negation!.test(tail) ? ['negation'] : [];
}
