import { useState } from 'react';
import { useNames } from '../../../../shared/api/lookups';
import { useT } from '../../../../shared/i18n/I18nProvider';
import { Dialog } from '../../../../shared/ui/Dialog';
import { useOrganizationChoices } from '../../automations/api';
import { useCalendars } from '../calendars/api';
import { useApiErrorText } from '../errors';
import { FormError, QueryStatus } from '../form';
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
  const errorText = useApiErrorText();
  const appliesTo = useAppliesTo();
  const policies = useSlaPolicies();
  const calendars = useCalendars();
  const update = useUpdateSlaPolicy();
  const reorder = useReorderSlaPolicies();
  const remove = useDeleteSlaPolicy();
  const [editing, setEditing] = useState<SlaPolicy | 'new' | null>(null);
  const [deleting, setDeleting] = useState<SlaPolicy | null>(null);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const list = policies.data ?? [];
  const calendarName = (id: string | null) =>
    id ? (calendars.data?.find((c) => c.id === id)?.name ?? '…') : t('slaPolicies.form.teamCalendar');

  async function act(run: () => Promise<unknown>, done: string) {
    setError(null);
    try {
      await run();
      setNotice(done);
    } catch (err) {
      setError(errorText(err));
    }
  }

  const move = (i: number, by: -1 | 1) => {
    const ids = list.map((p) => p.id);
    [ids[i], ids[i + by]] = [ids[i + by]!, ids[i]!];
    void act(() => reorder.mutateAsync(ids), t('slaPolicies.moved', { name: list[i]!.name, position: i + by + 1 }));
  };

  return (
    <section aria-labelledby="admin-sla-title" className="admin-section">
      <div className="admin-section-header">
        <h2 id="admin-sla-title">{t('admin.section.sla-policies')}</h2>
        {canEdit && <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>{t('slaPolicies.new')}</button>}
      </div>
      <p>{t('slaPolicies.intro')}</p>
      {!canEdit && <p className="banner">{t('admin.readOnly')}</p>}
      <p role="status" className="admin-notice">{notice}</p>
      <FormError message={error} />
      <QueryStatus query={policies} />
      {policies.data && list.length === 0 && <p>{t('slaPolicies.empty')}</p>}
      {list.length > 0 && (
        <div className="table-scroll">
          <table className="table admin-table">
            <caption className="visually-hidden">{t('admin.section.sla-policies')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('slaPolicies.col.order')}</th>
                <th scope="col">{t('slaPolicies.col.name')}</th>
                <th scope="col">{t('slaPolicies.col.appliesTo')}</th>
                <th scope="col">{t('slaPolicies.col.calendar')}</th>
                <th scope="col">{t('slaPolicies.col.active')}</th>
                <th scope="col">{t('admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((p, i) => (
                <tr key={p.id} className={p.active ? undefined : 'inactive'}>
                  <td>{i + 1}</td>
                  <th scope="row">
                    {p.name}
                    {p.description && <span className="sla-policy-description">{p.description}</span>}
                  </th>
                  <td>{appliesTo(p)}</td>
                  <td>{calendarName(p.calendar_id)}</td>
                  <td>
                    {canEdit ? (
                      <label className="check">
                        <input type="checkbox" checked={p.active} disabled={update.isPending}
                          aria-label={t('slaPolicies.activeNamed', { name: p.name })}
                          onChange={(e) => {
                            const active = e.target.checked;
                            void act(() => update.mutateAsync({ id: p.id, body: { active } }),
                              t(active ? 'slaPolicies.activated' : 'slaPolicies.deactivated', { name: p.name }));
                          }} />
                        {p.active ? t('slaPolicies.active') : t('slaPolicies.inactive')}
                      </label>
                    ) : (
                      <span className={`badge ${p.active ? 'badge-ok' : 'badge-off'}`}>{p.active ? t('slaPolicies.active') : t('slaPolicies.inactive')}</span>
                    )}
                  </td>
                  <td className="admin-actions">
                    {canEdit && (
                      <>
                        <button type="button" className="btn btn-small" disabled={i === 0 || reorder.isPending}
                          aria-label={t('slaPolicies.moveUp', { name: p.name })} onClick={() => move(i, -1)}>
                          <span aria-hidden="true">↑</span>
                        </button>
                        <button type="button" className="btn btn-small" disabled={i === list.length - 1 || reorder.isPending}
                          aria-label={t('slaPolicies.moveDown', { name: p.name })} onClick={() => move(i, 1)}>
                          <span aria-hidden="true">↓</span>
                        </button>
                      </>
                    )}
                    <button type="button" className="btn btn-small" aria-label={t(canEdit ? 'slaPolicies.editNamed' : 'slaPolicies.viewNamed', { name: p.name })}
                      onClick={() => setEditing(p)}>
                      {canEdit ? t('common.edit') : t('slaPolicies.view')}
                    </button>
                    {canEdit && (
                      <button type="button" className="btn btn-small btn-danger" aria-label={t('slaPolicies.deleteNamed', { name: p.name })}
                        onClick={() => setDeleting(p)}>
                        {t('common.delete')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <Dialog
          title={editing === 'new' ? t('slaPolicies.new') : t(canEdit ? 'slaPolicies.editNamed' : 'slaPolicies.viewNamed', { name: editing.name })}
          onClose={() => setEditing(null)}
        >
          <SlaPolicyEditor
            policy={editing === 'new' ? null : editing}
            canEdit={canEdit}
            onCancel={() => setEditing(null)}
            onDone={(p) => {
              setNotice(t(editing === 'new' ? 'slaPolicies.created' : 'slaPolicies.updated', { name: p.name }));
              setEditing(null);
            }}
          />
        </Dialog>
      )}
      {deleting && (
        <Dialog title={t('slaPolicies.deleteNamed', { name: deleting.name })} onClose={() => setDeleting(null)}>
          <p>{t('slaPolicies.deleteConfirm', { name: deleting.name })}</p>
          <div className="row admin-form-actions">
            <button type="button" className="btn btn-danger" disabled={remove.isPending}
              onClick={() => {
                const p = deleting;
                setDeleting(null);
                void act(() => remove.mutateAsync(p.id), t('slaPolicies.deleted', { name: p.name }));
              }}>
              {t('common.delete')}
            </button>
            <button type="button" className="btn" onClick={() => setDeleting(null)}>{t('common.cancel')}</button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
