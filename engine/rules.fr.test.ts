/**
 * Unit tests of the French rule pack (engine/data/rules.fr.json) through the real detect().
 * Each row: a sentence and the set of categories it must yield ([] = no claim at all).
 * These are tests of the rules, written for them; the evaluation corpus is tests/fixtures/eval.
 */
import { describe, expect, it } from 'vitest';
import pack from './data/rules.fr.json';
import { compilePack, detect, type Category } from './index';
import { RulePackSchema } from './schema';
import { CATEGORIES } from './types';

const NBSP = '\u00a0';
const NNBSP = '\u202f';
const NBHY = '\u2011';

type Row = [string, Category[]];

const POSITIVES: Row[] = [
  // emotional
  ['Offrez-vous enfin la silhouette dont vous rêvez.', ['emotional']],
  ['Retrouvez confiance en vous grâce à notre sérum.', ['emotional']],
  ['Avec ce parfum, vous ne passerez pas inaperçue.', ['emotional']],
  ['Parce que vous le valez bien.', ['emotional']],
  ['Faites-vous plaisir, vous le méritez\u202f!', ['emotional']],
  ['Tombez amoureuse de votre reflet chaque matin.', ['emotional']],
  ['Laissez-vous tenter par une parenthèse de douceur.', ['emotional']],
  ['Vous vous sentirez enfin belle et sûre de vous.', ['emotional']],
  // fear
  ['Ne laissez pas passer cette occasion unique.', ['fear']],
  ['Non merci, je n’aime pas les bonnes affaires.', ['fear']],
  ["Non merci, je n'aime pas les bonnes affaires.", ['fear']],
  ['Votre maison est-elle vraiment protégée contre les cambriolages ?', ['fear']],
  ['Agissez avant qu’il ne soit trop tard.', ['fear']],
  ['Vos concurrents utilisent déjà l’IA : ne restez pas à la traîne.', ['fear']],
  ['Vous risquez de le regretter si vous attendez.', ['fear']],
  // superiority
  ['La marque n°1 en France.', ['superiority']],
  ['Le numéro 1 mondial de la literie.', ['superiority']],
  ['Leader européen du paiement en ligne pour les indépendants.', ['superiority']],
  ['Le meilleur café du marché, tout simplement.', ['superiority']],
  ['Une qualité inégalée à un prix imbattable.', ['superiority']],
  ['Contrairement aux autres marques, nos rasoirs n’irritent pas.', ['superiority']],
  ['Deux fois plus rapide que la concurrence.', ['superiority']],
  ['L’aspirateur le plus puissant du marché.', ['superiority']],
  // urgency
  ['Plus que 2 en stock, commandez vite\u00a0!', ['urgency']],
  ['Il ne reste que 3 exemplaires.', ['urgency']],
  ['Offre limitée : -30 % sur toute la collection.', ['urgency']],
  ['OFFRE LIMITÉE', ['urgency']],
  ['Vente flash : seulement ce week-end.', ['urgency']],
  ['Dépêchez-vous, la promo se termine ce soir.', ['urgency']],
  ['Dernière chance pour profiter de nos prix.', ['urgency']],
  ['Série limitée à 500 pièces numérotées.', ['urgency']],
  ['Victime de son succès, ce modèle part très vite.', ['urgency']],
  // social proof
  ['98 % de clients satisfaits.', ['social_proof']],
  ['98\u00a0% de clients satisfaits.', ['social_proof']],
  ['98% de nos clientes recommandent ce soin.', ['social_proof']],
  ['Noté 4,8/5 par nos acheteurs.', ['social_proof']],
  ['Plus de 10 000 clients nous font confiance.', ['social_proof']],
  ['Ils nous font confiance depuis vingt ans.', ['social_proof']],
  ['Notre meilleure vente de l’année.', ['social_proof']],
  ['Paul, de Nantes, vient d’acheter ce produit.', ['social_proof']],
  ['9 femmes sur 10 le recommandent à leurs amies.', ['social_proof']],
  // environmental
  ['Un emballage éco-responsable et recyclé.', ['environmental']],
  ['Un emballage eco responsable.', ['environmental']],
  [`Des sacs éco${NBHY}responsables pour vos courses.`, ['environmental']],
  ['DES SACS ÉCOLOGIQUES POUR LES COURSES.', ['environmental']],
  ['Une livraison neutre en carbone.', ['environmental']],
  ['Une formule 100 % biodégradable.', ['environmental']],
  ['Un shampoing respectueux de l’environnement.', ['environmental']],
  ['Une mode plus durable, pensée pour la planète.', ['environmental']],
  ['Notre lessive est bonne pour la planète.', ['environmental']],
  // ethical
  ['Un café issu du commerce équitable.', ['ethical']],
  ['Une marque éthique et solidaire.', ['ethical']],
  ['Cosmétiques non testés sur les animaux.', ['ethical']],
  ['Nos artisans sont justement rémunérés.', ['ethical']],
  ['Nous nous engageons pour l’inclusion de chacun.', ['ethical']],
  ['Une banque qui ne finance pas les énergies fossiles.', ['ethical']],
  // customer centric
  ['Le client au cœur de nos préoccupations.', ['customer_centric']],
  ['Chez nous, le client est roi.', ['customer_centric']],
  ['Votre satisfaction est notre priorité.', ['customer_centric']],
  ['Une équipe toujours à votre écoute.', ['customer_centric']],
  ['Satisfait ou remboursé, sans condition.', ['customer_centric']],
  ['Une entreprise orientée client depuis toujours.', ['customer_centric']],
  // purpose
  ['Notre raison d’être : rendre le sport accessible à tous.', ['purpose']],
  ['Notre mission est de simplifier la banque.', ['purpose']],
  ['Nous croyons qu’un autre commerce est possible.', ['purpose']],
  ['Nous sommes une entreprise à mission.', ['purpose']],
  ['Nos valeurs guident chacune de nos décisions.', ['purpose']],
  // personalisation
  ['Recommandé pour vous', ['personalisation']],
  ['Une sélection rien que pour vous.', ['personalisation']],
  ['Un costume sur-mesure, taillé à vos mesures.', ['personalisation']],
  ['Vous aimerez aussi ces articles.', ['personalisation']],
  ['Une routine personnalisée selon votre type de peau.', ['personalisation']],
  ['Les clients ayant acheté cet article ont également acheté…', ['personalisation']],
  // performance
  ['Boostez vos ventes en trois clics.', ['performance']],
  ['Augmentez votre chiffre d’affaires de 30 %.', ['performance']],
  ['Générez plus de leads grâce à nos formulaires.', ['performance']],
  ['Un retour sur investissement garanti.', ['performance']],
  ['Réduisez votre facture d’énergie de 40 %.', ['performance']],
  ['Gagnez 5 heures par semaine sur l’administratif.', ['performance']],
  // community
  ['Rejoignez la communauté !', ['community']],
  ['Rejoignez notre tribu de coureurs.', ['community']],
  ['Plus qu’une marque, un art de vivre.', ['community']],
  ['Bienvenue dans la famille !', ['community']],
  ['Devenez ambassadrice de notre marque.', ['community']],
  // unverifiable
  ['Cliniquement prouvé.', ['unverifiable']],
  ['Une efficacité scientifiquement démontrée.', ['unverifiable']],
  ['Recommandé par les dermatologues.', ['unverifiable']],
  ['Testé sous contrôle dermatologique.', ['unverifiable']],
  ['Des études montrent son efficacité sur la peau.', ['unverifiable']],
  ['Une crème miracle pour votre peau.', ['unverifiable']],
  // paraphrases of the same claim types
  ['Rayonnez de confiance, même sans maquillage.', ['emotional']],
  ['Osez être vous-même.', ['emotional']],
  ['Et si demain, vous perdiez tout ?', ['fear']],
  ['Vos données sont peut-être déjà en danger.', ['fear']],
  ['Il serait dommage de passer à côté.', ['fear']],
  ['Souvent imité, jamais égalé.', ['superiority']],
  ['Personne ne vous rembourse mieux.', ['superiority']],
  ['Vite, il n’en reste que 4 !', ['urgency']],
  ['Cette offre ne durera pas longtemps.', ['urgency']],
  ['Plus de 2 millions d’utilisateurs nous font déjà confiance.', ['social_proof']],
  ['Une cliente de Lille a commandé il y a 5 minutes.', ['social_proof']],
  ['Une alternative durable au plastique jetable.', ['environmental']],
  ['Nous compensons 100 % des émissions de vos trajets.', ['environmental']],
  ['Une entreprise qui emploie des personnes en situation de handicap.', ['ethical']],
  ['Nos couturières sont payées équitablement.', ['ethical']],
  ['Votre satisfaction, notre obsession.', ['customer_centric']],
  ['Chez nous, vous n’êtes pas un numéro.', ['customer_centric']],
  ['Nous existons pour rendre le sport accessible à tous.', ['purpose']],
  ['Parce que vous avez regardé cette série, nous vous suggérons aussi…', ['personalisation']],
  ['Une literie adaptée à votre morphologie.', ['personalisation']],
  ['Économisez jusqu’à 500 € par an sur votre assurance.', ['performance']],
  ['Des rides visiblement réduites en 4 semaines.', ['performance']],
  ['Rencontrez d’autres passionnés lors de nos événements.', ['community']],
  ['Le surf n’est pas un sport, c’est un mode de vie.', ['community']],
  ['Une formule développée avec des dermatologues.', ['unverifiable']],
  ['Recommandé par 9 dentistes sur 10.', ['unverifiable']],
  // two claims in one sentence
  ['Vente flash : plus que 3 en stock, 98 % de clients satisfaits !', ['urgency', 'social_proof']],
  ['Un café équitable et neutre en carbone.', ['ethical', 'environmental']],
];

