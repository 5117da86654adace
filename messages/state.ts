/**
 * The one piece of state the extension keeps in browser.storage (never anything from the page):
 * the origins the user paused (storage.local, remembered across sessions).
 * Only the background calls these; the content script and the popup go through messages.
 * Every read validates what it finds: storage written by an older version must not crash us.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { lazySchema } from '../engine/lazy-schema';
import { OriginSchema } from './index';

const PAUSED_KEY = 'pausedOrigins';
const MAX_PAUSED = 5000;

const PausedListSchema = lazySchema(() =>
  z.array(OriginSchema).max(MAX_PAUSED),
);

async function readPaused(): Promise<string[]> {
  try {
    const got = await browser.storage.local.get(PAUSED_KEY);
    const r = PausedListSchema.safeParse(got?.[PAUSED_KEY]);
    return r.success ? r.data : [];
  } catch {
    return [];
  }
}

export async function isPaused(origin: string): Promise<boolean> {
  if (!OriginSchema.safeParse(origin).success) return false;
  return (await readPaused()).includes(origin);
}

export async function setPaused(origin: string, paused: boolean): Promise<boolean> {
  if (!OriginSchema.safeParse(origin).success) return false;
  const list = (await readPaused()).filter((o) => o !== origin);
  if (paused) list.push(origin);
  await browser.storage.local.set({ [PAUSED_KEY]: list.slice(-MAX_PAUSED) });
  return paused;
}

export async function listPaused(): Promise<string[]> {
  return readPaused();
}

