import { useEffect, useRef } from 'preact/hooks';
import type { Category } from '../engine/types';
import { CATEGORIES } from '../engine/types';
import { NOTE_COLORS } from './colors';
import type { CategoryView, ConceptView, PageNoteView, PopupClaimView, Translate } from './types';

export type PopupStatus = 'loading' | 'unavailable' | 'paused' | 'ok';
export type GroupBy = 'concept' | 'category';

export interface PopupProps {
  t: Translate;
  status: PopupStatus;
  /** The page's origin when known (shown, and what the pause switch applies to). */
  origin?: string;
  claims: PopupClaimView[];
  /** Claims on the page when more than `claims` lists (the content script sends at most 5,000). */
  total?: number;
  concepts: Record<string, ConceptView>;
  categories: Record<Category, CategoryView>;
  groupBy: GroupBy;
  onGroupBy: (g: GroupBy) => void;
  /** Pause switch state; the switch shows only when the page has an origin we can pause. */
  paused: boolean;
  /** True once the user flipped the switch in this popup: shows "takes effect on reload". */
  pauseChanged?: boolean;
  onTogglePause: (paused: boolean) => void;
  onSelectClaim: (claimId: string) => void;
  /** Concept the in-page card asked to show: expanded and scrolled to. */
  focusConceptId?: string | null;
  /** The page's saved highlights; undefined while unknown (no section shown). */
  notes?: PageNoteView[];
  /** Claim ids saved as notes (their save button says so). */
  savedClaims?: readonly string[];
  /** Claim ids whose save failed. */
  failedClaims?: readonly string[];
  /** "Save as note" per claim; absent: no buttons. */
  onSaveClaim?: (claimId: string) => void;
  /** Scroll the page to a found note and open its editor. */
  onSelectNote?: (noteId: string) => void;
  /** Open the notes library; absent: no button. */
  onOpenLibrary?: () => void;
}

export function notesCountLabel(t: Translate, n: number): string {
  return n === 1 ? t('popup_notesOne') : t('popup_notesMany', String(n));
}

function NoteItem({ note, t, onSelect }: { note: PageNoteView; t: Translate; onSelect?: (id: string) => void }) {
  const swatch = (NOTE_COLORS as Record<string, string>)[note.color];
  const body = (
    <>
      <span class="cl-swatch" style={{ background: swatch }} aria-hidden="true" />
      <span class="cl-claim__body">
        <span class="cl-note__text">{note.text}</span>
        {note.note && <span class="cl-note__note">{note.note}</span>}
        {note.tags.length > 0 && <span class="cl-note__tags">{note.tags.map((x) => `#${x}`).join(' ')}</span>}
      </span>
    </>
  );
  return (
    <li class="cl-pagenote" data-note-id={note.id} data-found={String(note.found)}>
      {note.found && onSelect ? (
        <button type="button" class="cl-claim__button" title={t('popup_showNote')} onClick={() => onSelect(note.id)}>
          {body}
        </button>
      ) : (
        <div class="cl-claim__button">{body}</div>
      )}
    </li>
  );
}

export function PageNotes({ t, notes, onSelect, onOpenLibrary }: { t: Translate; notes: PageNoteView[]; onSelect?: (id: string) => void; onOpenLibrary?: () => void }) {
  const found = notes.filter((n) => n.found);
  const orphans = notes.filter((n) => !n.found);
  return (
    <section class="cl-notes" data-testid="page-notes" aria-labelledby="cl-notes-title">
      <h2 class="cl-h2" id="cl-notes-title">
        {t('popup_notesTitle')} · <span data-testid="notes-count">{notesCountLabel(t, notes.length)}</span>
      </h2>
      {notes.length === 0 && <p class="cl-note-empty">{t('popup_notesNone')}</p>}
      {found.length > 0 && (
        <ul class="cl-claims" data-testid="notes-found">
          {found.map((n) => (
            <NoteItem key={n.id} note={n} t={t} onSelect={onSelect} />
          ))}
        </ul>
      )}
      {orphans.length > 0 && (
        <>
          <h3 class="cl-h3">{t('popup_orphansTitle')}</h3>
          <p class="cl-note">{t('popup_orphansHint')}</p>
          <ul class="cl-claims" data-testid="notes-orphans">
            {orphans.map((n) => (
              <NoteItem key={n.id} note={n} t={t} />
            ))}
          </ul>
        </>
      )}
      {onOpenLibrary && (
        <button type="button" class="cl-button-link" data-testid="open-library" onClick={onOpenLibrary}>
          {t('popup_openLibrary')}
        </button>
      )}
    </section>
  );
}

