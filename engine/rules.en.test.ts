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

// Paraphrase families (issue 2): the same claim types as real pages word them, beyond the first
// phrasings, each with the span that is flagged. Rows are ours, written from real-world patterns.
const PARAPHRASES: [string, string[]][] = [
  // emotional: deserving, thanks from your body, the life you always wanted, confidence, moments
  ['You deserve a holiday you’ll never forget.', ['emotional:You deserve a holiday']],
  ['Your skin will thank you.', ['emotional:skin will thank you']],
  ["Live the life you've always dreamed of.", ["emotional:the life you've always dreamed of"]],
  ['Smile with confidence again.', ['emotional:Smile with confidence']],
  ['Every bite is a little moment of happiness.', ['emotional:little moment of happiness']],
  ['Confidence looks good on you.', ['emotional:looks good on you']],
  ['Turn your bathroom into a spa-like retreat.', ['emotional:Turn your bathroom into a spa']],
  // fear: loss, risk, the worst that could happen, confirmshaming in other words
  ['Without proper cover, one accident could wipe out your savings.', ['fear:could wipe out your savings']],
  ['Is your skincare routine secretly damaging your skin?', ['fear:secretly damaging your']],
  ['Every day you wait is costing you money.', ['fear:Every day you wait is', 'fear:costing you money']],
  ["You're one click away from losing your data.", ['fear:one click away from losing']],
  ["Don't let a cyber attack put you out of business.", ["fear:Don't let a cyber attack put you"]],
  ["No thanks, I don't care about my health.", ["fear:No thanks, I don't"]],
  ['No, I prefer to stay uninformed.', ['fear:I prefer to stay uninformed']],
  // superiority: a superlative with its field, a rival, a price comparison
  ['Better coverage than any other network.', ['superiority:Better coverage than any other']],
  ['The most comfortable shoe you will ever wear.', ['superiority:The most comfortable shoe you will ever']],
  ['Often imitated, never equalled.', ['superiority:Often imitated, never equalled']],
  ["Quality you won't find anywhere else.", ["superiority:Quality you won't find anywhere else"]],
  ['Premium quality at a fraction of the price.', ['superiority:Premium quality at a fraction']],
  ['Why settle for less?', ['superiority:Why settle for less']],
  ["The UK's best-value mobile network.", ["superiority:UK's best-value"]],
  // urgency: deadlines and scarcity in other words
  ['This deal disappears at midnight.', ['urgency:This deal disappears at']],
  ['Offer valid until Sunday only.', ['urgency:valid until Sunday only']],
  ['Final clearance: everything must go!', ['urgency:Final clearance', 'urgency:everything must go']],
  ['Sign up by Friday to lock in this price.', ['urgency:Sign up by Friday to lock in']],
  ['Book before 31 May to save 20%.', ['urgency:before 31 May to save']],
  ['Enrolment closes soon — secure your place now.', ['urgency:Enrolment closes soon', 'urgency:secure your place now']],
  // social proof: crowds, press, awards, ratings written out
  ['One sold every 10 seconds.', ['social_proof:One sold every 10 seconds']],
  ['Featured in Vogue, Elle and Harper’s Bazaar.', ['social_proof:Featured in Vogue']],
  ['Over 1 million downloads.', ['social_proof:Over 1 million downloads']],
  ['See why 2 million drivers switched to us.', ['social_proof:why 2 million drivers switched to']],
  ['4.6 stars on the App Store.', ['social_proof:4.6 stars on the App Store']],
  ['Voted Product of the Year 2024.', ['social_proof:Voted Product of the Year']],
  // environmental
  ['Switch to 100% green electricity today.', ['environmental:Switch to 100% green electricity']],
  ['Our new bottle uses 50% less plastic.', ['environmental:50% less plastic']],
  ['Grown without pesticides.', ['environmental:Grown without pesticides']],
  ['Our farms use regenerative agriculture to heal the soil.', ['environmental:regenerative agriculture', 'environmental:heal the soil']],
  ['Our boxes are made from FSC-certified cardboard.', ['environmental:FSC-certified']],
  // ethical
  ['10% of profits go to mental health charities.', ['ethical:10% of profits go']],
  ['Your purchase helps fund clean water projects.', ['ethical:Your purchase helps']],
  ['Good for people, good for the planet.', ['ethical:Good for people, good for the planet']],
  ['Traceable from farm to cup.', ['ethical:Traceable from farm to cup']],
  ['Shop with a conscience.', ['ethical:Shop with a conscience']],
  // customer-centric
  ['Our friendly team is always happy to help.', ['customer_centric:Our friendly team is always happy to help']],
  ["Not happy? We'll make it right.", ["customer_centric:We'll make it right"]],
  ['Our friendly advisers are just a phone call away.', ['customer_centric:just a phone call away']],
  ['Your feedback shapes everything we do.', ['customer_centric:Your feedback shapes everything we do']],
  // purpose
  ['We started with one goal: to make healthy food affordable.', ['purpose:We started with one goal']],
  ['We set out to reinvent the toothbrush.', ['purpose:We set out to reinvent']],
  ["It's not just what we make, it's why we make it.", ["purpose:It's not just what we make, it's why"]],
  // personalisation
  ['Custom vitamins based on your health goals.', ['personalisation:based on your health goals']],
  ["Tell us about your skin and we'll do the rest.", ["personalisation:Tell us about your skin and we'll do the rest"]],
  ['Shoes sized to your feet, not a chart.', ['personalisation:sized to your feet']],
  ['Your playlist, your rules.', ['personalisation:Your playlist, your rules']],
  // performance
  ['Lose up to 10 lbs in your first month.', ['performance:Lose up to 10 lbs']],
  ['Save up to £300 a year on your energy bills.', ['performance:Save up to £300 a']],
  ['Whiter teeth in just 7 days.', ['performance:Whiter teeth in just 7 days']],
  ['Our clients see an average ROI of 300%.', ['performance:an average ROI of 300%']],
  ['Fall asleep 40% faster.', ['performance:Fall asleep 40% faster']],
  // community
  ['Where creators come together.', ['community:Where creators come together']],
  ['For adventurers, by adventurers.', ['community:For adventurers, by adventurers']],
  ['Ride together, grow together.', ['community:Ride together, grow together']],
  ['Live fearlessly with the brand that shares your values.', ['community:Live fearlessly', 'community:that shares your values']],
  // unverifiable
  ['Backed by 20 years of research.', ['unverifiable:Backed by 20 years of research']],
  ['Tested by independent laboratories.', ['unverifiable:Tested by independent laboratories']],
  ['Results verified in clinical trials.', ['unverifiable:verified in clinical trials']],
  ['Approved by the British Skin Foundation.', ['unverifiable:Approved by the British Skin Foundation']],
  // third wave: other verticals (telecoms, banks, travel, SaaS, cosmetics) and harm told to the reader
  ['Find your happy with our new scents.', ['emotional:Find your happy']],
  ['Turn everyday moments into memories.', ['emotional:Turn everyday moments into memories']],
  ['Is your website losing you sales?', ['fear:losing you sales']],
  ['Are you still using a password from 2015?', ['fear:Are you still using']],
  ['Your car could be stolen in 60 seconds.', ['fear:could be stolen']],
  ['Mould could be making your family sick.', ['fear:could be making your family sick']],
  ['Could your phone be spying on you?', ['fear:spying on you']],
  ["Your competitors won't wait for you.", ["fear:competitors won't wait for you"]],
  ["I'd rather keep my old, slow laptop.", ["fear:I'd rather keep my old"]],
  ['Best broadband for gamers, guaranteed.', ['superiority:Best broadband for gamers, guaranteed']],
  ['Smarter banking starts here.', ['superiority:Smarter banking starts here']],
  ['More features, lower price than the leading brand.', ['superiority:than the leading brand']],
  ["Don't leave it too late — book today.", ["urgency:Don't leave it too late"]],
  ['Tickets are limited.', ['urgency:Tickets are limited']],
  ['The app teachers love.', ['social_proof:The app teachers love']],
  ['A cleaner ride for a cleaner city.', ['environmental:for a cleaner city']],
  ['Ethical from the ground up.', ['ethical:Ethical from the ground up']],
  ["We're a social enterprise.", ['ethical:social enterprise']],
  ['Our support team replies within minutes, day or night.', ['customer_centric:Our support team replies within minutes']],
  ['Here to help, every step of the way.', ['customer_centric:help, every step of the way']],
  ["Since day one, we've believed in doing things differently.", ["purpose:Since day one, we've"]],
  ['Choose your fit, colour and fabric.', ['personalisation:Choose your fit, colour']],
  ['A community where everyone belongs.', ['community:where everyone belongs']],
  ['Tested on sensitive skin.', ['unverifiable:Tested on sensitive skin']],
  // fourth wave
  ['We offset every flight you book with us.', ['environmental:We offset every flight']],
  ["We've cut our packaging waste by 60%.", ['environmental:cut our packaging waste by']],
  ['Natural materials, responsibly harvested.', ['environmental:responsibly harvested']],
  ['Nothing cleans like it.', ['superiority:Nothing cleans like it']],
  ['Beats the big brands on price and quality.', ['superiority:Beats the big brands']],
  ['Rated better than Netflix by viewers.', ['superiority:Rated better than']],
  ['Millions of travellers book with us every year.', ['social_proof:travellers book with us every']],
  ['Sold in over 40 countries.', ['social_proof:Sold in over 40 countries']],
  ['Customers who tried it gave it 5 stars.', ['social_proof:gave it 5 stars']],
  ['Become an insider and get first dibs on new drops.', ['community:Become an insider', 'community:first dibs on new']],
  ['Gear for the outdoor lifestyle.', ['community:the outdoor lifestyle']],
  ['Recommended by physiotherapists.', ['unverifiable:Recommended by physiotherapists']],
  ['The trusted choice of professionals.', ['unverifiable:The trusted choice of professionals']],
  ['Give your home the love it deserves.', ['emotional:the love it deserves']],
  ['A hug in a mug.', ['emotional:A hug in a mug']],
  // fifth wave
  ['Where every member is family.', ['community:every member is family']],
  ['Our members look out for each other.', ['community:Our members look out for each other']],
  ['98% would buy again.', ['social_proof:98% would buy again']],
  ['Winner of 12 industry awards.', ['social_proof:Winner of 12 industry awards']],
  ['The most trusted name in home insurance.', ['superiority:The most trusted name in']],
  ['In a class of its own.', ['superiority:In a class of its own']],
  ["We're changing how the world shops.", ["purpose:We're changing how"]],
  ['Our bottles are made from 100% post-consumer plastic.', ['environmental:post-consumer plastic']],
  ['Sustainable by design.', ['environmental:Sustainable by design']],
  ['Trusted by NHS nurses.', ['unverifiable:Trusted by NHS nurses']],
  ['Make it unforgettable.', ['emotional:Make it unforgettable']],
  // fear, sixth wave
  ['What if your card is cloned?', ['fear:What if your card is cloned']],
  ['Your identity could be sold on the dark web.', ['fear:could be sold on the dark web']],
  ["You're throwing money away every month.", ["fear:You're throwing money away"]],
  ["Stop paying for what you don't use.", ["fear:Stop paying for what you don't"]],
  // seventh wave
  ['The smarter way to pay.', ['superiority:The smarter way to']],
  ['Twice the battery life of the leading phone.', ['superiority:Twice the battery life of']],
  ['Give your old jeans a second life.', ['environmental:Give your old jeans a second life']],
  ['Sold out in 3 minutes last time.', ['social_proof:Sold out in 3 minutes']],
];

