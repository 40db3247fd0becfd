import { useLocale, useT } from '../../../../shared/i18n/I18nProvider';
import type { SkillRef } from '../api';
import { Field } from '../form';
import { SKILL_KINDS, useSkillCatalogue, type Skill } from './api';
import { skillName } from './names';

export type SkillLevel = SkillRef['level'];
export const SKILL_LEVELS = [1, 2, 3] as const satisfies readonly SkillLevel[];

/** One row of the editor: a catalogue skill ('' until chosen) at a level; `key` keeps rows apart while editing. */
export interface SkillDraft {
  key: number;
  skill_id: string;
  level: SkillLevel;
}

export const toDrafts = (skills: readonly SkillRef[]): SkillDraft[] =>
  skills.map((s, key) => ({ key, skill_id: s.skill_id, level: s.level }));

export const toRefs = (drafts: readonly SkillDraft[]): SkillRef[] => drafts.map(({ skill_id, level }) => ({ skill_id, level }));

export function sameSkillRefs(a: readonly SkillRef[], b: readonly SkillRef[]): boolean {
  return a.length === b.length && a.every((s, i) => s.skill_id === b[i]?.skill_id && s.level === b[i]?.level);
}

/** Inline errors by row key: a row without a skill, or a skill listed twice. */
export function skillDraftErrors(drafts: readonly SkillDraft[], t: ReturnType<typeof useT>): Record<number, string> {
  const found: Record<number, string> = {};
  const seen = new Set<string>();
  for (const d of drafts) {
    if (!d.skill_id) found[d.key] = t('skills.rowMissing');
    else if (seen.has(d.skill_id)) found[d.key] = t('admin.agents.skillDuplicate');
    seen.add(d.skill_id);
  }
  return found;
}

/** The options of one row: active skills by kind, plus the row's own skill when it was deactivated since. */
export function SkillOptions({ catalogue, current }: { catalogue: readonly Skill[]; current: string }) {
  const t = useT();
  const { locale } = useLocale();
  const byName = (a: Skill, b: Skill) => skillName(a, locale).localeCompare(skillName(b, locale), locale);
  return (
    <>
      <option value="">{t('skills.pick')}</option>
      {SKILL_KINDS.map((kind) => {
        const offered = catalogue.filter((s) => s.kind === kind && (s.active || s.id === current)).sort(byName);
        if (!offered.length) return null;
        return (
          <optgroup key={kind} label={t(`skills.group.${kind}`)}>
            {offered.map((s) => (
              <option key={s.id} value={s.id}>
                {s.active ? skillName(s, locale) : t('skills.inactiveOption', { name: skillName(s, locale) })}
              </option>
            ))}
          </optgroup>
        );
      })}
    </>
  );
}

// New rows' keys only need to differ from the loaded rows' (0…n, from toDrafts).
let nextKey = 1_000_000;

/** An agent's skills, picked from the catalogue, each at a level from 1 (basic) to 3 (expert); rows are added and removed. */
export function AgentSkillsField(props: {
  value: SkillDraft[];
  onChange: (drafts: SkillDraft[]) => void;
  errors: Record<number, string>;
}) {
  const t = useT();
  const catalogue = useSkillCatalogue();
  const set = (key: number, patch: Partial<SkillDraft>) => props.onChange(props.value.map((d) => (d.key === key ? { ...d, ...patch } : d)));
  return (
    <fieldset className="field admin-skills">
      <legend>{t('admin.agents.skills')}</legend>
      <p className="field-hint">{t('admin.agents.skillsHint')}</p>
      {catalogue.isPending && <span className="muted">{t('common.loading')}</span>}
      {catalogue.data?.length === 0 && <p className="muted">{t('skills.catalogueEmpty')}</p>}
      {props.value.length === 0 && <p className="muted">{t('admin.agents.noSkill')}</p>}
      {props.value.map((d, index) => (
        <div key={d.key} className="row skill-row">
          <Field label={t('admin.agents.skillName', { index: index + 1 })} error={props.errors[d.key]}>
            {(p) => (
              <select {...p} value={d.skill_id} onChange={(e) => set(d.key, { skill_id: e.target.value })}>
                <SkillOptions catalogue={catalogue.data ?? []} current={d.skill_id} />
              </select>
            )}
          </Field>
          <Field label={t('admin.agents.skillLevel', { index: index + 1 })}>
            {(p) => (
              <select {...p} value={d.level} onChange={(e) => set(d.key, { level: Number(e.target.value) as SkillLevel })}>
                {SKILL_LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {t(`admin.skillLevel.${l}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button
            type="button"
            className="btn btn-small btn-ghost"
            onClick={() => props.onChange(props.value.filter((x) => x.key !== d.key))}
            aria-label={t('admin.agents.removeSkill', { index: index + 1 })}
          >
            {t('admin.agents.remove')}
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-small" onClick={() => props.onChange([...props.value, { key: nextKey++, skill_id: '', level: 1 }])}>
        {t('admin.agents.addSkill')}
      </button>
    </fieldset>
  );
}