export function countLabel(t: Translate, n: number): string {
  return n === 1 ? t('popup_claimsOne') : t('popup_claimsMany', String(n));
}

interface Group {
  key: string;
  title: string;
  subtitle?: string;
  concept?: ConceptView;
  color?: string;
  claims: PopupClaimView[];
}

/** Claims grouped by their best concept (or by category), groups in order of first appearance. */
export function groupClaims(
  claims: PopupClaimView[],
  by: GroupBy,
  concepts: Record<string, ConceptView>,
  categories: Record<Category, CategoryView>,
  otherTitle: string,
): Group[] {
  const groups = new Map<string, Group>();
  for (const c of claims) {
    let key: string;
    let make: () => Group;
    if (by === 'category') {
      key = `cat:${c.category}`;
      make = () => ({ key, title: categories[c.category]?.label ?? c.category, color: categories[c.category]?.color, claims: [] });
    } else {
      const id = c.concepts.find((x) => concepts[x]);
      key = id ? `concept:${id}` : 'other';
      make = () =>
        id ? { key, title: concepts[id]!.title, concept: concepts[id], claims: [] } : { key, title: otherTitle, claims: [] };
    }
    let g = groups.get(key);
    if (!g) groups.set(key, (g = make()));
    g.claims.push(c);
  }
  const list = [...groups.values()];
  if (by === 'category') list.sort((a, b) => b.claims.length - a.claims.length);
  // "other" always last
  return [...list.filter((g) => g.key !== 'other'), ...list.filter((g) => g.key === 'other')];
}

function Legend({ t, categories }: { t: Translate; categories: Record<Category, CategoryView> }) {
  return (
    <details class="cl-legend">
      <summary>{t('popup_legend')}</summary>
      <ul class="cl-legend__list">
        {CATEGORIES.map((cat) => (
          <li key={cat} data-category={cat}>
            <span class="cl-swatch" style={{ background: categories[cat].color }} aria-hidden="true" />
            {categories[cat].label}
          </li>
        ))}
      </ul>
    </details>
  );
}

function ClaimItem({
  claim,
  category,
  t,
  onSelect,
  onSave,
  saved,
  failed,
}: {
  claim: PopupClaimView;
  category: CategoryView | undefined;
  t: Translate;
  onSelect: (id: string) => void;
  onSave?: (id: string) => void;
  saved?: boolean;
  failed?: boolean;
}) {
  return (
    <li class="cl-claim" data-claim-id={claim.id}>
      <button type="button" class="cl-claim__button" title={t('popup_showClaim')} onClick={() => onSelect(claim.id)}>
        <span class="cl-swatch" style={{ background: category?.color }} aria-hidden="true" />
        <span class="cl-claim__body">
          <span class="cl-claim__text">{claim.text}</span>
          <span class="cl-claim__cat">{category?.label}</span>
          <span class="cl-claim__sentence">{claim.sentence}</span>
        </span>
      </button>
      {onSave && (
        <button
          type="button"
          class="cl-claim__save"
          data-action="save-claim"
          data-state={saved ? 'saved' : failed ? 'error' : 'idle'}
          disabled={saved}
          aria-label={`${saved ? t('card_savedNote') : t('card_saveNote')}: ${claim.text}`}
          onClick={() => onSave(claim.id)}
        >
          {saved ? t('card_savedNote') : failed ? t('note_error') : t('card_saveNote')}
        </button>
      )}
    </li>
  );
}

