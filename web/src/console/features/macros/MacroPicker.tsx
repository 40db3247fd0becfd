import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { usePopover } from '../../../shared/ui/usePopover';
import { Link } from 'wouter';
import { useT } from '../../../shared/i18n/I18nProvider';
import { useMacros, type Macro } from './api';
import './macros.css';

/**
 * The composer's "Macros" button: opens a search box over the shared macros and the agent's own (a combobox:
 * arrows move, Enter picks, Escape closes and gives the focus back to the button).
 */
export function MacroPicker({ onPick, disabled }: { onPick: (m: Macro) => void; disabled?: boolean }) {
  const t = useT();
  const { open, setOpen, wrapper, button } = usePopover();
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  // Fetched when the list opens, not with every ticket page.
  const macros = useMacros(q, { enabled: open });
  const items = macros.data?.data ?? [];

  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);
  useEffect(() => setActive(0), [q]);

  function close(focusButton: boolean) {
    setOpen(false);
    setQ('');
    if (focusButton) button.current?.focus();
  }

  function pick(m: Macro) {
    close(false);
    onPick(m);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (items.length) setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const m = items[active];
      if (m) pick(m);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
    }
  }

  const optionId = (i: number) => `${listId}-${i}`;
  return (
    <div className="macro-picker" ref={wrapper}>
      <button
        ref={button}
        type="button"
        className="btn btn-small"
        aria-haspopup="listbox"
        aria-expanded={open}
        disabled={disabled}
        onClick={() => (open ? close(false) : setOpen(true))}
      >
        {t('macros.picker.button')}
        <span aria-hidden="true" className="caret">
          ▾
        </span>
      </button>
      {open && (
        <div className="macro-picker-panel">
          <input
            ref={input}
            type="search"
            role="combobox"
            aria-label={t('macros.picker.search')}
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={items[active] ? optionId(active) : undefined}
            placeholder={t('macros.picker.search')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <ul id={listId} role="listbox" aria-label={t('macros.picker.list')} className="macro-picker-list">
            {items.map((m, i) => (
              <li
                key={m.id}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => setActive(i)}
                onClick={() => pick(m)}
              >
                <span>{m.name}</span>
                <span className="muted macro-picker-scope">{t(m.shared ? 'macros.shared' : 'macros.personal')}</span>
              </li>
            ))}
          </ul>
          {macros.isLoading && <p className="muted">{t('common.loading')}</p>}
          {macros.data && items.length === 0 && <p className="muted">{t(q.trim() ? 'macros.noMatch' : 'macros.empty')}</p>}
          <Link href="/macros" className="macro-picker-manage">
            {t('macros.picker.manage')}
          </Link>
        </div>
      )}
    </div>
  );
}
