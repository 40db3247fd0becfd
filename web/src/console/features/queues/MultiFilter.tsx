import { useId } from 'react';
import { usePopover } from '../../../shared/ui/usePopover';
import { useT } from '../../../shared/i18n/I18nProvider';

export interface FilterOption {
  value: string;
  label: string;
}

/**
 * A filter over several values (statuses, priorities…): a button saying what is selected, opening a group of
 * checkboxes. Escape or a click outside closes it; focus returns to the button on Escape.
 */
export function MultiFilter({
  label,
  options,
  selected,
  onChange,
}: {
  label: string;
  options: readonly FilterOption[];
  selected: readonly string[];
  onChange: (values: string[]) => void;
}) {
  const t = useT();
  const { open, setOpen, wrapper, button } = usePopover();
  const panelId = useId();


  const labels = options.filter((o) => selected.includes(o.value)).map((o) => o.label);
  const summary =
    labels.length === 0
      ? label
      : t('queues.filter.summary', {
          label,
          values: labels.length <= 2 ? labels.join(', ') : t('queues.filter.selected', { count: labels.length }),
        });

  const toggle = (value: string, checked: boolean) =>
    onChange(checked ? [...selected, value] : selected.filter((v) => v !== value));

  return (
    <div
      className="multi-filter"
      ref={wrapper}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
      onBlur={(e) => {
        if (open && !e.currentTarget.contains(e.relatedTarget as Node | null) && e.relatedTarget) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className={`btn btn-small filter-button${labels.length ? ' filter-active' : ''}`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        {summary}
        <span aria-hidden="true" className="caret">
          ▾
        </span>
      </button>
      {open && (
        <fieldset id={panelId} className="filter-panel">
          <legend className="visually-hidden">{label}</legend>
          {options.map((o) => (
            <label key={o.value} className="filter-option">
              <input
                type="checkbox"
                checked={selected.includes(o.value)}
                onChange={(e) => toggle(o.value, e.target.checked)}
              />
              {o.label}
            </label>
          ))}
          {selected.length > 0 && (
            <button type="button" className="btn btn-ghost btn-small" onClick={() => onChange([])}>
              {t('queues.filter.clearGroup')}
            </button>
          )}
        </fieldset>
      )}
    </div>
  );
}
