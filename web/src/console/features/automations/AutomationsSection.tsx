import { useState } from 'react';
import { useT } from '../../../shared/i18n/I18nProvider';
import { Dialog } from '../../../shared/ui/Dialog';
import { useApiErrorText } from '../admin/errors';
import { FormError, QueryStatus } from '../admin/form';
import { useAutomations, useDeleteAutomation, useReorderAutomations, useUpdateAutomation, type Automation } from './api';
import { AutomationEditor } from './AutomationEditor';
import './automations.css';
import { TestPanel } from './TestPanel';

/** "Created, replied" / "After 24 business hours in the same status": how a rule starts, in a few words. */
function useTrigger() {
  const t = useT();
  return (a: Automation): string => {
    if (a.kind === 'event' || !a.timing) {
      return t('automations.summary.events', { events: a.events.map((e) => t(`automations.event.${e}`)).join(', ') });
    }
    return t(a.timing.business ? 'automations.summary.timeBusiness' : 'automations.summary.time', {
      hours: a.timing.hours, since: t(`automations.since.${a.timing.since}`),
    });
  };
}

/**
 * Automations (managers read, administrators change): the ordered list with each rule's trigger, actions and
 * active switch, moved up or down one place at a time; the editor; a dry run against a ticket.
 */
export function AutomationsSection({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const errorText = useApiErrorText();
  const trigger = useTrigger();
  const automations = useAutomations();
  const update = useUpdateAutomation();
  const reorder = useReorderAutomations();
  const remove = useDeleteAutomation();
  const [editing, setEditing] = useState<Automation | 'new' | null>(null);
  const [testing, setTesting] = useState<Automation | null>(null);
  const [deleting, setDeleting] = useState<Automation | null>(null);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const list = automations.data ?? [];

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
    const ids = list.map((a) => a.id);
    [ids[i], ids[i + by]] = [ids[i + by]!, ids[i]!];
    const a = list[i]!;
    void act(() => reorder.mutateAsync(ids), t('automations.moved', { name: a.name, position: i + by + 1 }));
  };

  return (
    <section aria-labelledby="admin-automations-title" className="admin-section">
      <div className="admin-section-header">
        <h2 id="admin-automations-title">{t('admin.section.automations')}</h2>
        {canEdit && <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>{t('automations.new')}</button>}
      </div>
      <p>{t('automations.intro')}</p>
      {!canEdit && <p className="banner">{t('admin.readOnly')}</p>}
      <p role="status" className="admin-notice">{notice}</p>
      <FormError message={error} />
      <QueryStatus query={automations} />
      {automations.data && list.length === 0 && <p>{t('automations.empty')}</p>}
      {list.length > 0 && (
        <div className="table-scroll">
          <table className="table admin-table automation-table">
            <caption className="visually-hidden">{t('admin.section.automations')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('automations.col.order')}</th>
                <th scope="col">{t('automations.col.name')}</th>
                <th scope="col">{t('automations.col.trigger')}</th>
                <th scope="col">{t('automations.col.actions')}</th>
                <th scope="col">{t('automations.col.active')}</th>
                <th scope="col">{t('admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((a, i) => (
                <tr key={a.id} className={a.active ? undefined : 'inactive'}>
                  <td>{i + 1}</td>
                  <th scope="row">{a.name}</th>
                  <td>
                    <span className="muted">{t(`automations.kind.${a.kind}`)}</span>
                    <br />
                    {trigger(a)}
                  </td>
                  <td>{a.actions.map((x) => t(`automations.action.${x.type}`)).join(', ')}</td>
                  <td>
                    {canEdit ? (
                      <label className="check">
                        <input
                          type="checkbox"
                          checked={a.active}
                          disabled={update.isPending}
                          aria-label={t('automations.activeNamed', { name: a.name })}
                          onChange={(e) => {
                            const active = e.target.checked;
                            void act(() => update.mutateAsync({ id: a.id, body: { active } }),
                              t(active ? 'automations.activated' : 'automations.deactivated', { name: a.name }));
                          }}
                        />
                        {a.active ? t('automations.active') : t('automations.inactive')}
                      </label>
                    ) : (
                      <span className={`badge ${a.active ? 'badge-ok' : 'badge-off'}`}>{a.active ? t('automations.active') : t('automations.inactive')}</span>
                    )}
                  </td>
                  <td className="admin-actions">
                    {canEdit && (
                      <>
                        <button type="button" className="btn btn-small" disabled={i === 0 || reorder.isPending}
                          aria-label={t('automations.moveUp', { name: a.name })} onClick={() => move(i, -1)}>
                          <span aria-hidden="true">↑</span>
                        </button>
                        <button type="button" className="btn btn-small" disabled={i === list.length - 1 || reorder.isPending}
                          aria-label={t('automations.moveDown', { name: a.name })} onClick={() => move(i, 1)}>
                          <span aria-hidden="true">↓</span>
                        </button>
                      </>
                    )}
                    <button type="button" className="btn btn-small" aria-label={t('automations.testNamed', { name: a.name })} onClick={() => setTesting(a)}>
                      {t('automations.test')}
                    </button>
                    <button type="button" className="btn btn-small" aria-label={t(canEdit ? 'automations.editNamed' : 'automations.viewNamed', { name: a.name })}
                      onClick={() => setEditing(a)}>
                      {canEdit ? t('common.edit') : t('automations.view')}
                    </button>
                    {canEdit && (
                      <button type="button" className="btn btn-small btn-danger" aria-label={t('automations.deleteNamed', { name: a.name })}
                        onClick={() => setDeleting(a)}>
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
          title={editing === 'new' ? t('automations.new') : t(canEdit ? 'automations.editNamed' : 'automations.viewNamed', { name: editing.name })}
          onClose={() => setEditing(null)}
        >
          <AutomationEditor
            automation={editing === 'new' ? null : editing}
            canEdit={canEdit}
            onCancel={() => setEditing(null)}
            onDone={(a) => {
              setNotice(t(editing === 'new' ? 'automations.created' : 'automations.updated', { name: a.name }));
              setEditing(null);
            }}
          />
        </Dialog>
      )}
      {testing && (
        <Dialog title={t('automations.testNamed', { name: testing.name })} onClose={() => setTesting(null)}>
          <TestPanel automation={testing} />
        </Dialog>
      )}
      {deleting && (
        <Dialog title={t('automations.deleteNamed', { name: deleting.name })} onClose={() => setDeleting(null)}>
          <p>{t('automations.deleteConfirm', { name: deleting.name })}</p>
          <div className="row admin-form-actions">
            <button type="button" className="btn btn-danger" disabled={remove.isPending}
              onClick={() => {
                const a = deleting;
                setDeleting(null);
                void act(() => remove.mutateAsync(a.id), t('automations.deleted', { name: a.name }));
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
