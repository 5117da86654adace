import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { isPaused, listPaused, setPaused } from './state';

beforeEach(() => fakeBrowser.reset());

describe('paused origins', () => {
  it('remembers and forgets an origin', async () => {
    expect(await isPaused('https://shop.example')).toBe(false);
    await setPaused('https://shop.example', true);
    expect(await isPaused('https://shop.example')).toBe(true);
    expect(await isPaused('https://other.example')).toBe(false);
    await setPaused('https://shop.example', false);
    expect(await isPaused('https://shop.example')).toBe(false);
  });

  it('does not duplicate an origin paused twice', async () => {
    await setPaused('https://a.example', true);
    await setPaused('https://a.example', true);
    expect(await listPaused()).toEqual(['https://a.example']);
  });

  it('ignores invalid origins instead of storing them', async () => {
    expect(await setPaused('chrome://settings', true)).toBe(false);
    expect(await listPaused()).toEqual([]);
    expect(await isPaused('chrome://settings')).toBe(false);
  });

  it('survives garbage in storage', async () => {
    await fakeBrowser.storage.local.set({ pausedOrigins: 'not a list' });
    expect(await isPaused('https://a.example')).toBe(false);
    await setPaused('https://a.example', true);
    expect(await listPaused()).toEqual(['https://a.example']);
  });
});

