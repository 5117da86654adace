import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Popup, type GroupBy, type PopupStatus } from '../../components/Popup';
import type { PageNoteView, PopupClaimView, Translate } from '../../components/types';
import { allCategoryViews, bundleLang, conceptView, conceptViewsFor } from '../../components/views';
import {
  ClaimsReportSchema,
  PageNotesReportSchema,
  PauseStateSchema,
  SaveClaimResultSchema,
  parseWith,
  type ContentRequest,
  type BackgroundRequest,
} from '../../messages';

const t: Translate = (key, subs) => browser.i18n.getMessage(key as never, subs as never) || key;

/** The tab the popup is about: ?tab=<id> (used by the demo and the tests), else the active tab. */
async function targetTab(): Promise<number | undefined> {
  const fromQuery = new URLSearchParams(location.search).get('tab');
  if (fromQuery && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

function toContent(tabId: number, msg: ContentRequest): Promise<unknown> {
  return browser.tabs.sendMessage(tabId, msg, { frameId: 0 });
}
function toBackground(msg: BackgroundRequest): Promise<unknown> {
  return browser.runtime.sendMessage(msg);
}

export function App() {
  const lang = useMemo(() => bundleLang((k) => browser.i18n.getMessage(k as never), () => browser.i18n.getUILanguage()), []);
  const categories = useMemo(() => allCategoryViews(lang), [lang]);
  const [status, setStatus] = useState<PopupStatus>('loading');
  const [tabId, setTabId] = useState<number>();
  const [origin, setOrigin] = useState<string>();
  const [total, setTotal] = useState<number>();
  const [claims, setClaims] = useState<PopupClaimView[]>([]);
  const [paused, setPausedState] = useState(false);
  const [pauseChanged, setPauseChanged] = useState(false);
  const [groupBy, setGroupBy] = useState<GroupBy>('concept');
  const [focusConceptId, setFocus] = useState<string | null>(null);
  const [notes, setNotes] = useState<PageNoteView[]>();
  const [savedClaims, setSavedClaims] = useState<string[]>([]);
  const [failedClaims, setFailedClaims] = useState<string[]>([]);

  /** The page's notes, once the content script has fetched and anchored them. */
  const refreshNotes = async (id: number) => {
    for (let i = 0; i < 40; i++) {
      const r = parseWith(PageNotesReportSchema, await toContent(id, { type: 'get-notes' }).catch(() => undefined));
      if (!r) return;
      if (r.ready) {
        setNotes(r.notes);
        setSavedClaims(r.savedClaims);
        return;
      }
      await new Promise((ok) => setTimeout(ok, 250));
    }
  };

  useEffect(() => {
    document.documentElement.lang = lang;
    let cancelled = false;
    (async () => {
      const id = await targetTab().catch(() => undefined);
      if (cancelled) return;
      setTabId(id);
      if (id === undefined) return setStatus('unavailable');
      void refreshNotes(id);
      // No answer means no content script: a browser page, an extension page, or a page loaded
      // before the extension was installed.
      const ask = async () => parseWith(ClaimsReportSchema, await toContent(id, { type: 'get-claims' }).catch(() => undefined));
      let report = await ask();
      // While the page is still being read, show what is there and ask again a few times.
      for (let i = 0; i < 40 && !cancelled && report?.status === 'ok' && report.pending; i++) {
        setOrigin(report.origin);
        setClaims(report.claims);
        await new Promise((ok) => setTimeout(ok, 250));
        report = (await ask()) ?? report;
      }
      if (cancelled) return;
      if (!report) return setStatus('unavailable');
      setOrigin(report.origin);
      if (report.status === 'paused') {
        setPausedState(true);
        return setStatus('paused');
      }
      setClaims(report.claims);
      setTotal(report.total);
      setFocus(report.focus?.conceptId ?? null);
      setStatus('ok');
      // The page was scanned, but the user may have paused the site since (effective on reload).
      const st = parseWith(PauseStateSchema, await toBackground({ type: 'get-pause-state', origin: report.origin }).catch(() => undefined));
      if (!cancelled && st) setPausedState(st.paused);
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  const concepts = useMemo(() => {
    const all = conceptViewsFor(claims, lang);
    if (focusConceptId && !all[focusConceptId]) {
      const v = conceptView(focusConceptId, lang);
      if (v) all[focusConceptId] = v;
    }
    return all;
  }, [claims, lang, focusConceptId]);

  return (
    <Popup
      t={t}
      status={status}
      origin={origin}
      claims={claims}
      total={total}
      concepts={concepts}
      categories={categories}
      groupBy={groupBy}
      onGroupBy={setGroupBy}
      paused={paused}
      pauseChanged={pauseChanged}
      focusConceptId={focusConceptId}
      onTogglePause={async (next) => {
        if (!origin) return;
        const st = parseWith(PauseStateSchema, await toBackground({ type: 'set-paused', origin, paused: next }).catch(() => undefined));
        if (st) {
          setPausedState(st.paused);
          setPauseChanged(true);
        }
      }}
      onSelectClaim={(id) => {
        if (tabId !== undefined) toContent(tabId, { type: 'scroll-to-claim', id, openCard: true }).catch(() => {});
      }}
      notes={notes}
      savedClaims={savedClaims}
      failedClaims={failedClaims}
      onSaveClaim={
        status === 'ok' && tabId !== undefined
          ? async (id) => {
              const r = parseWith(SaveClaimResultSchema, await toContent(tabId, { type: 'save-claim', id }).catch(() => undefined));
              if (r?.ok) {
                setSavedClaims((s) => [...new Set([...s, id])]);
                setFailedClaims((s) => s.filter((x) => x !== id));
                await refreshNotes(tabId);
              } else setFailedClaims((s) => [...new Set([...s, id])]);
            }
          : undefined
      }
      onSelectNote={(id) => {
        if (tabId !== undefined) toContent(tabId, { type: 'scroll-to-note', id }).catch(() => {});
      }}
      onOpenLibrary={() => {
        browser.tabs.create({ url: browser.runtime.getURL('/library.html' as never) }).catch(() => {});
      }}
    />
  );
}
