/**
 * Generated HTML pages for the Chromium benchmarks: page text from the labelled corpora (French and
 * English, 15 % claim sentences as in corpus.ts, nothing chosen for our detector) laid out with
 * realistic markup: sections with headings, paragraphs with inline links and emphasis, bulleted
 * lists, tables, a navigation bar and a footer. Deterministic for a given size and seed.
 */
import { mixedPageText } from './corpus';
import { prng } from './stats';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/** Split a paragraph into sentences (rough: enough to build list items and table cells). */
function sentencesOf(p: string): string[] {
  const out = p.split(/(?<=[.!?…])\s+(?=\S)/u).filter((s) => s.trim());
  return out.length ? out : [p];
}

/** One paragraph's inner HTML: some words wrapped in links or emphasis, the rest escaped text. */
function inline(p: string, rnd: () => number): string {
  const words = p.split(' ');
  if (words.length < 8 || rnd() < 0.4) return escapeHtml(p);
  const at = Math.floor(rnd() * (words.length - 3));
  const len = 1 + Math.floor(rnd() * 3);
  const tag = rnd() < 0.6 ? 'a' : rnd() < 0.5 ? 'em' : 'strong';
  const open = tag === 'a' ? `<a href="#s${Math.floor(rnd() * 1000)}">` : `<${tag}>`;
  return (
    escapeHtml(words.slice(0, at).join(' ')) +
    (at ? ' ' : '') +
    open +
    escapeHtml(words.slice(at, at + len).join(' ')) +
    `</${tag}> ` +
    escapeHtml(words.slice(at + len).join(' '))
  );
}

export interface GeneratedPage {
  html: string;
  /** Characters of page text in the body (about the requested size). */
  textChars: number;
  /** Elements in the body. */
  elements: number;
}

/**
 * A page of about `chars` characters of text. `extraHead` goes into <head> (e.g. a script tag).
 */
export function benchPageHtml(chars: number, { seed = 7, title = 'Bench page', extraHead = '' } = {}): GeneratedPage {
  const rnd = prng(seed);
  const paras = mixedPageText(chars, { seed }).split('\n\n');
  const body: string[] = [];
  let elements = 0;
  let textChars = 0;
  const el = (html: string, n: number, text: number) => {
    body.push(html);
    elements += n;
    textChars += text;
  };
  el(`<nav><ul><li><a href="#a">Accueil</a></li><li><a href="#b">Produits</a></li><li><a href="#c">Blog</a></li><li><a href="#d">Contact</a></li></ul></nav>`, 9, 30);
  el(`<main id="main">`, 1, 0);
  let i = 0;
  let section = 0;
  while (i < paras.length) {
    section += 1;
    el(`<section id="s${section}"><h2>Section ${section}</h2>`, 2, 12);
    const inSection = 3 + Math.floor(rnd() * 6);
    for (let k = 0; k < inSection && i < paras.length; k++, i++) {
      const p = paras[i]!;
      const r = rnd();
      if (r < 0.12) {
        const items = sentencesOf(p);
        el(`<ul>${items.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>`, 1 + items.length, p.length);
      } else if (r < 0.2) {
        const cells = sentencesOf(p);
        const rows: string[] = [];
        for (let c = 0; c < cells.length; c += 2) rows.push(`<tr><td>${escapeHtml(cells[c]!)}</td><td>${escapeHtml(cells[c + 1] ?? '—')}</td></tr>`);
        el(`<table><tbody>${rows.join('')}</tbody></table>`, 2 + rows.length * 3, p.length);
      } else if (r < 0.24) {
        el(`<h3>${escapeHtml(p.slice(0, 80))}</h3><p>${inline(p, rnd)}</p>`, 2, p.length + Math.min(80, p.length));
      } else {
        el(`<p>${inline(p, rnd)}</p>`, 2, p.length);
      }
    }
    el(`</section>`, 0, 0);
  }
  el(`</main><footer><p>© 2026 Exemple SARL · <a href="#m">Mentions légales</a></p></footer>`, 4, 40);
  const html = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 sans-serif;max-width:60rem;margin:0 auto;padding:1rem}td{border:1px solid #ccc;padding:.2rem}</style>
${extraHead}</head>
<body>
${body.join('\n')}
</body></html>
`;
  return { html, textChars, elements };
}

/**
 * A page for the busy-page bench: `cells` spans that a page script rewrites, `perSecond` text nodes
 * per second in ticks of 100 ms, for `seconds`, after a start signal (window.__busyStart()). Each
 * new text is a sentence from the corpora, so changed text really goes through the engine. A burst
 * (window.__busyBurst(n)) rewrites n nodes in one task.
 */
export function busyPageHtml(cells: number, sentences: readonly string[], { seed = 11 } = {}): string {
  const rnd = prng(seed);
  const rows: string[] = [];
  for (let i = 0; i < cells; i++) rows.push(`<p>Ligne ${i} : <span id="c${i}">${escapeHtml(sentences[Math.floor(rnd() * sentences.length)]!)}</span></p>`);
  const pool = JSON.stringify(sentences.slice(0, 400)).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Busy page</title></head>
<body>
<h1>Tableau de bord</h1>
${rows.join('\n')}
<script>
(() => {
  const pool = ${pool};
  const cells = ${cells};
  let k = 0;
  const change = (n) => {
    for (let i = 0; i < n; i++) {
      const el = document.getElementById('c' + ((k * 7919) % cells));
      el.firstChild.data = pool[k % pool.length] + ' #' + k;
      k++;
    }
  };
  window.__busyStart = (perSecond, seconds) => new Promise((done) => {
    const perTick = Math.max(1, Math.round(perSecond / 10));
    let ticks = 0;
    const id = setInterval(() => {
      change(perTick);
      if (++ticks >= seconds * 10) { clearInterval(id); done(k); }
    }, 100);
  });
  window.__busyBurst = (n) => change(n);
})();
</script>
</body></html>
`;
}
