/**
 * The little state the extension keeps in browser.storage (never anything from the page itself):
 * - the origins the user paused (storage.local, remembered across sessions);
 * - the concept the in-page card asked the popup to show (storage.session when the browser has it,
 *   so it does not outlive the browser session).
 * Only the background calls these; the content script and the popup go through messages.
 * Every read validates what it finds: storage written by an older version must not crash us.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { FocusSchema, OriginSchema, type Focus } from './index';

const PAUSED_KEY = 'pausedOrigins';
const FOCUS_KEY = 'popupFocus';
const MAX_PAUSED = 5000;

const PausedListSchema = z.array(OriginSchema).max(MAX_PAUSED);

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

function focusArea() {
  // storage.session exists in Chrome ≥ 102 and Firefox ≥ 115; fall back to local elsewhere.
  return (browser.storage as { session?: typeof browser.storage.local }).session ?? browser.storage.local;
}

export async function putFocus(focus: Focus): Promise<void> {
  const parsed = FocusSchema.safeParse(focus);
  if (!parsed.success) return;
  await focusArea().set({ [FOCUS_KEY]: parsed.data });
}

/** Read and clear the pending focus: the popup shows it once. */
export async function takeFocus(): Promise<Focus> {
  const none: Focus = { conceptId: null, claimId: null };
  try {
    const area = focusArea();
    const got = await area.get(FOCUS_KEY);
    await area.remove(FOCUS_KEY);
    const r = FocusSchema.safeParse(got?.[FOCUS_KEY]);
    return r.success ? r.data : none;
  } catch {
    return none;
  }
}
