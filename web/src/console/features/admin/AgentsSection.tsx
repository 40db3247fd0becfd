import { QueryStatus } from './form';
import { useEffect, useState } from 'react';
import type { Agent } from '../../../shared/api/types';
import { useTeams } from '../../../shared/api/lookups';
import { useLocale, useT } from '../../../shared/i18n/I18nProvider';
import { Dialog } from '../../../shared/ui/Dialog';
import { useCurrentUser } from '../../../shared/auth/session';
import { AgentAvailabilityButton, AgentLoadCell, AgentStatusCell } from '../availability/AgentAvailability';
import { AgentCreateForm, AgentEditForm } from './AgentForms';
import { useAdminAgents } from './api';
import { skillName } from './skills/names';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** Agents: searchable list; administrators create agents and edit role, tier, teams, skills and activity. */
export function AgentsSection({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  // Managers and administrators set everyone's availability and capacity; only administrators edit accounts.
  const me = useCurrentUser();
  const manages = canEdit || me.role === 'manager' || me.role === 'admin';
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 250);
  const agents = useAdminAgents(q);
  const teams = useTeams();
  const teamName = new Map((teams.data ?? []).map((team) => [team.id, team.name]));
  const [dialog, setDialog] = useState<{ kind: 'create' } | { kind: 'edit'; agent: Agent } | null>(null);
  const [notice, setNotice] = useState('');

  return (
    <section aria-labelledby="admin-agents-title" className="admin-section">
      <div className="admin-section-header">
        <h2 id="admin-agents-title">{t('admin.section.agents')}</h2>
        {canEdit && (
          <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: 'create' })}>
            {t('admin.agents.new')}
          </button>
        )}
      </div>
      {!canEdit && <p className="muted">{t('admin.readOnly')}</p>}
      <div className="field admin-search">
        <label htmlFor="admin-agents-search">{t('admin.agents.search')}</label>
        <input
          id="admin-agents-search"
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          aria-describedby="admin-agents-search-hint"
        />
        <span id="admin-agents-search-hint" className="field-hint">
          {t('admin.agents.searchHint')}
        </span>
      </div>
      <p role="status" className="admin-notice">
        {notice}
      </p>
      <QueryStatus query={agents} />
      {agents.data && (
        <>
          <p className="muted" aria-live="polite">
            {t('admin.agents.count', { count: agents.data.length })}
          </p>
          {agents.data.length === 0 ? (
            <p>{t('admin.agents.empty')}</p>
          ) : (
            <div className="table-scroll">
              <table className="table admin-table">
                <caption className="visually-hidden">{t('admin.section.agents')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.agents.name')}</th>
                    <th scope="col">{t('admin.agents.email')}</th>
                    <th scope="col">{t('admin.agents.role')}</th>
                    <th scope="col">{t('admin.agents.tier')}</th>
                    <th scope="col">{t('admin.agents.teams')}</th>
                    <th scope="col">{t('admin.agents.skills')}</th>
                    <th scope="col">{t('admin.agents.status')}</th>
                    <th scope="col">{t('availability.column')}</th>
                    <th scope="col">{t('availability.loadColumn')}</th>
                    {manages && <th scope="col">{t('admin.actions')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {agents.data.map((a) => (
                    <tr key={a.id} className={a.active ? undefined : 'inactive'}>
                      <th scope="row">{a.name}</th>
                      <td className="wrap-anywhere">{a.email}</td>
                      <td>{t(`admin.role.${a.role}`)}</td>
                      <td>{t(`tier.${a.tier}`)}</td>
                      <td>{a.team_ids.map((id) => teamName.get(id) ?? id).join(', ') || t('admin.agents.noTeam')}</td>
                      <td>
                        {a.skills.length === 0
                          ? t('admin.agents.noSkill')
                          : a.skills.map((s) => t('admin.agents.skillWithLevel', { name: skillName(s, locale), level: s.level })).join(', ')}
                      </td>
                      <td>
                        <span className={`badge ${a.active ? 'badge-ok' : 'badge-off'}`}>
                          {a.active ? t('admin.agents.active') : t('admin.agents.inactive')}
                        </span>
                      </td>
                      <td>
                        <AgentStatusCell agent={a} />
                      </td>
                      <td>
                        <AgentLoadCell agent={a} />
                      </td>
                      {manages && (
                        <td>
                          <div className="row">
                            {canEdit && (
                              <button
                                type="button"
                                className="btn btn-small"
                                onClick={() => setDialog({ kind: 'edit', agent: a })}
                                aria-label={t('admin.agents.editNamed', { name: a.name })}
                              >
                                {t('common.edit')}
                              </button>
                            )}
                            <AgentAvailabilityButton agent={a} onSaved={() => setNotice(t('availability.saved'))} />
                          </div>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {dialog?.kind === 'create' && (
        <Dialog title={t('admin.agents.new')} onClose={() => setDialog(null)}>
          <AgentCreateForm
            onCancel={() => setDialog(null)}
            onDone={(agent) => {
              setDialog(null);
              setNotice(t('admin.agents.created', { name: agent.name }));
            }}
          />
        </Dialog>
      )}
      {dialog?.kind === 'edit' && (
        <Dialog title={t('admin.agents.editNamed', { name: dialog.agent.name })} onClose={() => setDialog(null)}>
          <AgentEditForm
            agent={dialog.agent}
            onCancel={() => setDialog(null)}
            onDone={(agent) => {
              setDialog(null);
              setNotice(t('admin.agents.updated', { name: agent.name }));
            }}
          />
        </Dialog>
      )}
    </section>
  );
}
