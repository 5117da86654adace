/**
 * The English rule pack (engine/data/rules.en.json), tested through the real detect(): claims as
 * shops, landing pages and pop-ups write them, and the ordinary text around them that must stay quiet
 * (greetings, legal notices, manuals, news, encyclopaedic prose, honest reviews).
 */
import { describe, expect, it } from 'vitest';
import rulesEn from './data/rules.en.json';
import { compilePack, detect } from './index';
import { RulePackSchema } from './schema';
import { CATEGORIES, type Category } from './types';

const categoriesOf = (text: string): Category[] => [...new Set(detect(text).map((c) => c.category))].sort();

// [sentence, expected categories (sorted), or [] when the sentence is not a claim]
const POSITIVES: [string, Category[]][] = [
  // emotional
  ['Be the envy of all your friends this summer.', ['emotional']],
  ['Treat yourself — you deserve it!', ['emotional']],
  ['Look years younger and feel confident again.', ['emotional']],
  ['This serum will transform your skin and your confidence.', ['emotional']],
  ['Turn heads wherever you go.', ['emotional']],
  // fear, confirmshaming
  ['Don’t miss out on the sale of the year!', ['fear']],
  ["Don't miss out — before it's too late.", ['fear']],
  ['No thanks, I don’t want to save money.', ['fear']],
  ["NO THANKS, I'D RATHER PAY FULL PRICE", ['fear']],
  ['Your competitors are already using AI to win your customers.', ['fear']],
  ['Tired of paying too much for car insurance?', ['fear']],
  // superiority
  ['The #1 brand of running shoes in America.', ['superiority']],
  ['Voted No. 1 brand for customer service.', ['superiority']],
  ['Our best-in-class support team answers within minutes.', ['superiority']],
  ['Unlike other brands, our mattress never sags.', ['superiority']],
  ['Quite simply the best pizza in town.', ['superiority']],
  ['Why pay more? We beat any price.', ['superiority']],
  ['The number one choice of dentists.', ['superiority']],
  // urgency
  ['Only 2 left in stock - order soon.', ['urgency']],
  ['Hurry! Sale ends tonight.', ['urgency']],
  ['Limited-time offer: 20% off all shoes.', ['urgency']],
  ['Limited time only!', ['urgency']],
  ['Offer ends in 3 days.', ['urgency']],
  ['Your cart is reserved for 10:00 minutes.', ['urgency']],
  ['Selling fast — almost gone!', ['urgency']],
  ['Less than 10 remaining in stock.', ['urgency']],
  // social proof
  ['Rated 4.9/5 by 10,000+ customers.', ['social_proof']],
  ['98% of customers would recommend us.', ['social_proof']],
  ['Join over 2 million happy customers.', ['social_proof']],
  ['23 people are viewing this right now.', ['social_proof']],
  ['Someone in Austin, Texas just bought this jacket.', ['social_proof']],
  ['Our bestseller is finally here.', ['social_proof']],
  ['Trusted by 5,000 businesses worldwide.', ['social_proof']],
  ['4.8 out of 5 stars from 2,300 reviews.', ['social_proof']],
  ['Read our 5-star reviews.', ['social_proof']],
  // environmental
  ['Our eco-friendly packaging is 100% recyclable.', ['environmental']],
  ['Eco friendly bottles, made from recycled plastic.', ['environmental']],
  ['Ecofriendly and carbon neutral shipping.', ['environmental']],
  ['We are a climate positive company.', ['environmental']],
  ['Plastic-free, biodegradable and compostable.', ['environmental']],
  ['Shop our sustainable fashion collection.', ['environmental']],
  // ethical
  ['Cruelty-free and never tested on animals.', ['ethical']],
  ['Fair trade coffee, ethically sourced from small farms.', ['ethical']],
  ['For every pair sold, we donate a pair to a child in need.', ['ethical']],
  ['We care about the people who make our clothes.', ['ethical']],
  // customer-centric
  ["We're customer-obsessed.", ['customer_centric']],
  ['Our customers are at the heart of everything we do.', ['customer_centric']],
  ['Your satisfaction is our top priority.', ['customer_centric']],
  ['We put customers first, always.', ['customer_centric']],
  // purpose
  ['Our mission is to make healthy food affordable for everyone.', ['purpose']],
  ['We exist to help small businesses thrive.', ['purpose']],
  ['A purpose-driven company, born from a passion for the outdoors.', ['purpose']],
  // personalisation
  ['Picked for you, based on your browsing history.', ['personalisation']],
  ['Recommended for you', ['personalisation']],
  ['A skincare routine tailored to your skin type.', ['personalisation']],
  ['You might also like these sneakers.', ['personalisation']],
  // performance
  ['10x your leads in 30 days.', ['performance']],
  ['Boost your sales with our AI assistant.', ['performance']],
  ['Double your revenue without hiring.', ['performance']],
  ['Lose 10 pounds in 2 weeks.', ['performance']],
  ['Save up to 30% on your energy bill.', ['performance']],
  // community
  ['Join the movement.', ['community']],
  ['Join our community of 50,000 runners.', ['community']],
  ["It's not just a bike, it's a lifestyle.", ['community']],
  ['Welcome to the family!', ['community']],
  // unverifiable proof
  ['Clinically proven to reduce wrinkles.', ['unverifiable']],
  ['Dermatologist-tested and hypoallergenic.', ['unverifiable']],
  ['Recommended by leading experts.', ['unverifiable']],
  ['Backed by science.', ['unverifiable']],
  ['Lab tested for purity.', ['unverifiable']],
  // two claims in one sentence
  ['Hurry, only 3 left — don’t miss out!', ['fear', 'urgency']],
  ["America's favourite mattress, trusted by 1 million customers.", ['social_proof', 'superiority']],
];

