import { describe, expect, it } from 'vitest';
import { pageCss } from '../../entrypoints/content/page-css';
import { totalMs, withUnderline } from './highlight-cost';

describe('highlight-cost helpers', () => {
  it('adds the old underline to every claim rule and to none of the notes', () => {
    const css = withUnderline(pageCss());
    const claimRules = css.split('\n').filter((l) => l.startsWith('::highlight(claim-lens-') && !l.startsWith('::highlight(claim-lens-note-'));
    expect(claimRules.length).toBeGreaterThan(10);
    for (const r of claimRules) expect(r).toMatch(/text-decoration-line: underline; .*text-decoration-color: rgb\(\d+, \d+, \d+\); text-decoration-thickness: 2px; \}$/);
    expect(css.split('\n').filter((l) => l.startsWith('::highlight(claim-lens-note-'))).toEqual(pageCss().split('\n').filter((l) => l.startsWith('::highlight(claim-lens-note-')));
  });

  it('sums the complete events of one name', () => {
    const ev = (name: string, dur: number, ph = 'X') => ({ name, ph, ts: 0, dur, pid: 1, tid: 1 });
    expect(totalMs([ev('PrePaint', 1500), ev('Paint', 700), ev('PrePaint', 2500), ev('PrePaint', 9000, 'B')], 'PrePaint')).toBe(4);
    expect(totalMs([], 'Paint')).toBe(0);
  });
});
