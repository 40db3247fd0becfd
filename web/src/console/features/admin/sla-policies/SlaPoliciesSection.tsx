import { useNames } from '../../../../shared/api/lookups';
import { useT } from '../../../../shared/i18n/I18nProvider';
import { useOrganizationChoices } from '../../automations/api';
import { useCalendars } from '../calendars/api';
import { OrderedRulesTable } from '../OrderedRulesTable';
import { useDeleteSlaPolicy, useReorderSlaPolicies, useSlaPolicies, useUpdateSlaPolicy, type SlaPolicy } from './api';
import { SlaPolicyEditor } from './SlaPolicyEditor';
import './sla-policies.css';

/** "Organizations: Client SA · Types: Incident": which tickets a policy is for, in a few words. */
function useAppliesTo() {
  const t = useT();
  const names = useNames();
  const organizations = useOrganizationChoices();
  return (p: SlaPolicy): string => {
    const c = p.conditions;
    const org = (id: string) => organizations.data?.find((o) => o.id === id)?.name ?? '…';
    const parts = [
      c.organization_ids?.length ? t('slaPolicies.applies.organizations', { list: c.organization_ids.map(org).join(', ') }) : null,
      c.types?.length ? t('slaPolicies.applies.types', { list: c.types.map((x) => t(`type.${x}`)).join(', ') }) : null,
      c.category_ids?.length ? t('slaPolicies.applies.categories', { list: c.category_ids.map((id) => names.category(id) ?? '…').join(', ') }) : null,
      c.channels?.length ? t('slaPolicies.applies.channels', { list: c.channels.map((x) => t(`channel.${x}`)).join(', ') }) : null,
    ].filter(Boolean);
    return parts.length ? parts.join(' · ') : t('slaPolicies.applies.all');
  };
}

/**
 * SLA policies (managers read, administrators change): tried in order, the first active one whose conditions
 * hold applies; moved up or down one place at a time, switched on and off, edited in a dialog.
 */
export function SlaPoliciesSection({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const appliesTo = useAppliesTo();
  const rules = useSlaPolicies();
  const update = useUpdateSlaPolicy();
  const reorder = useReorderSlaPolicies();
  const remove = useDeleteSlaPolicy();
  const calendars = useCalendars();
  const calendarName = (id: string | null) =>
    id ? (calendars.data?.find((c) => c.id === id)?.name ?? '…') : t('slaPolicies.form.teamCalendar');

  return (
    <OrderedRulesTable<SlaPolicy>
      title={t('admin.section.sla-policies')}
      messages="slaPolicies"
      canEdit={canEdit}
      rules={rules}
      update={update}
      reorder={reorder}
      remove={remove}
      rowHeader={(p) => (
        <>
          {p.name}
          {p.description && <span className="sla-policy-description">{p.description}</span>}
        </>
      )}
      columns={[
        { header: 'slaPolicies.col.appliesTo', cell: appliesTo },
        { header: 'slaPolicies.col.calendar', cell: (p) => calendarName(p.calendar_id) },
      ]}
      editor={({ rule, onDone, onCancel }) => <SlaPolicyEditor policy={rule} canEdit={canEdit} onDone={onDone} onCancel={onCancel} />}
    />
  );
}
