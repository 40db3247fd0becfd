import { useTeams } from '../../../../shared/api/lookups';
import { useLocale, useT } from '../../../../shared/i18n/I18nProvider';
import type { Problem } from '../rule-editor';
import { useSkillCatalogue } from '../skills/api';
import { skillName } from '../skills/names';
import { ChipsInput } from './ChipsInput';
import {
  ADJUSTS, LEVELS, MAX_TAG_LENGTH, MAX_TAGS, newSkillRow, TIERS, type Adjust, type RuleDraft, type RuleTier, type SkillLevel,
} from './rule-form';

type Outcome = Pick<RuleDraft, 'teamId' | 'tier' | 'skills' | 'adjust' | 'tags'>;

/** Where the rule sends the ticket: team, support level, the skills its agent needs, a priority adjustment, tags. */
export function RuleOutcomeFields({ value, problem, exact, disabled, onChange }: {
  value: Outcome;
  problem: (path: string) => Problem;
  exact: (path: string) => Problem;
  disabled: boolean;
  onChange: (patch: Partial<Outcome>) => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const teams = useTeams();
  const catalogue = useSkillCatalogue();
  const skills = [...(catalogue.data ?? [])].sort((a, b) => skillName(a, locale).localeCompare(skillName(b, locale), locale));
  const error = (p: Problem) => (p ? <span className="field-error" lang={p.english ? 'en' : undefined}>{p.text}</span> : null);
  const setRow = (i: number, patch: Partial<Outcome['skills'][number]>) =>
    onChange({ skills: value.skills.map((s, j) => (j === i ? { ...s, ...patch } : s)) });

  return (
    <fieldset className="routing-outcome">
      <legend>{t('routingRules.form.outcome')}</legend>
      <div className="row admin-row-fields">
        <div className="field">
          <label htmlFor="routing-team">{t('routingRules.form.team')}</label>
          <select id="routing-team" value={value.teamId} disabled={disabled} aria-invalid={Boolean(problem('outcome.team_id'))}
            onChange={(e) => onChange({ teamId: e.target.value })}>
            <option value="">{t('routingRules.form.keepTeam')}</option>
            {(teams.data ?? []).map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
          </select>
          {error(problem('outcome.team_id'))}
        </div>
        <div className="field">
          <label htmlFor="routing-tier">{t('routingRules.form.tier')}</label>
          <select id="routing-tier" value={value.tier} disabled={disabled} onChange={(e) => onChange({ tier: e.target.value as RuleTier | '' })}>
            <option value="">{t('routingRules.form.noTier')}</option>
            {TIERS.map((x) => <option key={x} value={x}>{t(`admin.teams.tier.${x}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="routing-adjust">{t('routingRules.form.priorityAdjust')}</label>
          <select id="routing-adjust" value={value.adjust} disabled={disabled} onChange={(e) => onChange({ adjust: e.target.value as Adjust | '' })}>
            <option value="">{t('routingRules.form.adjust.none')}</option>
            {ADJUSTS.map((x) => <option key={x} value={x}>{t(`routingRules.form.adjust.${x}`)}</option>)}
          </select>
        </div>
      </div>

      <fieldset className="routing-skills">
        <legend>{t('routingRules.form.skills')}</legend>
        <p className="field-hint">{t('routingRules.form.skillsHint')}</p>
        {value.skills.length === 0 && <p className="muted">{t('routingRules.form.noSkills')}</p>}
        {value.skills.map((row, i) => {
          const number = i + 1;
          const own = exact(`outcome.required_skills.${i}`);
          const skillProblem = exact(`outcome.required_skills.${i}.skill_id`);
          return (
            <div key={row.key} className="row routing-skill-row">
              <select aria-label={t('routingRules.form.skillNumbered', { number })} value={row.skillId} disabled={disabled}
                aria-invalid={Boolean(skillProblem ?? own)} onChange={(e) => setRow(i, { skillId: e.target.value })}>
                <option value="">{t('routingRules.form.chooseSkill')}</option>
                {skills.filter((s) => s.active || s.id === row.skillId).map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.active ? skillName(s, locale) : t('routingRules.form.inactiveSkill', { name: skillName(s, locale) })}
                  </option>
                ))}
              </select>
              <select aria-label={t('routingRules.form.levelNumbered', { number })} value={row.level} disabled={disabled}
                onChange={(e) => setRow(i, { level: Number(e.target.value) as SkillLevel })}>
                {LEVELS.map((l) => <option key={l} value={l}>{t(`routingRules.form.level.${l}`)}</option>)}
              </select>
              {!disabled && (
                <button type="button" className="btn btn-small" aria-label={t('routingRules.form.removeSkill', { number })}
                  onClick={() => onChange({ skills: value.skills.filter((_, j) => j !== i) })}>
                  ×
                </button>
              )}
              {error(skillProblem ?? own ?? exact(`outcome.required_skills.${i}.level`))}
            </div>
          );
        })}
        {!disabled && (
          <button type="button" className="btn btn-small" onClick={() => onChange({ skills: [...value.skills, newSkillRow()] })}>
            {t('routingRules.form.addSkill')}
          </button>
        )}
      </fieldset>

      <ChipsInput label={t('routingRules.form.tags')} values={value.tags} onChange={(tags) => onChange({ tags })} disabled={disabled}
        max={MAX_TAGS} maxLength={MAX_TAG_LENGTH} problem={problem('outcome.tags')} />
    </fieldset>
  );
}