const NEGATIVES: string[] = [
  // greetings and idioms
  'Best regards, Anna',
  'Best,\nTom',
  "I'll fix it as best as I can.",
  'I tried my best, but the bus had already left.',
  'He is my best friend.',
  'The film won the award for best picture.',
  'No thanks.',
  // technical and plain uses of trigger words
  'This is free software released under the GPL.',
  'Acme Holdings Limited is a limited liability company registered in England.',
  'Limited warranty: parts are covered for one year.',
  'Natural language processing is a field of computer science.',
  'Natural gas prices rose again this winter.',
  'The council gave the green light to the new bridge.',
  'The Green Party won two seats.',
  'Add the green beans and simmer for ten minutes.',
  'Green tea contains antioxidants.',
  'The mayor plans a new green space near the park.',
  'What is the best way to configure the router?',
  'Functions are first-class citizens in JavaScript.',
  'Organic chemistry studies carbon compounds.',
  'Carbon dating shows the bones are 3,000 years old.',
  'Mutually exclusive events cannot happen at the same time.',
  'She tested positive for the virus.',
  'Djokovic returned to world No. 1 after the tournament.',
  '3 left the meeting early.',
  // economics, politics and news
  'Sustainable growth requires stable public finances.',
  'The deal was signed on Tuesday after long talks.',
  'The meeting ended in a deal between the two parties.',
  'The opposition leader called for new elections.',
  'Stocks fell sharply on Monday as investors worried about inflation.',
  'The company reported a 12% increase in revenue last year.',
  'He was the market leader’s chief executive until 2010.',
  'Only three days remain before voter registration closes.',
  'Researchers said the results were not clinically significant.',
  'The exclusive interview will air on Sunday.',
  'The scientific community welcomed the findings.',
  'The survey shows 40% of voters are undecided.',
  'A leading expert in tropical diseases spoke at the conference.',
  'Floods ease; 300,000 left homeless.',
  // legal, terms, shipping, cookies
  'These terms and conditions govern your use of the site.',
  'The fair trial was guaranteed by the constitution.',
  'Free shipping on orders over $50.',
  'We use cookies to improve your experience on our site.',
  'Returns are accepted within 30 days of delivery.',
  'You may return unused items within 14 days for a refund.',
  'Please fill in the satisfaction survey after your stay.',
  'Prices include VAT.',
  'Our office is closed on public holidays.',
  'Our mission statement is available in the annual report.',
  // manuals, docs, specs, recipes
  'Press the power button for five seconds to reset the device.',
  'To install the package, run npm install.',
  'Click Save to keep your changes.',
  'Your password must contain at least 8 characters.',
  'The battery lasts up to 10 hours.',
  'Dimensions: 30 x 20 x 10 cm; weight: 1.2 kg.',
  'Cook the pasta for 10 minutes, then drain.',
  'Join us for the annual meeting on Friday at 10 am.',
  'Customers can contact support by email.',
  'Thanks for your order! It will ship within 2 business days.',
  // encyclopaedic prose and honest first-person text
  'Paris is the capital and most populous city of France.',
  'The bridge was built in 1932 and renovated in 2005.',
  'In the 19th century the town was known for its textile mills.',
  'The museum has a limited collection of Roman coins.',
  'I bought these shoes last month and they fit well.',
  "I'm tired of waiting for the bus every morning.",
  'The restaurant was packed, and the food was great.',
  'He left the company in 2019 to start his own business.',
];

describe('rules.en.json', () => {
  it('is a valid pack that compiles', () => {
    expect(RulePackSchema.safeParse(rulesEn).success).toBe(true);
    const r = compilePack(rulesEn);
    expect(r.ok ? 'ok' : r.error).toBe('ok');
  });

  it('has rules for all thirteen categories', () => {
    const covered = new Set(rulesEn.rules.map((r) => r.category));
    expect(CATEGORIES.filter((c) => !covered.has(c))).toEqual([]);
  });

  it('has about as many negative rows as positive ones, and every category among the positives', () => {
    expect(POSITIVES.length + NEGATIVES.length).toBeGreaterThanOrEqual(120);
    expect(NEGATIVES.length).toBeGreaterThanOrEqual(POSITIVES.length * 0.8);
    const seen = new Set(POSITIVES.flatMap(([, c]) => c));
    expect(CATEGORIES.filter((c) => !seen.has(c))).toEqual([]);
  });
});

