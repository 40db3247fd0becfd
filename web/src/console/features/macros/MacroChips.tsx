import { useT } from '../../../shared/i18n/I18nProvider';
import type { DescribedAction, MacroActionType } from './api';
import { useActionText } from './action-text';

/** A macro attached to the composer: the changes it will apply on send, each removable, and the macro itself. */
export interface AttachedMacro {
  id: string;
  name: string;
  actions: DescribedAction[];
  /** Changes the agent took off. */
  omitted: MacroActionType[];
}

export const remainingActions = (m: AttachedMacro): DescribedAction[] => m.actions.filter((a) => !m.omitted.includes(a.type));

export function MacroChips({ macro, onOmit, onDetach, disabled }: {
  macro: AttachedMacro;
  onOmit: (type: MacroActionType) => void;
  onDetach: () => void;
  disabled?: boolean;
}) {
  const t = useT();
  const text = useActionText();
  const remaining = remainingActions(macro);
  return (
    <div className="macro-attached">
      <div className="row macro-attached-head">
        <strong>{t('macros.composer.attached', { name: macro.name })}</strong>
        <button type="button" className="btn btn-ghost btn-small" onClick={onDetach} disabled={disabled}>
          {t('macros.composer.detach')}
        </button>
      </div>
      {remaining.length > 0 && (
        <ul className="tag-list" aria-label={t('macros.composer.changes')}>
          {remaining.map((a) => (
            <li key={a.type} className="tag">
              {text(a)}
              <button
                type="button"
                className="btn btn-small"
                disabled={disabled}
                aria-label={t('macros.composer.remove', { change: text(a) })}
                onClick={() => onOmit(a.type)}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
