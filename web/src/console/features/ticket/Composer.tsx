import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { useIntl } from 'react-intl';
import type { Viewer } from '../../../../../src/realtime/protocol';
import { api } from '../../../shared/api/client';
import type { TimelineEntry } from '../../../shared/api/types';
import { useT } from '../../../shared/i18n/I18nProvider';
import { Dialog } from '../../../shared/ui/Dialog';
import { Markdown } from '../../../shared/ui/Markdown';
import { applyMacro, renderMacro, type Macro, type MacroActionType } from '../macros/api';
import { MacroChips, remainingActions } from '../macros/MacroChips';
import { MacroPicker } from '../macros/MacroPicker';
import { errorText, refreshAfterWrite } from './api';
import { replyCollision, replyIds, type Collision } from './collision';
import { clearDraft, loadDraft, saveDraft, type Draft } from './draft';
import { newIdempotencyKey } from './idempotency-key';
import { useTypingSignal } from './useTypingSignal';

export type ComposerMode = Draft['mode'];

export interface ComposerHandle {
  /** Switches to a mode and puts the cursor in the text (shortcuts r and n). */
  focus(mode: ComposerMode): void;
}

interface ComposerProps {
  ticketId: string;
  /** The timeline as loaded (undefined while loading): the collision check compares with it. */
  entries: readonly TimelineEntry[] | undefined;
  viewers: readonly Viewer[];
  meId: string;
  /** Escape in the text: where the focus goes next. */
  onEscape?: () => void;
  ref?: Ref<ComposerHandle>;
}

/**
 * Reply to the requester or add an internal note, in Markdown, with a preview and a kept draft. A macro puts its
 * reply in the text and its changes as chips; the reply is then sent through the macro (reply + changes at once).
 */
