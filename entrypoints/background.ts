import { browser } from 'wxt/browser';
import compiledPacks from 'virtual:claim-lens/compiled-packs';
import {
  BackgroundRequestSchema,
  badgeText,
  type OpenConceptResult,
  type PauseState,
  type RulePacks,
} from '../messages';
import { isE2eBuild } from '../messages/build-flags';
import { isPaused, setPaused } from '../messages/state';
import { createNotesHandler } from '../messages/notes-handler';

/** Id of the context-menu entry on a selection. */
const MENU_HIGHLIGHT = 'claim-lens-highlight-selection';

/**
 * Background: the per-tab badge (number of claims), the paused sites, and opening the popup for the
 * card's "see in the popup", the notes (every storage call for the content scripts: they never open
 * IndexedDB), the "highlight the selection" shortcut and context-menu entry, and opening the notes
 * library. Every incoming message is parsed; anything invalid is ignored or answered with an error.
 */
export default defineBackground(() => {
  // One database for every tab, opened on the first notes message.
  const notes = createNotesHandler();

  /**
   * The shortcut and the context-menu entry both end here: ask the tab's content script to save its
   * current selection and open the editor. A tab without our content script (browser pages) is ignored.
   */
  const highlightSelectionIn = async (tabId: number | undefined): Promise<unknown> => {
    if (tabId === undefined || tabId < 0) return { ok: false, error: 'no tab' };
    try {
      return await browser.tabs.sendMessage(tabId, { type: 'highlight-selection' }, { frameId: 0 });
    } catch {
      return { ok: false, error: 'no content script in this tab' };
    }
  };

  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.removeAll().then(
      () => {
        browser.contextMenus.create({
          id: MENU_HIGHLIGHT,
          title: browser.i18n.getMessage('menu_highlightSelection' as never) || 'Claim Lens',
          contexts: ['selection'],
          documentUrlPatterns: ['http://*/*', 'https://*/*'],
        });
      },
      () => {},
    );
  });
  // Named handlers, registered as they are: the e2e build hands these very functions to the tests
  // (Chromium offers no way for a test to fire a browser command or click a context-menu entry).
  const onContextMenuClicked = (info: { menuItemId: string | number }, tab?: { id?: number }): Promise<unknown> => {
    if (info?.menuItemId !== MENU_HIGHLIGHT) return Promise.resolve(undefined);
    return highlightSelectionIn(tab?.id);
  };
  const onCommand = async (command: string, tab?: { id?: number }): Promise<unknown> => {
    if (command !== 'highlight-selection') return undefined;
    const id = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }).catch(() => []))[0]?.id;
    return highlightSelectionIn(id);
  };
  browser.contextMenus.onClicked.addListener(onContextMenuClicked);
  browser.commands.onCommand.addListener(onCommand);
  if (isE2eBuild()) {
    (globalThis as Record<string, unknown>).__claimLensE2E = { onContextMenuClicked, onCommand, menuId: MENU_HIGHLIGHT };
  }

  const setBadge = (tabId: number, count: number) => {
    const text = badgeText(count);
    // A tab can close between the message and the call: ignore the rejection.
    browser.action.setBadgeText({ tabId, text }).catch(() => {});
    if (text) browser.action.setBadgeBackgroundColor({ tabId, color: '#5b3cc4' }).catch(() => {});
  };

  // Clear the count when a tab navigates; the content script of the new page reports afresh.
  browser.tabs.onUpdated.addListener((tabId, info) => {
    if (info.status === 'loading') setBadge(tabId, 0);
  });

  browser.runtime.onMessage.addListener((raw: unknown, sender): Promise<unknown> | undefined => {
    // Only our own extension's pages and content scripts may talk to us.
    if (sender.id !== browser.runtime.id) return undefined;
    // From a content script: only that page's own notes. From our own pages (popup, the library,
    // even when opened in a tab): no restriction.
    const senderUrl = sender.url ?? sender.tab?.url ?? '';
    const fromOwnPage = senderUrl.startsWith(browser.runtime.getURL('/' as never));
    const forNotes = notes.handle(raw, fromOwnPage ? undefined : { tabUrl: senderUrl });
    if (forNotes) return forNotes;
    const parsed = BackgroundRequestSchema.safeParse(raw);
    if (!parsed.success) return undefined;
    const msg = parsed.data;
    switch (msg.type) {
      case 'claims-updated': {
        const tabId = sender.tab?.id;
        // Only the top frame reports (the content script runs there only).
        if (tabId !== undefined && (sender.frameId ?? 0) === 0) setBadge(tabId, msg.count);
        return Promise.resolve({ ok: true });
      }
      case 'get-pause-state':
        return isPaused(msg.origin).then((paused): PauseState => ({ paused }));
      case 'get-rule-packs':
        return Promise.resolve<RulePacks>({ text: compiledPacks });
      case 'set-paused':
        return setPaused(msg.origin, msg.paused).then((paused): PauseState => ({ paused }));
      case 'open-library':
        return browser.tabs
          .create({ url: browser.runtime.getURL('/library.html' as never) })
          .then(() => ({ ok: true }), (e: unknown) => ({ ok: false, error: String(e) }));
      case 'note-save':
      case 'note-update':
      case 'note-delete':
      case 'note-restore':
      case 'note-list':
      case 'note-anchoring':
        return undefined; // answered by the notes handler above
      case 'open-concept':
        return (async (): Promise<OpenConceptResult> => {
          // openPopup exists in recent Chrome and Firefox; it may refuse (no user gesture, no
          // focused window): the card then tells the user to click the toolbar button.
          const action = browser.action as { openPopup?: () => Promise<void> };
          if (typeof action.openPopup !== 'function') return { popupOpened: false };
          try {
            await action.openPopup();
            return { popupOpened: true };
          } catch {
            return { popupOpened: false };
          }
        })();
    }
  });
});
