import { describe, expect, it } from 'vitest';
import { isE2eBuild, uiShadowMode } from './build-flags';

describe('build flags', () => {
  it.each([
    [undefined, 'closed', false],
    ['', 'closed', false],
    ['0', 'closed', false],
    ['true', 'closed', false],
    [1, 'closed', false],
    ['1', 'open', true],
  ])('VITE_CLAIM_LENS_E2E=%j → shadow roots %s, e2e hooks %s', (flag, mode, e2e) => {
    expect(uiShadowMode(flag)).toBe(mode);
    expect(isE2eBuild(flag)).toBe(e2e);
  });

  it('the unit-test environment is not the e2e build: shadow roots are closed', () => {
    expect(uiShadowMode()).toBe('closed');
  });
});
