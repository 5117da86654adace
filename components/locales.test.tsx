import { describe, expect, it } from 'vitest';
import en from '../public/_locales/en/messages.json';
import fr from '../public/_locales/fr/messages.json';
import { SIGNALS } from '../engine/schema';

type Messages = Record<string, { message: string; description?: string }>;
const E = en as Messages;
const F = fr as Messages;
const placeholders = (s: string) => [...s.matchAll(/\$\d/g)].map((m) => m[0]).sort();

describe('locales', () => {
  it('en and fr have the same keys', () => {
    expect(Object.keys(F).sort()).toEqual(Object.keys(E).sort());
  });
  it('every message keeps the same substitutions in both languages', () => {
    for (const k of Object.keys(E)) expect([k, placeholders(F[k]!.message)]).toEqual([k, placeholders(E[k]!.message)]);
  });
  it('keys are valid chrome.i18n names and messages are not empty', () => {
    for (const [k, v] of Object.entries(E)) {
      expect(k).toMatch(/^[A-Za-z0-9_]+$/);
      expect(v.message.trim()).not.toBe('');
      expect(F[k]!.message.trim()).not.toBe('');
    }
  });
  it('every engine signal has words in both languages', () => {
    for (const s of SIGNALS) {
      expect(E[`signal_${s}`]?.message).toBeTruthy();
      expect(F[`signal_${s}`]?.message).toBeTruthy();
    }
  });
  it('French puts a no-break space before high punctuation', () => {
    for (const [k, v] of Object.entries(F)) expect([k, /[^\u00a0\u202f][:;!?](\s|$)/.test(v.message)]).toEqual([k, false]);
  });
});
