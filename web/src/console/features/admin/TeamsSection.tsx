import { useState, type FormEvent } from 'react';
import { useAgents } from '../../../shared/api/lookups';
import type { Agent, Team } from '../../../shared/api/types';
import { useT } from '../../../shared/i18n/I18nProvider';
import { Dialog } from '../../../shared/ui/Dialog';
import { useAdminTeams, useCreateTeam, useDeleteTeam, useUpdateTeam, type TeamBody } from './api';
import { useCalendars, type Calendar } from './calendars/api';
import { blamedFields, useApiErrorText } from './errors';
import { ConfirmDeleteDialog, Field, FormError, useFocusFirstError, QueryStatus } from './form';

const MAX_NAME = 100;
const MAX_DESCRIPTION = 2000;
const MODES = ['push', 'pull'] as const satisfies readonly Team['assignment_mode'][];
const TIERS = ['L1', 'L2', 'L3'] as const satisfies readonly NonNullable<Team['tier']>[];

/**
 * Name, description, business-hours calendar, assignment mode and support level of a team, for creating one or
 * editing it; when editing, its lead (an active member). Only changed calendar, lead, mode and level are sent.
 */
function TeamForm({
  team,
  calendars,
  agents,
  busy,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  team?: Team;
  calendars: Calendar[];
  agents: Agent[];
  busy: boolean;
  submitLabel: string;
  /** Resolves to the server's error message, or null when saved. */
  onSubmit: (body: TeamBody) => Promise<{ message: string; nameBlamed: boolean } | null>;
  onCancel?: () => void;
}) {
  const t = useT();
  const { ref, focusFirstError } = useFocusFirstError();
  const [name, setName] = useState(team?.name ?? '');
  const [description, setDescription] = useState(team?.description ?? '');
  const [calendarId, setCalendarId] = useState(team?.calendar_id ?? '');
  const [leadId, setLeadId] = useState(team?.lead_id ?? '');
  const [mode, setMode] = useState<Team['assignment_mode']>(team?.assignment_mode ?? 'push');
  const [tier, setTier] = useState<Team['tier']>(team?.tier ?? null);
  const members = team ? agents.filter((a) => a.active && a.team_ids.includes(team.id)) : [];
  const defaultCalendar = calendars.find((c) => c.is_default);
  const [nameError, setNameError] = useState<string | undefined>();
  const [serverError, setServerError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setServerError(null);
    const problem = !name.trim() ? t('common.required') : name.trim().length > MAX_NAME ? t('admin.form.tooLong', { max: MAX_NAME }) : undefined;
    setNameError(problem);
    if (problem) return focusFirstError();
    const body: TeamBody = { name: name.trim(), description: description.trim() };
    if (calendarId !== (team?.calendar_id ?? '')) body.calendar_id = calendarId || null;
    if (team && leadId !== (team.lead_id ?? '')) body.lead_id = leadId || null;
    if (mode !== (team?.assignment_mode ?? 'push')) body.assignment_mode = mode;
    if (tier !== (team?.tier ?? null)) body.tier = tier;
    const failed = await onSubmit(body);
    if (failed) {
      setNameError(failed.nameBlamed ? t('admin.error.nameTaken') : undefined);
      setServerError(failed.message);
      focusFirstError();
    } else if (!team) {
      setName('');
      setDescription('');
      setCalendarId('');
      setMode('push');
      setTier(null);
    }
  }

  return (
    <form ref={ref} onSubmit={submit} noValidate className="admin-form" aria-label={submitLabel}>
      <Field label={t('admin.teams.name')} error={nameError}>
        {(p) => <input {...p} value={name} maxLength={MAX_NAME} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field label={t('admin.teams.description')}>
        {(p) => (
          <textarea {...p} className="admin-short-text" value={description} maxLength={MAX_DESCRIPTION} onChange={(e) => setDescription(e.target.value)} />
        )}
      </Field>
      <Field label={t('admin.teams.calendar')}>
        {(p) => (
          <select {...p} value={calendarId} onChange={(e) => setCalendarId(e.target.value)}>
            <option value="">
              {defaultCalendar ? t('admin.teams.calendarDefaultNamed', { name: defaultCalendar.name }) : t('admin.teams.calendarDefault')}
            </option>
            {calendars.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="row admin-row-fields">
        <Field label={t('admin.teams.assignment')}>
          {(p) => (
            <select {...p} value={mode} onChange={(e) => setMode(e.target.value as Team['assignment_mode'])}>
              {MODES.map((m) => <option key={m} value={m}>{t(`admin.teams.assignment.${m}`)}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('admin.teams.tier')} hint={t('admin.teams.tierHint')}>
          {(p) => (
            <select {...p} value={tier ?? ''} onChange={(e) => setTier((e.target.value || null) as Team['tier'])}>
              <option value="">{t('admin.teams.tier.none')}</option>
              {TIERS.map((x) => <option key={x} value={x}>{t(`admin.teams.tier.${x}`)}</option>)}
            </select>
          )}
        </Field>
      </div>
      {team && (
        <Field label={t('admin.teams.lead')} hint={members.length ? t('admin.teams.leadHint') : t('admin.teams.leadNeedsMembers')}>
          {(p) => (
            <select {...p} value={leadId} onChange={(e) => setLeadId(e.target.value)}>
              <option value="">{t('admin.teams.noLead')}</option>
              {members.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <FormError message={serverError} />
      <div className="row admin-form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

/** Teams: list; administrators create, rename, describe and delete them (the server refuses while tickets belong to one). */
export function TeamsSection({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const errorText = useApiErrorText();
  const teams = useAdminTeams();
  const calendars = useCalendars();
  const agents = useAgents();
  const calendarName = (id: string | null) =>
    (id ? calendars.data?.find((c) => c.id === id)?.name : undefined) ?? t('admin.teams.calendarDefault');
  const agentName = (id: string | null) => (id ? agents.data?.find((a) => a.id === id)?.name : undefined) ?? '—';
  const create = useCreateTeam();
  const update = useUpdateTeam();
  const remove = useDeleteTeam();
  const [editing, setEditing] = useState<Team | null>(null);
  const [deleting, setDeleting] = useState<Team | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');

  const failure = (err: unknown) => ({ message: errorText(err), nameBlamed: blamedFields(err).includes('name') });

  async function confirmDelete(team: Team) {
    setDeleteError(null);
    try {
      await remove.mutateAsync(team.id);
      setDeleting(null);
      setNotice(t('admin.teams.deleted', { name: team.name }));
    } catch (err) {
      setDeleteError(errorText(err));
    }
  }

  return (
    <section aria-labelledby="admin-teams-title" className="admin-section">
      <h2 id="admin-teams-title">{t('admin.section.teams')}</h2>
      {!canEdit && <p className="muted">{t('admin.readOnly')}</p>}
      <p role="status" className="admin-notice">
        {notice}
      </p>
      <QueryStatus query={teams} />
      {teams.data && teams.data.length === 0 && <p>{t('admin.teams.empty')}</p>}
      {teams.data && teams.data.length > 0 && (
        <div className="table-scroll">
          <table className="table admin-table">
            <caption className="visually-hidden">{t('admin.section.teams')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.teams.name')}</th>
                <th scope="col">{t('admin.teams.description')}</th>
                <th scope="col">{t('admin.teams.members')}</th>
                <th scope="col">{t('admin.teams.calendar')}</th>
                <th scope="col">{t('admin.teams.lead')}</th>
                <th scope="col">{t('admin.teams.tier')}</th>
                <th scope="col">{t('admin.teams.assignment')}</th>
                {canEdit && <th scope="col">{t('admin.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {teams.data.map((team) => (
                <tr key={team.id}>
                  <th scope="row">{team.name}</th>
                  <td>{team.description || <span className="muted">{t('admin.teams.noDescription')}</span>}</td>
                  <td className="nowrap">{t('admin.teams.memberCount', { count: team.member_count })}</td>
                  <td>{calendarName(team.calendar_id)}</td>
                  <td>{agentName(team.lead_id)}</td>
                  <td>{team.tier ? t(`admin.teams.tier.${team.tier}`) : <span className="muted">{t('admin.teams.tier.none')}</span>}</td>
                  <td>{t(`admin.teams.assignment.${team.assignment_mode}.short`)}</td>
                  {canEdit && (
                    <td className="admin-actions">
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={() => setEditing(team)}
                        aria-label={t('admin.teams.editNamed', { name: team.name })}
                      >
                        {t('common.edit')}
                      </button>
                      <button
                        type="button"
                        className="btn btn-small btn-danger"
                        onClick={() => {
                          setDeleteError(null);
                          setDeleting(team);
                        }}
                        aria-label={t('admin.teams.deleteNamed', { name: team.name })}
                      >
                        {t('common.delete')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit && (
        <section className="card admin-create" aria-labelledby="admin-teams-new">
          <h3 id="admin-teams-new">{t('admin.teams.new')}</h3>
          <TeamForm
            calendars={calendars.data ?? []}
            agents={agents.data ?? []}
            busy={create.isPending}
            submitLabel={t('admin.teams.create')}
            onSubmit={async (body) => {
              try {
                const team = await create.mutateAsync(body);
                setNotice(t('admin.teams.created', { name: team.name }));
                return null;
              } catch (err) {
                return failure(err);
              }
            }}
          />
        </section>
      )}
      {editing && (
        <Dialog title={t('admin.teams.editNamed', { name: editing.name })} onClose={() => setEditing(null)}>
          <TeamForm
            team={editing}
            calendars={calendars.data ?? []}
            agents={agents.data ?? []}
            busy={update.isPending}
            submitLabel={t('common.save')}
            onCancel={() => setEditing(null)}
            onSubmit={async (body) => {
              try {
                const team = await update.mutateAsync({ id: editing.id, body });
                setEditing(null);
                setNotice(t('admin.teams.updated', { name: team.name }));
                return null;
              } catch (err) {
                return failure(err);
              }
            }}
          />
        </Dialog>
      )}
      {deleting && (
        <ConfirmDeleteDialog
          title={t('admin.teams.deleteNamed', { name: deleting.name })}
          message={t('admin.teams.deleteConfirm', { name: deleting.name, count: deleting.member_count })}
          error={deleteError}
          pending={remove.isPending}
          onConfirm={() => void confirmDelete(deleting)}
          onCancel={() => setDeleting(null)}
        />
      )}
    </section>
  );
}
