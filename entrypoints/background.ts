import { browser } from 'wxt/browser';
import {
  BackgroundRequestSchema,
  badgeText,
  type OpenConceptResult,
  type PauseState,
} from '../messages';
import { isPaused, setPaused } from '../messages/state';

/**
 * Background: the per-tab badge (number of claims), the paused sites, and opening the popup for the
 * card's "see in the popup". Every incoming message is parsed; anything invalid is ignored.
 */
export default defineBackground(() => {
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
      case 'set-paused':
        return setPaused(msg.origin, msg.paused).then((paused): PauseState => ({ paused }));
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