const NEGATIVES: Row[] = [
  // libre, garanties, offres d'emploi
  ['Installez le logiciel libre LibreOffice pour ouvrir ce fichier.', []],
  ['Ce produit bénéficie de la garantie légale de conformité de deux ans.', []],
  ['Le vendeur est tenu de la garantie des vices cachés.', []],
  ['Consultez nos offres d’emploi dans la rubrique carrières.', []],
  ['Une offre d’emploi sur trois concerne le commerce.', []],
  // meilleur, mieux
  ['Le meilleur moyen de nettoyer le filtre est de le rincer à l’eau claire.', []],
  ['La meilleure façon de cuire les pâtes reste l’eau bouillante salée.', []],
  ['Meilleures salutations, l’équipe support.', []],
  ['C’est selon moi le meilleur restaurant de la ville.', []],
  ['Le Mont-Blanc est le plus haut sommet de France.', []],
  // vert, durable, éco-, naturel
  ['La mairie a inauguré un nouvel espace vert près de la gare.', []],
  ['Le ministre a donné son feu vert au projet.', []],
  ['Ajoutez les haricots verts et laissez cuire.', []],
  ['Le thé vert contient de la caféine.', []],
  ['La vertu est une disposition à faire le bien.', []],
  ['Le gouvernement a présenté sa stratégie de développement durable.', []],
  ['La consommation de biens durables a reculé au troisième trimestre.', []],
  ['La transition écologique est au cœur du débat budgétaire.', []],
  ['L’école du quartier fermera ses portes en juin.', []],
  ['L’économie française a ralenti au printemps.', []],
  ['L’écoute active est essentielle pour les soignants.', []],
  ['Il a passé ses vacances en Écosse.', []],
  ['Les écologistes ont obtenu 12 % des voix.', []],
  ['Le gaz naturel est une énergie fossile.', []],
  ['Ingrédients : eau, sucre, arôme naturel.', []],
  ['Le parc naturel régional s’étend sur trois départements.', []],
  ['Le mode éco réduit la température de lavage.', []],
  // unique, exclusif, garanti, communauté, mission
  ['Il était fils unique et vivait chez sa mère.', []],
  ['La monnaie unique a été introduite en 2002.', []],
  ['La communauté de communes gère la collecte des déchets.', []],
  ['La communauté scientifique reste divisée sur la question.', []],
  ['La sonde a rempli sa mission avant de se désintégrer.', []],
  ['Le leader du syndicat a appelé à la grève.', []],
  ['Le commerce équitable est apparu aux Pays-Bas à la fin des années 1980.', []],
  ['Le comité d’éthique rendra son avis en mars.', []],
  ['Il a été engagé comme figurant sur un tournage.', []],
  // legal notices, CGV, shipping, ui
  ['Offre valable dans la limite des stocks disponibles.', []],
  ['Conformément à la loi, vous disposez d’un droit de rétractation de 14 jours.', []],
  ['Les présentes conditions générales de vente s’appliquent à toute commande.', []],
  ['Livraison offerte dès 50 € d’achat.', []],
  ['Les retours sont acceptés sous 30 jours.', []],
  ['En stock, expédié sous 24 h.', []],
  ['Derniers articles publiés', []],
  ['Dernière mise à jour : 3 mars.', []],
  ['Sélectionnez « Paramètres personnalisés » dans le menu.', []],
  ['Votre commande a bien été expédiée.', []],
  ['Envoyez-nous votre dossier par lettre recommandée.', []],
  ['Nous utilisons des cookies de personnalisation.', []],
  // manuals, news, encyclopaedic
  ['Appuyez trois secondes sur le bouton pour allumer l’appareil.', []],
  ['Le capteur mesure la température toutes les dix minutes.', []],
  ['Il ne reste que trois jours avant la clôture des listes électorales.', []],
  ['Le chiffre d’affaires du groupe a progressé de 4 % au premier semestre.', []],
  ['Les ventes de voitures électriques ont augmenté de 15 % en 2023.', []],
  ['Plus de 100 personnes se trouvaient dans l’usine au moment de l’explosion.', []],
  ['La Loire est le plus long fleuve de France.', []],
  ['Le théorème a été prouvé en 1995 par Andrew Wiles.', []],
  ['L’expert-comptable certifie les comptes annuels.', []],
  ['Les cheminots ont rejoint le mouvement de grève.', []],
  ['Ces derniers jours, l’action a gagné 5 %.', []],
  ['Le festival a attiré 80 000 spectateurs cette année.', []],
  // honest reviews, forum, e-mails
  ['Je l’utilise depuis deux mois, rien d’extraordinaire.', []],
  ['Le colis est arrivé en retard mais le produit fonctionne.', []],
  ['Je ne regrette pas mon achat, même si la batterie est faible.', []],
  ['Pourriez-vous me renvoyer le contrat signé avant vendredi ?', []],
  ['Nous avons bien reçu votre demande et vous répondrons sous 48 heures.', []],
  // news and manuals using the same words
  ['Le club a remporté son troisième titre, un record inégalé.', []],
  ['Le match se termine ce soir à 21 h au Stade de France.', []],
  ['La commune vise la neutralité carbone d’ici 2050.', []],
  ['Ce poste est fait pour vous si vous aimez le travail en équipe.', []],
  ['Le livre s’est vendu à 50 000 exemplaires en France, selon l’éditeur.', []],
  ['Selon une étude de l’Insee, le chômage a baissé au troisième trimestre.', []],
  ['Le vendeur s’engage à livrer la commande dans un délai de 30 jours.', []],
  ['La vente aux enchères se termine dimanche à 18 h.', []],
  ['L’hôtel, classé cinq étoiles, domine la baie.', []],
  ['Le médicament a été approuvé par l’Agence européenne du médicament.', []],
  ['La majorité des entreprises affirment avoir une orientation client.', []],
  ['Le gouvernement veut réduire la facture énergétique des ménages de 10 %.', []],
  ['Les prix de l’immobilier ont augmenté de 5 % en un an.', []],
  ['Le maire s’est engagé pour la rénovation de l’école.', []],
  ['Le médecin recommande de boire un litre et demi d’eau par jour.', []],
  ['Pour garantir une cuisson homogène, retournez le gâteau à mi-cuisson.', []],
  ['Le produit est garanti deux ans pièces et main-d’œuvre.', []],
  ['Le service client est joignable du lundi au vendredi de 9 h à 18 h.', []],
  ['Les données personnelles sont traitées conformément au RGPD.', []],
  ['Le film a reçu le prix du meilleur scénario à Cannes.', []],
  ['La population de la ville a doublé en trente ans.', []],
  ['Les énergies renouvelables représentent 20 % de la production électrique.', []],
  ['La forêt amazonienne est menacée par la déforestation.', []],
  ['Il ne reste que deux matchs avant la fin du championnat.', []],
  ['Le modèle existe en trois tailles : S, M et L.', []],
  ['Batterie : 4 000 mAh, autonomie annoncée de 12 heures.', []],
  ['La garantie commerciale ne couvre pas les dommages causés par une chute.', []],
  ['Le leader de l’opposition a dénoncé la réforme.', []],
  ['La communauté internationale appelle à un cessez-le-feu.', []],
  ['Nous vous recommandons de sauvegarder vos données avant la mise à jour.', []],
  ['Le tarif réduit est réservé aux étudiants et aux demandeurs d’emploi.', []],
  ['Le spectacle a attiré plus de 2 000 personnes.', []],
  ['Les bénévoles de l’association distribuent des repas chaque semaine.', []],
  ['Une étude clinique a été menée sur 300 patients à l’hôpital de Lyon.', []],
  ['Ce tutoriel explique comment configurer un serveur web.', []],
  ['J’ai acheté ce canapé il y a un an, il est confortable mais se salit vite.', []],
  ['Hôtel correct, chambre propre, petit-déjeuner un peu cher.', []],
  // negated or questioned claims
  ['Ce produit n’est pas neutre en carbone.', []],
];