export function Composer({ ticketId, entries, viewers, meId, onEscape, ref }: ComposerProps) {
  const t = useT();
  const intl = useIntl();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => loadDraft(ticketId) ?? { mode: 'reply', text: '', baseline: null });
  const [preview, setPreview] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [collision, setCollision] = useState<Collision | null>(null);
  const [focusTick, setFocusTick] = useState(0);
  const textRef = useRef<HTMLTextAreaElement>(null);
  // One key per submission; a retry of the same text reuses it, so a reply that did land is not sent twice.
  const keyRef = useRef<string | null>(null);
  const typing = useTypingSignal(ticketId);
  const isReply = draft.mode === 'reply';
  const macro = isReply ? (draft.macro ?? null) : null;
  const macroChanges = macro ? remainingActions(macro).length : 0;
  const canSend = Boolean(draft.text.trim()) || macroChanges > 0;

  useEffect(() => saveDraft(ticketId, draft), [ticketId, draft]);
  useEffect(() => {
    // A draft begun (or restored) before the timeline loaded takes its baseline as soon as it has loaded.
    if (draft.text && draft.baseline === null && entries) setDraft((d) => ({ ...d, baseline: replyIds(entries) }));
  }, [draft.text, draft.baseline, entries]);
  useEffect(() => {
    if (focusTick > 0) textRef.current?.focus();
  }, [focusTick]);

  useImperativeHandle(ref, () => ({
    focus(mode) {
      setPreview(false);
      setMode(mode);
      setFocusTick((n) => n + 1);
    },
  }));

  function setMode(mode: ComposerMode) {
    keyRef.current = null;
    setDraft((d) => ({ ...d, mode }));
    if (draft.text.trim()) typing.start(mode);
  }

  function change(text: string) {
    keyRef.current = null;
    setError(null);
    setDone(null);
    setDraft((d) => ({
      ...d,
      text,
      baseline: !text ? null : (d.baseline ?? (entries ? replyIds(entries) : null)),
    }));
    if (text.trim()) typing.start(draft.mode);
    else typing.stop();
  }

  async function pickMacro(m: Macro) {
    setError(null);
    setDone(null);
    try {
      const r = await renderMacro(ticketId, m.id);
      keyRef.current = null;
      setPreview(false);
      setDraft((d) => {
        const text = d.text.trim() && r.body ? `${d.text.trimEnd()}\n\n${r.body}` : d.text.trim() ? d.text : r.body;
        const baseline = !text ? null : (d.baseline ?? (entries ? replyIds(entries) : null));
        return { mode: 'reply', text, baseline, macro: { id: m.id, name: m.name, actions: r.actions, omitted: [] } };
      });
      if (r.body.trim()) typing.start('reply');
      setFocusTick((n) => n + 1);
    } catch (e) {
      setError(errorText(t, e));
    }
  }

  function omitChange(type: MacroActionType) {
    keyRef.current = null;
    setDraft((d) => (d.macro ? { ...d, macro: { ...d.macro, omitted: [...d.macro.omitted, type] } } : d));
  }

  function detachMacro() {
    keyRef.current = null;
    setDraft((d) => ({ ...d, macro: null }));
  }

  async function submit(force = false) {
    const { text, mode } = draft;
    if (!canSend || sending) return;
    if (mode === 'reply' && text.trim() && !force) {
      const found = replyCollision({ meId, baseline: draft.baseline, entries: entries ?? [], viewers });
      if (found) {
        setCollision(found);
        return;
      }
    }
    setSending(true);
    setError(null);
    keyRef.current ??= newIdempotencyKey();
    try {
      if (macro) {
        const r = await applyMacro(ticketId, macro.id, { body: text, omit_actions: macro.omitted }, keyRef.current);
        void refreshAfterWrite(qc, ticketId, r.ticket);
      } else {
        const path = `/tickets/${ticketId}/${mode === 'reply' ? 'replies' : 'notes'}`;
        await api.post(path, { body: text }, { 'Idempotency-Key': keyRef.current });
        void refreshAfterWrite(qc, ticketId);
      }
      keyRef.current = null;
      typing.stop();
      clearDraft(ticketId);
      setDraft({ mode, text: '', baseline: null });
      setPreview(false);
      setDone(t(macro ? 'macros.composer.sent' : mode === 'reply' ? 'ticket.composer.sentReply' : 'ticket.composer.sentNote'));
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setSending(false);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      typing.stop();
      e.currentTarget.blur();
      onEscape?.();
    }
  }

  function keepEditing() {
    setCollision(null);
    // The agent has now seen the crossing reply: warn again only for newer ones.
    if (entries) setDraft((d) => ({ ...d, baseline: replyIds(entries) }));
    setFocusTick((n) => n + 1);
  }

  const list = (names: string[]) => intl.formatList(names, { type: 'conjunction' });
  const sendLabel = macro
    ? t(draft.text.trim() ? 'macros.composer.send' : 'macros.composer.applyOnly')
    : t(isReply ? 'ticket.composer.sendReply' : 'ticket.composer.sendNote');
  const label = isReply ? t('ticket.composer.replyLabel') : t('ticket.composer.noteLabel');
  return (
    <div className={`composer ${isReply ? 'composer-reply' : 'composer-note'}`}>
      <div className="row composer-toolbar">
        <div className="row">
          <div role="group" aria-label={t('ticket.composer.mode')} className="segmented">
            <button type="button" className="btn btn-small" aria-pressed={isReply} onClick={() => setMode('reply')}>
              {t('ticket.composer.reply')}
            </button>
            <button type="button" className="btn btn-small" aria-pressed={!isReply} onClick={() => setMode('note')}>
              {t('ticket.composer.note')}
            </button>
          </div>
          {isReply && <MacroPicker onPick={(m) => void pickMacro(m)} disabled={sending} />}
        </div>
        <div role="group" aria-label={t('ticket.composer.view')} className="segmented">
          <button type="button" className="btn btn-small" aria-pressed={!preview} onClick={() => setPreview(false)}>
            {t('ticket.composer.write')}
          </button>
          <button type="button" className="btn btn-small" aria-pressed={preview} onClick={() => setPreview(true)}>
            {t('ticket.composer.preview')}
          </button>
        </div>
      </div>
      {!isReply && <p className="composer-note-hint">{t('ticket.composer.noteHint')}</p>}
      {macro && <MacroChips macro={macro} onOmit={omitChange} onDetach={detachMacro} disabled={sending} />}
      <label className="visually-hidden" htmlFor="composer-text">
        {label}
      </label>
      <textarea
        id="composer-text"
        ref={textRef}
        hidden={preview}
        value={draft.text}
        readOnly={sending}
        placeholder={isReply ? t('ticket.composer.replyPlaceholder') : t('ticket.composer.notePlaceholder')}
        aria-describedby="composer-help"
        onChange={(e) => change(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={typing.stop}
      />
      {preview && (
        <section className="composer-preview" aria-label={t('ticket.composer.preview')}>
          {draft.text.trim() ? <Markdown source={draft.text} /> : <p className="muted">{t('ticket.composer.emptyPreview')}</p>}
        </section>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <p role="status" className="composer-status">
        {done}
      </p>
      <div className="row composer-actions">
        <button type="button" className="btn btn-primary" disabled={sending || !canSend} onClick={() => void submit()}>
          {sending ? t('ticket.composer.sending') : sendLabel}
        </button>
        <span id="composer-help" className="field-hint">
          {t('ticket.composer.help')}
        </span>
      </div>
      {collision && (
        <Dialog title={t('ticket.collision.title')} onClose={keepEditing}>
          {collision.repliedBy.length > 0 && (
            <p>{t('ticket.collision.replied', { names: list(collision.repliedBy), count: collision.repliedBy.length })}</p>
          )}
          {collision.composingBy.length > 0 && (
            <p>
              {t(collision.repliedBy.length ? 'ticket.collision.alsoComposing' : 'ticket.collision.composing', {
                names: list(collision.composingBy),
                count: collision.composingBy.length,
              })}
            </p>
          )}
          <div className="row dialog-actions">
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => {
                setCollision(null);
                void submit(true);
              }}
            >
              {t('ticket.collision.sendAnyway')}
            </button>
            <button type="button" className="btn" onClick={keepEditing}>
              {t('ticket.collision.keepEditing')}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
