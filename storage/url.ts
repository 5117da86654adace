/**
 * URL normalisation: the key under which a page's highlights are stored. Two addresses of the same
 * page that differ only by tracking parameters, fragment, parameter order, case of scheme/host or a
 * default port give the same key. Pure; never throws.
 */

/** Exact parameter names (compared case-insensitively) that only track the visitor. */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'gbraid',
  'wbraid',
  'dclid',
  'msclkid',
  'mc_cid',
  'mc_eid',
  'igshid',
  '_ga',
  '_gl',
  'yclid',
  'ref_src',
  'ref_url',
  'twclid',
  'ttclid',
  'li_fat_id',
  'mkt_tok',
  '_hsenc',
  '_hsmi',
  '__hssc',
  '__hstc',
  '__hsfp',
  'hsctatracking',
  'oly_anon_id',
  'oly_enc_id',
  'rb_clickid',
  's_cid',
  'vero_id',
  'vero_conv',
  'wickedid',
  'epik',
  '_openstat',
  'srsltid',
  'spm',
  'xtor',
  'at_medium',
  'at_campaign',
  'pk_campaign',
  'pk_kwd',
  'pk_keyword',
  'pk_source',
  'pk_medium',
  'pk_content',
  'pk_cid',
]);

/** Parameter name prefixes that only track the visitor (utm_source, mtm_kwd, …). */
const TRACKING_PREFIXES = ['utm_', 'mtm_', 'matomo_', 'piwik_'];

/** Is this query parameter name a tracking parameter? Exposed for tests and for dom/ if it wants it. */
export function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  if (TRACKING_PARAMS.has(n)) return true;
  for (const p of TRACKING_PREFIXES) if (n.startsWith(p) && n.length > p.length) return true;
  return false;
}

function decodeKey(rawKey: string): string {
  try {
    return decodeURIComponent(rawKey.replace(/\+/g, ' '));
  } catch {
    return rawKey;
  }
}

/**
 * Normalise a page address:
 * - fragment dropped; user name and password dropped (they never identify a page and must not leak
 *   into exports);
 * - scheme and host lower-cased, default ports dropped (the URL parser does both);
 * - tracking parameters removed, the others sorted by name (stable: repeated names keep their order),
 *   empty `&&` pieces dropped, no trailing `?`;
 * - parameters keep their original percent-encoding (no re-encoding of `+` or `%20`).
 * Unparsable input is returned trimmed. Idempotent: normaliseUrl(normaliseUrl(x)) === normaliseUrl(x).
 */
export function normaliseUrl(url: string): string {
  if (typeof url !== 'string') return '';
  const trimmed = url.trim();
  try {
    if (!trimmed) return trimmed;
    const u = new URL(trimmed);
    u.hash = '';
    if (u.username || u.password) {
      u.username = '';
      u.password = '';
    }
    const search = u.search; // '' or '?…', already serialised by the parser
    if (search.length > 1) {
      const pairs = search
        .slice(1)
        .split('&')
        .filter((p) => p.length > 0)
        .map((raw, index) => {
          const eq = raw.indexOf('=');
          const rawKey = eq === -1 ? raw : raw.slice(0, eq);
          return { raw, key: decodeKey(rawKey), index };
        })
        .filter((p) => !isTrackingParam(p.key));
      pairs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index));
      u.search = pairs.length ? '?' + pairs.map((p) => p.raw).join('&') : '';
    } else {
      u.search = '';
    }
    let href = u.href;
    // A lone '?' or '#' can survive on opaque URLs (about:blank?, data:…?); drop it.
    if (href.endsWith('?') || href.endsWith('#')) href = href.slice(0, -1);
    return href;
  } catch {
    return trimmed;
  }
}

/**
 * The "site" a URL belongs to, as listed by listSites and filtered by searchHighlights({ site }):
 * the host (with a non-default port) for hierarchical URLs (http, https, ftp, extension pages, …),
 * otherwise the scheme ("file:", "about:", "data:"). '' if unparsable.
 */
export function siteOf(url: string): string {
  try {
    const u = new URL(url);
    return u.host || u.protocol;
  } catch {
    return '';
  }
}

/**
 * Is this an http: or https: address (the only pages Claim Lens highlights)? Other schemes
 * (javascript:, data:, file:, …) are never stored by import, never written as links by an export and
 * never opened by the library. Never throws.
 */
export function isWebUrl(url: unknown): url is string {
  if (typeof url !== 'string' || !url) return false;
  try {
    const p = new URL(url.trim()).protocol;
    return p === 'http:' || p === 'https:';
  } catch {
    return false;
  }
}

/** The scheme of an address as written ("javascript:"), for error messages; '' when there is none. */
export function schemeOf(url: string): string {
  const m = /^\s*([a-z][a-z0-9+.-]{0,30}):/i.exec(typeof url === 'string' ? url : '');
  return m ? m[1]!.toLowerCase() + ':' : '';
}