const ROWS: Row[] = [...POSITIVES, ...NEGATIVES];

function categoriesOf(text: string): Category[] {
  return [...new Set(detect(text).map((c) => c.category))].sort();
}

describe('rules.fr.json', () => {
  it('is a valid rule pack that compiles', () => {
    expect(RulePackSchema.safeParse(pack).success).toBe(true);
    const r = compilePack(pack);
    expect(r.ok).toBe(true);
  });

  it('has rules for all 13 categories', () => {
    const cats = new Set(pack.rules.map((r) => r.category));
    for (const c of CATEGORIES) expect(cats.has(c), c).toBe(true);
  });

  it('the table covers every category and is about half negatives', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(120);
    const covered = new Set(POSITIVES.flatMap(([, cats]) => cats));
    for (const c of CATEGORIES) expect(covered.has(c), c).toBe(true);
    expect(NEGATIVES.length / ROWS.length).toBeGreaterThan(0.4);
  });
});

describe('French claims', () => {
  it.each(POSITIVES)('%s → %j', (text, expected) => {
    expect(categoriesOf(text)).toEqual([...expected].sort());
  });
});

describe('French ordinary text stays quiet', () => {
  it.each(NEGATIVES)('%s', (text) => {
    expect(detect(text).map((c) => `${c.category}:${c.text}`)).toEqual([]);
  });
});

