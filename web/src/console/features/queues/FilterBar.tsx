import { useEffect, useMemo, useState, type ReactNode, type Ref } from 'react';
import { useAgents, useCategories, useTeams } from '../../../shared/api/lookups';
import { CHANNELS, PRIORITIES, TICKET_STATUSES, TIERS } from '../../../shared/api/types';
import { useLocale, useT } from '../../../shared/i18n/I18nProvider';
import { MultiFilter, type FilterOption } from './MultiFilter';
import { parseCsv, setOverride, shownValue, toCsv, type TicketQuery, type UrlKey } from './query';

/**
 * One bar for full-text search and filters. It shows the queue's query with the URL's overrides applied and
 * reports changes as new overrides (the page writes them to the URL).
 */
export function FilterBar({
  base,
  overrides,
  onChange,
  searchRef,
  actions,
}: {
  base: TicketQuery;
  overrides: TicketQuery;
  onChange: (overrides: Record<string, string>) => void;
  searchRef: Ref<HTMLInputElement>;
  /** Buttons shown at the end of the bar (reset, save as view…). */
  actions?: ReactNode;
}) {
  const t = useT();
  const { locale } = useLocale();
  const agents = useAgents();
  const teams = useTeams();
  const categories = useCategories();

  const value = (key: UrlKey) => shownValue(base, overrides, key);
  const set = (key: UrlKey, v: string) => onChange(setOverride(base, overrides, key, v));

  const appliedQ = value('q');
  const [text, setText] = useState(appliedQ);
  // Follow the URL (back button, reset, another queue).
  useEffect(() => setText(appliedQ), [appliedQ]);

  const multi = (key: UrlKey, order: readonly string[], label: string, options: FilterOption[]) => (
    <MultiFilter
      label={label}
      options={options}
      selected={parseCsv(value(key))}
      onChange={(values) => set(key, toCsv(values, order))}
    />
  );

  const teamOptions = useMemo(
    () => [...(teams.data ?? [])].sort((a, b) => a.name.localeCompare(b.name, locale)),
    [teams.data, locale],
  );
  const assignee = value('assignee');
  const agentOptions = useMemo(
    () =>
      [...(agents.data ?? [])]
        .filter((a) => a.active || a.id === assignee)
        .sort((a, b) => a.name.localeCompare(b.name, locale)),
    [agents.data, assignee, locale],
  );
  const categoryOptions = useMemo(
    () =>
      [...(categories.data ?? [])].sort((a, b) => a.full_name[locale].localeCompare(b.full_name[locale], locale)),
    [categories.data, locale],
  );
  /** A selected id the lookups do not list (yet): still an option, so the select shows it. */
  const missing = (v: string, known: readonly { id: string }[], fixed: readonly string[]) =>
    v && !fixed.includes(v) && !known.some((k) => k.id === v) ? <option value={v}>{v}</option> : null;

  return (
    <div className="filter-bar" role="search" aria-label={t('queues.filters')}>
      <form
        className="search-form"
        onSubmit={(e) => {
          e.preventDefault();
          set('q', text.trim());
        }}
      >
        <label className="visually-hidden" htmlFor="ticket-search">
          {t('queues.search.label')}
        </label>
        <input
          ref={searchRef}
          id="ticket-search"
          type="search"
          name="q"
          value={text}
          placeholder={t('queues.search.placeholder')}
          onChange={(e) => {
            setText(e.target.value);
            // The field's own clear button (×) empties it: apply at once.
            if (e.target.value === '' && appliedQ !== '') set('q', '');
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') e.currentTarget.blur();
          }}
        />
        <button type="submit" className="btn btn-small">
          {t('common.search')}
        </button>
      </form>
      <div className="filter-controls">
        {multi(
          'status',
          TICKET_STATUSES,
          t('queues.filter.status'),
          TICKET_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
        )}
        {multi(
          'priority',
          PRIORITIES,
          t('queues.filter.priority'),
          PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) })),
        )}
        {multi('tier', TIERS, t('queues.filter.tier'), TIERS.map((x) => ({ value: x, label: t(`tier.${x}`) })))}
        {multi(
          'channel',
          CHANNELS,
          t('queues.filter.channel'),
          CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) })),
        )}
        <label className="filter-select">
          <span className="visually-hidden">{t('queues.filter.team')}</span>
          <select value={value('team')} onChange={(e) => set('team', e.target.value)}>
            <option value="">{t('queues.filter.anyTeam')}</option>
            <option value="mine">{t('queues.team.mine')}</option>
            <option value="none">{t('queues.team.none')}</option>
            {teamOptions.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
            {missing(value('team'), teamOptions, ['mine', 'none'])}
          </select>
        </label>
        <label className="filter-select">
          <span className="visually-hidden">{t('queues.filter.assignee')}</span>
          <select value={assignee} onChange={(e) => set('assignee', e.target.value)}>
            <option value="">{t('queues.filter.anyAssignee')}</option>
            <option value="me">{t('queues.assignee.me')}</option>
            <option value="none">{t('queues.assignee.none')}</option>
            {agentOptions.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
            {missing(assignee, agentOptions, ['me', 'none'])}
          </select>
        </label>
        <label className="filter-select">
          <span className="visually-hidden">{t('queues.filter.category')}</span>
          <select value={value('category')} onChange={(e) => set('category', e.target.value)}>
            <option value="">{t('queues.filter.anyCategory')}</option>
            {categoryOptions.map((c) => (
              <option key={c.id} value={c.id}>
                {c.full_name[locale]}
              </option>
            ))}
            {missing(value('category'), categoryOptions, [])}
          </select>
        </label>
        {actions}
      </div>
    </div>
  );
}
