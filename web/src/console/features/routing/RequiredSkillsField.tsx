import { useId } from 'react';
import { useT } from '../../../shared/i18n/I18nProvider';
import { SkillOptions, type SkillDraft as SkillRow } from '../admin/skills/AgentSkillsField';
import { useSkillCatalogue } from '../admin/skills/api';
import { SKILL_LEVELS, type SkillLevel } from './api';

// Rows, their checks and the skill options are the agent form's (one skill editor, two layouts).
export {
  sameSkillRefs as sameSkills, skillDraftErrors as skillRowErrors, toDrafts as toRows, toRefs as toSkills,
  type SkillDraft as SkillRow,
} from '../admin/skills/AgentSkillsField';

let nextKey = 1_000_000;

/** The skills the next assignee must hold, each at a level from 1 (basic) to 3 (expert). */
export function RequiredSkillsField(props: { value: SkillRow[]; onChange: (rows: SkillRow[]) => void; errors: Record<number, string> }) {
  const t = useT();
  const id = useId();
  const catalogue = useSkillCatalogue();
  const set = (key: number, patch: Partial<SkillRow>) => props.onChange(props.value.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <fieldset className="field required-skills" aria-describedby={`${id}-hint`}>
      <legend>{t('routing.skills.legend')}</legend>
      <p id={`${id}-hint`} className="field-hint">{t('routing.skills.hint')}</p>
      {props.value.length === 0 && <p className="muted">{t('routing.skills.none')}</p>}
      {props.value.map((r, i) => {
        const error = props.errors[r.key];
        return (
          <div key={r.key} className="row skill-row">
            <label className="field">
              <span>{t('routing.skills.skill', { index: i + 1 })}</span>
              <select
                value={r.skill_id}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-${r.key}-error` : undefined}
                onChange={(e) => set(r.key, { skill_id: e.target.value })}
              >
                <SkillOptions catalogue={catalogue.data ?? []} current={r.skill_id} />
              </select>
            </label>
            <label className="field">
              <span>{t('routing.skills.level', { index: i + 1 })}</span>
              <select value={r.level} onChange={(e) => set(r.key, { level: Number(e.target.value) as SkillLevel })}>
                {SKILL_LEVELS.map((l) => (
                  <option key={l} value={l}>{t(`routing.level.${l}`)}</option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="btn btn-small btn-ghost"
              aria-label={t('routing.skills.remove', { index: i + 1 })}
              onClick={() => props.onChange(props.value.filter((x) => x.key !== r.key))}
            >
              ×
            </button>
            {error && <p id={`${id}-${r.key}-error`} className="field-error">{error}</p>}
          </div>
        );
      })}
      <button type="button" className="btn btn-small" onClick={() => props.onChange([...props.value, { key: nextKey++, skill_id: '', level: 1 }])}>
        {t('routing.skills.add')}
      </button>
    </fieldset>
  );
}