describe('claim spans', () => {
  it.each(POSITIVES)('offsets and span of %s', (text) => {
    const claims = detect(text);
    expect(claims.length).toBeGreaterThan(0);
    for (const c of claims) {
      expect(text.slice(c.start, c.end)).toBe(c.text);
      expect(c.lang).toBe('fr');
      expect(c.score).toBeGreaterThanOrEqual(0.5);
      // figures such as « 4,8/5 » or « n°1 » may come from an anyLang rule of either pack
      expect(c.ruleId).toMatch(/^(fr|en)\./);
      expect(c.sentenceStart).toBeLessThanOrEqual(c.start);
      expect(c.sentenceEnd).toBeGreaterThanOrEqual(c.end);
    }
  });

  it.each<[string, string]>([
    ['Profitez-en : plus que 2 en stock sur ce modèle.', 'plus que 2 en stock'],
    ['Nos sacs sont éco-responsables et solides.', 'éco-responsables'],
    ['Depuis dix ans, le client au cœur de nos préoccupations.', 'le client au cœur de'],
    ['Pour les fêtes, une sélection recommandée pour vous par nos équipes.', 'recommandée pour vous'],
    ['Vraiment, 98 % de clients satisfaits cette année encore.', '98 % de clients satisfaits'],
    ['Découvrez notre gamme neutre en carbone dès aujourd’hui.', 'neutre en carbone'],
  ])('in %s the claim is « %s », not the sentence', (text, phrase) => {
    const claims = detect(text);
    expect(claims.map((c) => c.text)).toContain(phrase);
    for (const c of claims) expect(c.end - c.start).toBeLessThan(text.length);
  });
});

