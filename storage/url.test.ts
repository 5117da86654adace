import { describe, expect, it } from 'vitest';
import { isTrackingParam, isWebUrl, normaliseUrl, siteOf } from './url';

describe('normaliseUrl', () => {
  const cases: [string, string, string][] = [
    ['fragment dropped', 'https://example.com/a#section-2', 'https://example.com/a'],
    ['scheme and host lower-cased, path kept', 'HTTPS://WWW.Example.COM/Path/Page', 'https://www.example.com/Path/Page'],
    ['default https port dropped', 'https://example.com:443/a', 'https://example.com/a'],
    ['default http port dropped', 'http://example.com:80/a', 'http://example.com/a'],
    ['other port kept', 'http://example.com:8080/a', 'http://example.com:8080/a'],
    ['root gets a slash', 'https://example.com', 'https://example.com/'],
    ['utm_* removed, trailing ? dropped', 'https://example.com/a?utm_source=x&utm_medium=y&UTM_Campaign=z', 'https://example.com/a'],
    ['click ids removed', 'https://example.com/a?fbclid=1&gclid=2&dclid=3&msclkid=4&yclid=5&igshid=6', 'https://example.com/a'],
    ['mailchimp, ga, twitter removed', 'https://example.com/a?mc_cid=1&mc_eid=2&_ga=3&ref_src=twsrc', 'https://example.com/a'],
    ['matomo and AT Internet removed', 'https://example.fr/a?pk_campaign=1&mtm_source=2&xtor=RSS-3', 'https://example.fr/a'],
    ['params sorted, tracking removed', 'https://example.com/s?q=chat&utm_source=nl&a=1', 'https://example.com/s?a=1&q=chat'],
    ['repeated params keep their order', 'https://example.com/s?b=2&a=z&b=1&a=y', 'https://example.com/s?a=z&a=y&b=2&b=1'],
    ['empty query', 'https://example.com/a?', 'https://example.com/a'],
    ['empty pieces dropped', 'https://example.com/a?&&x=1&', 'https://example.com/a?x=1'],
    ['param without value kept', 'https://example.com/a?print&id=3', 'https://example.com/a?id=3&print'],
    ['encoding kept as is', 'https://example.com/a?q=%C3%A9co+responsable&p=a%20b', 'https://example.com/a?p=a%20b&q=%C3%A9co+responsable'],
    ['non-ASCII path encoded by the parser', 'https://exemple.fr/éco-responsable', 'https://exemple.fr/%C3%A9co-responsable'],
    ['IDN host to punycode', 'https://café.fr/menu', 'https://xn--caf-dma.fr/menu'],
    ['credentials dropped', 'https://user:secret@example.com/a', 'https://example.com/a'],
    ['surrounding spaces trimmed', '  https://example.com/a  ', 'https://example.com/a'],
    ['param named like tracking but not', 'https://example.com/a?utm=1&pk_id=2&ref=home', 'https://example.com/a?pk_id=2&ref=home&utm=1'],
    ['query and fragment together', 'https://example.com/a?b=1#x?y', 'https://example.com/a?b=1'],
    ['file URL', 'file:///home/me/page.html#top', 'file:///home/me/page.html'],
    ['about:blank', 'about:blank', 'about:blank'],
    ['unparsable returned trimmed', '  not a url  ', 'not a url'],
    ['relative path is unparsable', '/just/a/path?utm_source=x', '/just/a/path?utm_source=x'],
    ['empty string', '', ''],
    ['only spaces', '   ', ''],
  ];

  it.each(cases)('%s', (_name, input, expected) => {
    expect(normaliseUrl(input)).toBe(expected);
  });

  it.each(cases)('is idempotent: %s', (_name, input) => {
    const once = normaliseUrl(input);
    expect(normaliseUrl(once)).toBe(once);
  });

  it('never throws on hostile input', () => {
    const inputs: unknown[] = [null, undefined, 42, {}, 'http://[::1', 'https://%zz', 'http://exa mple.com', '\u0000', 'https://a.b/?%E0%A4%A=1&utm_x=2'];
    for (const i of inputs) expect(() => normaliseUrl(i as string)).not.toThrow();
    expect(normaliseUrl(null as unknown as string)).toBe('');
    // A malformed percent sequence in a key does not stop tracking removal of the others.
    expect(normaliseUrl('https://a.b/?%E0%A4%A=1&utm_x=2')).toBe('https://a.b/?%E0%A4%A=1');
  });
});

describe('isTrackingParam', () => {
  it.each([
    ['utm_source', true],
    ['UTM_TERM', true],
    ['utm_', false],
    ['fbclid', true],
    ['page', false],
    ['id', false],
    ['ref', false],
  ] as const)('%s → %s', (name, expected) => {
    expect(isTrackingParam(name)).toBe(expected);
  });
});

describe('siteOf', () => {
  it.each([
    ['https://www.example.com/a?b=1', 'www.example.com'],
    ['http://localhost:3000/x', 'localhost:3000'],
    ['file:///tmp/a.html', 'file:'],
    ['about:blank', 'about:'],
    ['nonsense', ''],
  ])('%s → %s', (url, site) => {
    expect(siteOf(url)).toBe(site);
  });
});

describe('isWebUrl', () => {
  it.each([
    ['https://exemple.fr/', true],
    ['http://exemple.fr/a?b#c', true],
    ['  HTTPS://EXEMPLE.FR  ', true],
    ['javascript:alert(1)', false],
    ['data:text/html,x', false],
    ['file:///etc/passwd', false],
    ['ftp://x.fr/', false],
    ['https//missing-colon', false],
    ['', false],
    [null, false],
    [42, false],
  ])('isWebUrl(%j) = %j', (url, expected) => {
    expect(isWebUrl(url)).toBe(expected);
  });
});