// The same words in ordinary text: news, quotes, manuals, forms, cookie banners, encyclopaedic prose.
const PARAPHRASE_TRAPS: string[] = [
  'Our goal is to respond to every request within two working days.',
  'The aim of this guide is to help you install the software.',
  'We started with a simple question: why does the build fail on Windows?',
  'What drives us to the coast every summer is the weather.',
  'The school hopes to inspire the next generation of scientists, the head teacher said.',
  'The plant uses 30% less water than the old one, according to the report.',
  'The new bus fleet produces zero emissions at the tailpipe.',
  'Please fill in the form with your name and address.',
  'The seat can be adjusted to your height with the lever.',
  'We will create a new account for you once the payment is confirmed.',
  'What happens if you miss a payment? Your lender will contact you.',
  'The storm could damage your roof, forecasters warned.',
  'Every day you wait for the bus feels longer in winter.',
  'Only two of the original seven towers remain today.',
  'With only five minutes to go, the home side scored again.',
  'Registration closes on Friday for the marathon, organisers said.',
  'Prices rise on 1 April as the energy cap is lifted.',
  'Applications close at noon on Monday.',
  'The offer is valid until 31 December and cannot be combined with other promotions.',
  "The band's most downloaded song was released in 1968.",
  'Many customers say delivery times have got worse.',
  '52% said they would vote for the incumbent.',
  'As mentioned in the previous chapter, the method has limits.',
  "The film won the People's Choice Award in Toronto.",
  'The choice of three colours is available on the website.',
  "The UK's fastest-growing city is Milton Keynes, the census shows.",
  'Usain Bolt is the fastest man in the world over 100 metres.',
  'No one can beat the record set in 1988.',
  'Arctic ice is melting four times faster than the global average.',
  'Children learn better in smaller classes, the study found.',
  'Where people meet to trade, markets grow.',
  'We are a family of four living in a small flat.',
  'Share your photos with us on the forum thread.',
  'Years of research went into the new bridge design.',
  'Developed by scientists at Oxford, the vaccine was approved in 2020.',
  'Designed to help students revise, the app has flashcards.',
  'Supporting local businesses is a priority for the council.',
  'The union demanded safe working conditions at the plant.',
  'You deserve an explanation, the minister told the families.',
  'The renewed confidence in the market lifted shares.',
  "The building's understated elegance impressed the critics.",
  'A lasting peace in the region remains elusive.',
  'We use cookies to show you personalised ads based on your browsing history.',
  'All eyes are on the central bank this week.',
  'What would happen if you flew the flag of a country that no longer exists?',
  'Biden outlines plans to do more with less power.',
  '13 big equity firms pledge to invest responsibly.',
  'China outlines plans for making electric cars.',
  'England and Wales see 60% increase in public injured by police vehicles.',
  'Iraqi gasoline is the cheapest in the world at $.05 per gallon.',
  'The painting could be stolen again if security is not improved, the museum said.',
  'Hackers are targeting hospitals across Europe, officials warned.',
  "If you don't know the answer, leave the field empty.",
  'You may lose unsaved changes if you close the window.',
  'Competitors will not wait for the regulator, analysts said.',
  'The exhibition brings the magic of ancient Egypt to London.',
  'Say hello to our new colleague, Priya, who joins the finance team.',
  'She left it too late to apply for the course.',
  'Tickets are limited to four per household.',
  'Choose your size and colour from the drop-down menu.',
  'Contact the helpline 24/7 if you lose your card.',
  'The service replies within minutes to most requests, according to the audit.',
  'You are the best, thank you for everything!',
  'We have always believed that the plan would fail, he said.',
  'The new law aims to keep plastic out of landfill.',
  'Rising prices are eating into household budgets, the survey found.',
  'Connect the cable, then share the screen and join the call.',
  '10-year-old spaniel named best in show at Westminster.',
  'A healthy lifestyle lowers the risk of heart disease, the NHS says.',
  'Become a member of the library to borrow e-books.',
  'The drivers switched to wet tyres after the first lap.',
  'Offsetting is a controversial way for airlines to meet targets, the report says.',
  'This product can expose you to chemicals known to the State of California to cause cancer.',
  "Select your size below and we'll email you if it comes back in stock!",
  'In our family we help each other with homework.',
  'He was simply better on the day, the beaten finalist admitted.',
  '45% would vote for the opposition, the poll found.',
  'What if you need help? Contact us.',
  'What if I forget my password?',
  'The easiest way to install it is through npm.',
  'The fastest way to get there is by train.',
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

describe('paraphrase families are found, with their spans', () => {
  it.each(PARAPHRASES)('%j → %j', (text, expected) => {
    const claims = detect(text);
    expect(claims.map((c) => `${c.category}:${c.text}`)).toEqual(expected);
    for (const c of claims) expect(text.slice(c.start, c.end)).toBe(c.text);
  });

  it('covers every category', () => {
    const seen = new Set(PARAPHRASES.flatMap(([, e]) => e.map((x) => x.split(':')[0])));
    expect(CATEGORIES.filter((c) => !seen.has(c))).toEqual([]);
  });
});

describe('the paraphrase families stay quiet in ordinary text', () => {
  it.each(PARAPHRASE_TRAPS)('%j', (text) => {
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
