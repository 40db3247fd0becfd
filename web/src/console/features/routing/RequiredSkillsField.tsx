import { useId } from 'react';
import { useLocale, useT } from '../../../shared/i18n/I18nProvider';
import { SKILL_KINDS, useSkillCatalogue, type Skill } from '../admin/skills/api';
import { skillName } from '../admin/skills/names';
import { SKILL_LEVELS, type RequiredSkill, type SkillLevel } from './api';

/** One row: a catalogue skill ('' until chosen) at a level; `key` keeps rows apart while editing. */
export interface SkillRow {
  key: number;
  skill_id: string;
  level: SkillLevel;
}

export const toRows = (skills: readonly RequiredSkill[]): SkillRow[] => skills.map((s, key) => ({ key, ...s }));
export const toSkills = (rows: readonly SkillRow[]): RequiredSkill[] => rows.map(({ skill_id, level }) => ({ skill_id, level }));

export function sameSkills(a: readonly RequiredSkill[], b: readonly RequiredSkill[]): boolean {
  const key = (s: RequiredSkill) => `${s.skill_id}:${s.level}`;
  return a.length === b.length && a.map(key).sort().join() === b.map(key).sort().join();
}

/** Errors by row key: a row without a skill, or a skill listed twice. */
export function skillRowErrors(rows: readonly SkillRow[], t: ReturnType<typeof useT>): Record<number, string> {
  const found: Record<number, string> = {};
  const seen = new Set<string>();
  for (const r of rows) {
    if (!r.skill_id) found[r.key] = t('routing.skills.missing');
    else if (seen.has(r.skill_id)) found[r.key] = t('routing.skills.duplicate');
    seen.add(r.skill_id);
  }
  return found;
}

function SkillOptions({ catalogue, current }: { catalogue: readonly Skill[]; current: string }) {
  const t = useT();
  const { locale } = useLocale();
  const byName = (a: Skill, b: Skill) => skillName(a, locale).localeCompare(skillName(b, locale), locale);
  return (
    <>
      <option value="">{t('routing.skills.pick')}</option>
      {SKILL_KINDS.map((kind) => {
        // A deactivated skill is offered only to the row that already has it.
        const offered = catalogue.filter((s) => s.kind === kind && (s.active || s.id === current)).sort(byName);
        if (!offered.length) return null;
        return (
          <optgroup key={kind} label={t(`routing.skills.group.${kind}`)}>
            {offered.map((s) => (
              <option key={s.id} value={s.id}>
                {s.active ? skillName(s, locale) : t('routing.skills.inactive', { name: skillName(s, locale) })}
              </option>
            ))}
          </optgroup>
        );
      })}
    </>
  );
}

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