describe('English claims are found', () => {
  it.each(POSITIVES)('%j → %j', (text, expected) => {
    expect(categoriesOf(text)).toEqual(expected);
  });
});

describe('ordinary English text stays quiet', () => {
  it.each(NEGATIVES)('%j', (text) => {
    expect(detect(text).map((c) => `${c.category}:${c.text}`)).toEqual([]);
  });
});

describe('claim spans are the claim phrase, as written', () => {
  // [text, expected "category:span" list]
  it.each<[string, string[]]>([
    ['Only 2 left in stock - order soon.', ['urgency:Only 2 left in stock']],
    ['Rated 4.9/5 by 10,000+ customers.', ['social_proof:Rated 4.9/5', 'social_proof:10,000+ customers']],
    ['Our eco-friendly packaging is 100% recyclable.', ['environmental:eco-friendly', 'environmental:100% recyclable']],
    ['Eco friendly bottles, made from recycled plastic.', ['environmental:Eco friendly', 'environmental:made from recycled']],
    ['Ecofriendly refills.', ['environmental:Ecofriendly']],
    ["We're customer-obsessed.", ['customer_centric:customer-obsessed']],
    ['Don’t miss out — before it’s too late.', ['fear:Don’t miss out', 'fear:before it’s too late']],
    ["Don't miss out!", ["fear:Don't miss out"]],
    ['10x your leads in 30 days.', ['performance:10x your leads']],
    ['The #1 brand of running shoes.', ['superiority:#1']],
    ['Voted No. 1 brand for customer service.', ['superiority:No. 1 brand']],
    ['98% of customers would recommend us.', ['social_proof:98% of customers would recommend']],
    ['98 % of customers would recommend us.', ['social_proof:98 % of customers would recommend']],
    ['Join 10,000+ customers.', ['social_proof:Join 10,000+ customers']],
    ['Read our 5-star reviews.', ['social_proof:5-star reviews']],
    ['Picked for you', ['personalisation:Picked for you']],
    ['Clinically proven formula.', ['unverifiable:Clinically proven']],
    ['Join the movement.', ['community:Join the movement']],
    ['Our mission is to end plastic waste.', ['purpose:Our mission is']],
    ['Cruelty-free lipstick.', ['ethical:Cruelty-free']],
    ['Be the envy of your friends.', ['emotional:Be the envy of']],
    ['Order now\u00a0: only\u00a03 left!', ['urgency:Order now', 'urgency:only\u00a03 left']],
    ['Hurry, this style is selling fast and we only have 4 left in your size.', ['urgency:Hurry,', 'urgency:selling fast', 'urgency:we only have 4 left']],
  ])('%j → %j', (text, expected) => {
    const claims = detect(text);
    expect(claims.map((c) => `${c.category}:${c.text}`)).toEqual(expected);
    for (const c of claims) {
      expect(text.slice(c.start, c.end)).toBe(c.text);
      expect(c.lang).toBe('en');
      // In a sentence, the span is the phrase; only a bare interface string is claimed whole.
      if (text.split(/\s+/).length > 4) expect(c.text.length).toBeLessThan(text.trim().length);
      expect(c.sentenceStart).toBeLessThanOrEqual(c.start);
      expect(c.sentenceEnd).toBeGreaterThanOrEqual(c.end);
    }
  });

  it('reports every claim of a paragraph with offsets into the whole input', () => {
    const text = 'Welcome to our shop.\n\nOnly 3 left in stock! Rated 4.8/5 by our customers.\nOur packaging is plastic-free.';
    const claims = detect(text);
    expect(claims.map((c) => c.category)).toEqual(['urgency', 'social_proof', 'environmental']);
    for (const c of claims) expect(text.slice(c.start, c.end)).toBe(c.text);
  });
});

describe('context moves the score', () => {
  const scoreOf = (text: string, ruleId: string) => detect(text, { threshold: 0 }).find((c) => c.ruleId === ruleId)?.score ?? 0;

  it('a selling sentence scores the best above a neutral one', () => {
    expect(scoreOf('Order now: our roast is the best!', 'en.superiority.best-weak')).toBeGreaterThan(scoreOf('We think the best coffee is brewed slowly.', 'en.superiority.best-weak'));
  });

  it('legal text lowers an environmental claim below the threshold', () => {
    const legal = 'Pursuant to the regulation, the seller shall not describe goods as biodegradable without evidence.';
    expect(detect(legal)).toEqual([]);
    expect(scoreOf(legal, 'en.env.strong')).toBeLessThan(0.5);
    expect(scoreOf('Our bags are biodegradable.', 'en.env.strong')).toBeGreaterThanOrEqual(0.5);
  });

  it('a first-person review scores lower than the same praise addressed to the reader', () => {
    expect(scoreOf('I feel great in it.', 'en.emotional.feel')).toBeLessThan(0.5);
    expect(scoreOf('You will feel great in it!', 'en.emotional.feel')).toBeGreaterThanOrEqual(0.5);
  });

  it('confirmshaming is not lowered by its own "I don\'t"', () => {
    expect(scoreOf("No thanks, I don't like saving money", 'en.fear.confirmshaming')).toBeGreaterThanOrEqual(0.7);
  });
});
