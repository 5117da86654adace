import { useEffect, useRef } from 'preact/hooks';
import type { CardClaimView, ConceptView, Translate } from './types';

const CONTEXT = 160;

/** The sentence with the claim marked; long sentences are cut around the claim. Text only. */
export function splitSentence(claim: Pick<CardClaimView, 'text' | 'sentence' | 'sentenceOffset'>): { before: string; text: string; after: string } {
  const { text, sentence } = claim;
  let at = claim.sentenceOffset ?? -1;
  if (at < 0 || sentence.slice(at, at + text.length) !== text) at = sentence.indexOf(text);
  if (!text || at < 0) return { before: '', text, after: '' };
  let before = sentence.slice(0, at);
  let after = sentence.slice(at + text.length);
  if (before.length > CONTEXT) before = `…${before.slice(-CONTEXT).replace(/^\S*\s/, '')}`;
  if (after.length > CONTEXT) after = `${after.slice(0, CONTEXT).replace(/\s\S*$/, '')}…`;
  return { before, text, after };
}

function SentenceWithClaim({ claim }: { claim: CardClaimView }) {
  const { before, text, after } = splitSentence(claim);
  return (
    <>
      {before}
      <mark class="cl-card__mark" data-testid="claim-text" style={{ textDecorationColor: claim.category.color }}>
        {text}
      </mark>
      {after}
    </>
  );
}

export interface ClaimCardProps {
  claim: CardClaimView;
  concepts: ConceptView[];
  t: Translate;
  onClose: () => void;
  onShowConcept: (conceptId: string) => void;
  /** A line shown under the concepts (e.g. "click the toolbar button…"). */
  notice?: string;
  /** Move keyboard focus into the card when it opens (true when opened from the keyboard/popup). */
  autoFocus?: boolean;
  /** "Save as note": keeps the claim's category and concepts. Absent: no button. */
  onSaveNote?: () => void;
  /** State of that save ('saved' once stored, also when it was saved before in this page view). */
  saveState?: 'idle' | 'saving' | 'saved' | 'error';
}

/**
 * The in-page card: what the claim is, why it was flagged and the concepts it links to.
 * Rendered inside a shadow root by the content script; page text goes through Preact as text.
 */
export function ClaimCard({ claim, concepts, t, onClose, onShowConcept, notice, autoFocus, onSaveNote, saveState = 'idle' }: ClaimCardProps) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (autoFocus) closeRef.current?.focus();
  }, [autoFocus, claim.id]);
  const titleId = `cl-card-title-${claim.id}`;
  return (
    <section
      class="cl-card"
      role="dialog"
      aria-labelledby={titleId}
      data-category={claim.category.category}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <header class="cl-card__head">
        <span class="cl-swatch" style={{ background: claim.category.color }} aria-hidden="true" />
        <div class="cl-card__titles">
          <p class="cl-card__kicker">{t('card_label')}</p>
          <h2 class="cl-card__title" id={titleId}>
            {claim.category.label}
          </h2>
        </div>
        <button ref={closeRef} type="button" class="cl-card__close" aria-label={t('card_close')} title={t('card_close')} onClick={onClose}>
          ×
        </button>
      </header>

      <blockquote class="cl-card__claim" data-testid="claim-sentence">
        <SentenceWithClaim claim={claim} />
      </blockquote>
      {onSaveNote && (
        <p class="cl-card__save">
          <button
            type="button"
            class="cl-button"
            data-action="save-note"
            data-state={saveState}
            disabled={saveState === 'saving' || saveState === 'saved'}
            onClick={onSaveNote}
          >
            {saveState === 'saved' ? t('card_savedNote') : t('card_saveNote')}
          </button>
          {saveState === 'error' && (
            <span class="cl-card__save-error" role="alert">
              {' '}
              {t('note_error')}
            </span>
          )}
        </p>
      )}

      <h3 class="cl-h3">{t('card_why')}</h3>
      <p class="cl-card__desc">{claim.category.description}</p>
      {claim.signals.length > 0 && (
        <>
          <p class="cl-card__label">{t('card_signals')}</p>
          <ul class="cl-card__signals">
            {claim.signals.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
        </>
      )}

      <h3 class="cl-h3">{t('card_concepts')}</h3>
      {concepts.length === 0 ? (
        <p class="cl-card__empty">{t('card_noConcepts')}</p>
      ) : (
        <ul class="cl-concepts">
          {concepts.map((c) => (
            <li class="cl-concept" key={c.id} data-concept={c.id}>
              <h4 class="cl-concept__title">{c.title}</h4>
              {c.why && <p class="cl-concept__why">{c.why}</p>}
              <p class="cl-concept__summary">{c.summary}</p>
              <figure class="cl-concept__quote">
                <blockquote>{c.quote}</blockquote>
                <figcaption>{t('card_source', [c.sourceTitle, c.sourceAuthor])}</figcaption>
              </figure>
              <button type="button" class="cl-button" onClick={() => onShowConcept(c.id)}>
                {t('card_seeInPopup')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {notice && (
        <p class="cl-card__notice" role="status">
          {notice}
        </p>
      )}
    </section>
  );
}