export function Popup(props: PopupProps) {
  const { t, status, origin, claims, concepts, categories, groupBy, onGroupBy, paused, pauseChanged, onTogglePause, onSelectClaim, focusConceptId } = props;
  const { notes, savedClaims = [], failedClaims = [], onSaveClaim, onSelectNote, onOpenLibrary } = props;
  const focusRef = useRef<HTMLElement>(null);
  useEffect(() => {
    focusRef.current?.scrollIntoView?.({ block: 'start' });
  }, [focusConceptId, status]);

  const totals = new Map<Category, number>();
  for (const c of claims) totals.set(c.category, (totals.get(c.category) ?? 0) + 1);
  const totalsList = [...totals.entries()].sort((a, b) => b[1] - a[1]);
  const groups = groupClaims(claims, groupBy, concepts, categories, t('popup_otherGroup'));
  const focused = focusConceptId ? concepts[focusConceptId] : undefined;

  return (
    <main class="cl-popup" data-status={status}>
      <header class="cl-popup__head">
        <h1 class="cl-popup__title">{t('popup_title')}</h1>
        {origin && <p class="cl-popup__origin">{origin}</p>}
      </header>

      {origin && (status === 'ok' || status === 'paused') && (
        <div class="cl-pause">
          <label class="cl-switch">
            <input type="checkbox" role="switch" data-testid="pause-switch" checked={paused} onChange={(e) => onTogglePause((e.currentTarget as HTMLInputElement).checked)} />
            <span>{t('popup_pause')}</span>
          </label>
          {pauseChanged && (
            <p class="cl-note" role="status">
              {t('popup_pauseReload')}
            </p>
          )}
        </div>
      )}

      {status === 'loading' && <p class="cl-empty">{t('popup_loading')}</p>}
      {status === 'unavailable' && (
        <p class="cl-empty" data-testid="empty-unavailable">
          {t('popup_cannotScan')}
        </p>
      )}
      {status === 'paused' && (
        <p class="cl-empty" data-testid="empty-paused">
          {t('popup_paused')}
        </p>
      )}
      {status === 'ok' && claims.length === 0 && (
        <p class="cl-empty" data-testid="empty-none">
          {t('popup_noClaims')}
        </p>
      )}

      {focused && (
        <section class="cl-focus" ref={focusRef} data-testid="focused-concept" data-concept={focused.id}>
          <p class="cl-focus__label">{t('popup_fromCard')}</p>
          <h2 class="cl-group__title">{focused.title}</h2>
          <p>{focused.summary}</p>
          <figure class="cl-quote">
            <blockquote>{focused.quote}</blockquote>
            <figcaption>{t('card_source', [focused.sourceTitle, focused.sourceAuthor])}</figcaption>
          </figure>
        </section>
      )}

      {status === 'ok' && claims.length > 0 && (
        <>
          <section class="cl-totals" aria-label={t('popup_totals')}>
            <h2 class="cl-h2">
              {t('popup_totals')} · {countLabel(t, claims.length)}
            </h2>
            {props.total !== undefined && props.total > claims.length && (
              <p class="cl-note" data-testid="listed-of">
                {t('popup_listedOf', [String(claims.length), String(props.total)])}
              </p>
            )}
            <ul class="cl-totals__list">
              {totalsList.map(([cat, n]) => (
                <li key={cat} data-category={cat}>
                  <span class="cl-swatch" style={{ background: categories[cat]?.color }} aria-hidden="true" />
                  <span class="cl-totals__label">{categories[cat]?.label ?? cat}</span>
                  <span class="cl-totals__n">{n}</span>
                </li>
              ))}
            </ul>
          </section>

          <fieldset class="cl-groupby">
            <legend>{t('popup_groupBy')}</legend>
            {(['concept', 'category'] as const).map((g) => (
              <label key={g}>
                <input type="radio" name="groupby" value={g} checked={groupBy === g} onChange={() => onGroupBy(g)} />
                {g === 'concept' ? t('popup_byConcept') : t('popup_byCategory')}
              </label>
            ))}
          </fieldset>
          <p class="cl-note">{t('popup_keyboardHint')}</p>

          <div class="cl-groups">
            {groups.map((g) => (
              <section class="cl-group" key={g.key} data-group={g.key}>
                <h2 class="cl-group__title">
                  {g.color && <span class="cl-swatch" style={{ background: g.color }} aria-hidden="true" />}
                  {g.title} <span class="cl-group__n">({g.claims.length})</span>
                </h2>
                {g.concept && (
                  <details class="cl-group__concept" open={g.concept.id === focusConceptId}>
                    <summary>{t('popup_about')}</summary>
                    <p class="cl-group__summary">{g.concept.summary}</p>
                    <figure class="cl-quote">
                      <blockquote>{g.concept.quote}</blockquote>
                      <figcaption>{t('card_source', [g.concept.sourceTitle, g.concept.sourceAuthor])}</figcaption>
                    </figure>
                  </details>
                )}
                <ul class="cl-claims">
                  {g.claims.map((c) => (
                    <ClaimItem
                      key={c.id}
                      claim={c}
                      category={categories[c.category]}
                      t={t}
                      onSelect={onSelectClaim}
                      onSave={onSaveClaim}
                      saved={savedClaims.includes(c.id)}
                      failed={failedClaims.includes(c.id)}
                    />
                  ))}
                </ul>
              </section>
            ))}
          </div>
        </>
      )}

      {notes && <PageNotes t={t} notes={notes} onSelect={onSelectNote} onOpenLibrary={onOpenLibrary} />}
      {!notes && onOpenLibrary && (
        <button type="button" class="cl-button-link" data-testid="open-library" onClick={onOpenLibrary}>
          {t('popup_openLibrary')}
        </button>
      )}

      <Legend t={t} categories={categories} />
      <footer class="cl-foot">{t('popup_privacy')}</footer>
    </main>
  );
}
