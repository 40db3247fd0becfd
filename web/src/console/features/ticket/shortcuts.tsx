import { useEffect, useRef } from 'react';
import { useT } from '../../../shared/i18n/I18nProvider';

export type ShortcutKey = 'r' | 'n' | 'a' | 'e';

/** True when a key press belongs to what the user is typing or to an open dialog, not to the page. */
function typingOrModal(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null;
  if (el?.closest?.('input, textarea, select, [contenteditable=""], [contenteditable="true"], dialog')) return true;
  return Boolean(document.querySelector('dialog[open]'));
}

/** Single-letter shortcuts of the ticket page; ignored while typing, with a modifier, or in a dialog. */
export function useTicketShortcuts(handlers: Record<ShortcutKey, () => void>) {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.repeat || typingOrModal(e)) return;
      const key = e.key.toLowerCase();
      if (key === 'r' || key === 'n' || key === 'a' || key === 'e') {
        e.preventDefault();
        ref.current[key]();
      }
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

/** The help line listing the shortcuts. */
export function ShortcutHelp() {
  const t = useT();
  return (
    <section className="shortcut-help" aria-labelledby="shortcut-title">
      <h2 id="shortcut-title" className="shortcut-title">
        {t('shell.shortcuts')}
      </h2>
      <ul className="shortcut-list">
        <li>
          <kbd>r</kbd> {t('ticket.shortcut.reply')}
        </li>
        <li>
          <kbd>n</kbd> {t('ticket.shortcut.note')}
        </li>
        <li>
          <kbd>a</kbd> {t('ticket.shortcut.assign')}
        </li>
        <li>
          <kbd>e</kbd> {t('ticket.shortcut.escalate')}
        </li>
        <li>
          <kbd>{t('ticket.shortcut.escapeKey')}</kbd> {t('ticket.shortcut.escape')}
        </li>
        <li>
          <kbd>{t('ticket.shortcut.sendKeys')}</kbd> {t('ticket.shortcut.send')}
        </li>
      </ul>
    </section>
  );
}
