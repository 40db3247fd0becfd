import { memo, useState, type FormEvent } from 'react';
import { TIERS, type Agent, type Tier } from '../../../shared/api/types';
import { useTeams } from '../../../shared/api/lookups';
import { useLocale, useT } from '../../../shared/i18n/I18nProvider';
import { browserTimeZone, LOCALES, type Locale } from '../../../shared/i18n/locale';
import { useCreateAgent, useUpdateAgent, type AgentRole, type UpdateAgentBody } from './api';
import { blamedFields, useApiErrorText } from './errors';
import { Field, FormError, hasErrors, useFocusFirstError, type FieldErrors } from './form';
import { AgentSkillsField, sameSkillRefs, skillDraftErrors, toDrafts, toRefs, type SkillDraft } from './skills/AgentSkillsField';

export const AGENT_ROLES = ['agent', 'manager', 'admin'] as const satisfies readonly AgentRole[];
/** The server's password rule (src/security/passwords.ts). */
export const MIN_PASSWORD_LENGTH = 10;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isTimeZone(tz: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

let zones: readonly string[] | null = null;
const timeZones = (): readonly string[] => (zones ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);

/** The ~400 IANA zone names as suggestions; memoised so typing elsewhere in the form does not re-render them. */
const TimeZoneList = memo(function TimeZoneList() {
  return (
    <datalist id="admin-time-zones">
      {timeZones().map((z) => (
        <option key={z} value={z} />
      ))}
    </datalist>
  );
});

/** Team memberships as a group of checkboxes. */
function TeamsField({ value, onChange }: { value: string[]; onChange: (ids: string[]) => void }) {
  const t = useT();
  const teams = useTeams();
  return (
    <fieldset className="field admin-checks">
      <legend>{t('admin.agents.teams')}</legend>
      {teams.isPending && <span className="muted">{t('common.loading')}</span>}
      {teams.data?.length === 0 && <span className="muted">{t('admin.teams.empty')}</span>}
      {teams.data?.map((team) => (
        <label key={team.id} className="check">
          <input
            type="checkbox"
            checked={value.includes(team.id)}
            onChange={(e) => onChange(e.target.checked ? [...value, team.id] : value.filter((id) => id !== team.id))}
          />
          {team.name}
        </label>
      ))}
    </fieldset>
  );
}

function RoleTierFields(props: { role: AgentRole; tier: Tier; onRole: (r: AgentRole) => void; onTier: (t: Tier) => void }) {
  const t = useT();
  return (
    <div className="row admin-row-fields">
      <Field label={t('admin.agents.role')}>
        {(p) => (
          <select {...p} value={props.role} onChange={(e) => props.onRole(e.target.value as AgentRole)}>
            {AGENT_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`admin.role.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('admin.agents.tier')}>
        {(p) => (
          <select {...p} value={props.tier} onChange={(e) => props.onTier(e.target.value as Tier)}>
            {TIERS.map((tier) => (
              <option key={tier} value={tier}>
                {t(`tier.${tier}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}

type CreateField = 'name' | 'email' | 'password' | 'time_zone';

/** Creates an agent account (administrators). */
export function AgentCreateForm({ onDone, onCancel }: { onDone: (agent: Agent) => void; onCancel: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const errorText = useApiErrorText();
  const create = useCreateAgent();
  const { ref, focusFirstError } = useFocusFirstError();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<AgentRole>('agent');
  const [tier, setTier] = useState<Tier>('L1');
  const [language, setLanguage] = useState<Locale>(locale);
  const [timeZone, setTimeZone] = useState(() => browserTimeZone());
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [skills, setSkills] = useState<SkillDraft[]>([]);
  const [skillErrors, setSkillErrors] = useState<Record<number, string>>({});
  const [suggestZones, setSuggestZones] = useState(false);
  const [errors, setErrors] = useState<FieldErrors<CreateField>>({});
  const [serverError, setServerError] = useState<string | null>(null);

  function validate(): FieldErrors<CreateField> {
    return {
      name: name.trim() ? undefined : t('common.required'),
      email: !email.trim() ? t('common.required') : EMAIL.test(email.trim()) ? undefined : t('admin.form.invalidEmail'),
      password: password.length >= MIN_PASSWORD_LENGTH ? undefined : t('admin.agents.passwordRule', { min: MIN_PASSWORD_LENGTH }),
      time_zone: isTimeZone(timeZone.trim()) ? undefined : t('admin.agents.invalidTimeZone'),
    };
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = validate();
    const foundSkills = skillDraftErrors(skills, t);
    setErrors(found);
    setSkillErrors(foundSkills);
    setServerError(null);
    if (hasErrors(found) || Object.keys(foundSkills).length > 0) return focusFirstError();
    try {
      const agent = await create.mutateAsync({
        name: name.trim(),
        email: email.trim(),
        password,
        role,
        tier,
        language,
        time_zone: timeZone.trim(),
        team_ids: teamIds,
        ...(skills.length ? { skills: toRefs(skills) } : {}),
      });
      onDone(agent);
    } catch (err) {
      const blamed = blamedFields(err);
      setErrors({
        email: blamed.includes('email') ? t('admin.error.emailTaken') : undefined,
        password: blamed.includes('password') ? t('admin.agents.passwordRule', { min: MIN_PASSWORD_LENGTH }) : undefined,
        time_zone: blamed.includes('time_zone') ? t('admin.agents.invalidTimeZone') : undefined,
      });
      setServerError(errorText(err));
      focusFirstError();
    }
  }

  return (
    <form ref={ref} onSubmit={submit} noValidate className="admin-form" aria-label={t('admin.agents.new')}>
      <Field label={t('admin.agents.name')} error={errors.name}>
        {(p) => <input {...p} autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field label={t('admin.agents.email')} error={errors.email}>
        {(p) => <input {...p} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />}
      </Field>
      <Field
        label={t('admin.agents.initialPassword')}
        error={errors.password}
        hint={t('admin.agents.passwordHint', { min: MIN_PASSWORD_LENGTH })}
      >
        {(p) => <input {...p} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
      </Field>
      <RoleTierFields role={role} tier={tier} onRole={setRole} onTier={setTier} />
      <div className="row admin-row-fields">
        <Field label={t('admin.agents.language')}>
          {(p) => (
            <select {...p} value={language} onChange={(e) => setLanguage(e.target.value as Locale)}>
              {LOCALES.map((l) => (
                <option key={l} value={l} lang={l}>
                  {t(`lang.${l}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('admin.agents.timeZone')} error={errors.time_zone} hint={t('admin.agents.timeZoneHint')}>
          {(p) => (
            <>
              <input
                {...p}
                list="admin-time-zones"
                value={timeZone}
                onFocus={() => setSuggestZones(true)}
                onChange={(e) => setTimeZone(e.target.value)}
              />
              {suggestZones && <TimeZoneList />}
            </>
          )}
        </Field>
      </div>
      <TeamsField value={teamIds} onChange={setTeamIds} />
      <AgentSkillsField value={skills} onChange={setSkills} errors={skillErrors} />
      <FormError message={serverError} />
      <div className="row admin-form-actions">
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {t('common.create')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Edits an agent's role, tier, teams, skills and whether the account is active (administrators). */
export function AgentEditForm({ agent, onDone, onCancel }: { agent: Agent; onDone: (agent: Agent) => void; onCancel: () => void }) {
  const t = useT();
  const errorText = useApiErrorText();
  const update = useUpdateAgent();
  const { ref, focusFirstError } = useFocusFirstError();
  const [role, setRole] = useState<AgentRole>(agent.role);
  const [tier, setTier] = useState<Tier>(agent.tier);
  const [active, setActive] = useState(agent.active);
  const [teamIds, setTeamIds] = useState<string[]>(agent.team_ids);
  const [skills, setSkills] = useState<SkillDraft[]>(() => toDrafts(agent.skills));
  const [skillErrors, setSkillErrors] = useState<Record<number, string>>({});
  const [serverError, setServerError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = skillDraftErrors(skills, t);
    setSkillErrors(found);
    setServerError(null);
    if (Object.keys(found).length > 0) return focusFirstError();
    const refs = toRefs(skills);
    const body: UpdateAgentBody = {};
    if (role !== agent.role) body.role = role;
    if (tier !== agent.tier) body.tier = tier;
    if (active !== agent.active) body.active = active;
    if (!sameSet(teamIds, agent.team_ids)) body.team_ids = teamIds;
    if (!sameSkillRefs(refs, agent.skills)) body.skills = refs;
    if (Object.keys(body).length === 0) return onDone(agent);
    try {
      onDone(await update.mutateAsync({ id: agent.id, body }));
    } catch (err) {
      setServerError(errorText(err));
      focusFirstError();
    }
  }

  return (
    <form ref={ref} onSubmit={submit} noValidate className="admin-form" aria-label={t('admin.agents.editNamed', { name: agent.name })}>
      <p className="muted">{agent.email}</p>
      <RoleTierFields role={role} tier={tier} onRole={setRole} onTier={setTier} />
      <TeamsField value={teamIds} onChange={setTeamIds} />
      <AgentSkillsField value={skills} onChange={setSkills} errors={skillErrors} />
      <div className="field">
        <label className="check">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} aria-describedby="admin-agent-active-hint" />
          {t('admin.agents.activeLabel')}
        </label>
        <span id="admin-agent-active-hint" className="field-hint">
          {t('admin.agents.activeHint')}
        </span>
      </div>
      <FormError message={serverError} />
      <div className="row admin-form-actions">
        <button type="submit" className="btn btn-primary" disabled={update.isPending}>
          {t('common.save')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