describe('French typography', () => {
  it.each<[string, string]>([
    ['curly apostrophe', 'Une offre limitée, c’est l’occasion.'],
    ['straight apostrophe', "Une offre limitée, c'est l'occasion."],
    ['no accents', 'Une offre limitee, c est l occasion.'],
    ['upper case', 'UNE OFFRE LIMITÉE !'],
    ['NBSP before !', `Une offre limitée${NBSP}!`],
    ['NNBSP before !', `Une offre limitée${NNBSP}!`],
    ['inside guillemets', `«${NBSP}Offre limitée${NBSP}» sur la collection.`],
  ])('%s', (_name, text) => {
    const claims = detect(text);
    expect(claims.map((c) => c.category)).toEqual(['urgency']);
    for (const c of claims) expect(text.slice(c.start, c.end)).toBe(c.text);
  });

  it.each<[string, string]>([
    ['98 % (space)', '98 % de clients satisfaits'],
    ['98\u00a0% (NBSP)', `98${NBSP}% de clients satisfaits`],
    ['98\u202f% (NNBSP)', `98${NNBSP}% de clients satisfaits`],
    ['98% (none)', '98% de clients satisfaits'],
    ['4,8/5', 'Noté 4,8/5 par nos clients'],
    ['12 000', 'Déjà 12 000 clients satisfaits'],
    [`12${NNBSP}000`, `Déjà 12${NNBSP}000 clients satisfaits`],
  ])('figures: %s', (_name, text) => {
    expect(categoriesOf(text)).toContain('social_proof');
  });

  it.each<[string, string]>([
    ['n°1', 'Le n°1 du marché.'],
    ['nº1', 'Le nº1 du marché.'],
    ['n° 1', 'Le n° 1 du marché.'],
    ['numéro 1', 'Le numéro 1 du marché.'],
    ['numero un', 'Le numero un du marché.'],
  ])('rank: %s', (_name, text) => {
    expect(categoriesOf(text)).toEqual(['superiority']);
  });

  it.each<[string, Category]>([
    ['Une marque engagée pour la planète.', 'ethical'],
    ['Des marques engagées pour la planète.', 'ethical'],
    ['Un produit engagé pour la planète.', 'ethical'],
    ['Des produits engagés pour la planète.', 'ethical'],
    ['Des sélections personnalisées pour vous.', 'personalisation'],
    ['Élue meilleure marque de l’année par nos clientes.', 'social_proof'],
    ['Devenez ambassadeur de la marque.', 'community'],
    ['Devenez ambassadrice de la marque.', 'community'],
  ])('word forms: %s', (text, cat) => {
    expect(categoriesOf(text)).toContain(cat);
  });
});
