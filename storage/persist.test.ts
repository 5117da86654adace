import { describe, expect, it } from 'vitest';
import { requestPersistence } from './persist';

describe('requestPersistence', () => {
  let asked = 0;
  const cases: [string, unknown, string, number][] = [
    ['no navigator', undefined, 'unsupported', 0],
    ['no storage manager', {}, 'unsupported', 0],
    ['no persist()', { storage: { persisted: async () => false } }, 'unsupported', 0],
    ['already persisted', { storage: { persisted: async () => true, persist: async () => (asked++, false) } }, 'granted', 0],
    ['granted on request', { storage: { persisted: async () => false, persist: async () => (asked++, true) } }, 'granted', 1],
    ['denied on request', { storage: { persist: async () => (asked++, false) } }, 'denied', 1],
    ['persist() rejects', { storage: { persist: async () => (asked++, Promise.reject(new Error('no'))) } }, 'denied', 1],
    ['persist() throws synchronously', { storage: { persist: () => { asked++; throw new Error('no'); } } }, 'denied', 1],
    ['persisted() rejects', { storage: { persisted: () => Promise.reject(new Error('x')), persist: async () => (asked++, true) } }, 'denied', 0],
  ];
  it.each(cases)('%s → %s', async (_name, nav, expected, asks) => {
    asked = 0;
    await expect(requestPersistence(nav as Parameters<typeof requestPersistence>[0])).resolves.toBe(expected);
    expect(asked).toBe(asks);
  });

  it('uses the global navigator by default without throwing (Node has no persist())', async () => {
    await expect(requestPersistence()).resolves.toBe('unsupported');
  });
});
