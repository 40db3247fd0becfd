import { useState } from 'react';
import { useT } from '../../../../shared/i18n/I18nProvider';
import { ConfirmDeleteDialog, FormError, QueryStatus } from '../form';
import { useCalendars, useDeleteCalendar, useSetDefaultCalendar, type Calendar } from './api';
import { CalendarEditor } from './CalendarEditor';
import './calendars.css';
import { weeklyHours } from './draft';
import { useCalendarErrorText } from './errors';

/**
 * Business-hours calendars: managers read them and their preview; administrators create, edit, import closed
 * days, choose the default and delete (the server refuses while a team or an SLA policy uses one).
 */
export function CalendarsSection({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const errorText = useCalendarErrorText();
  const calendars = useCalendars();
  const setDefault = useSetDefaultCalendar();
  const remove = useDeleteCalendar();
  const [editing, setEditing] = useState<Calendar | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Calendar | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');

  async function makeDefault(c: Calendar) {
    setListError(null);
    try {
      await setDefault.mutateAsync(c.id);
      setNotice(t('admin.calendars.defaultSet', { name: c.name }));
    } catch (err) {
      setListError(errorText(err));
    }
  }

  async function confirmDelete(c: Calendar) {
    setDeleteError(null);
    try {
      await remove.mutateAsync(c.id);
      setDeleting(null);
      if (editing !== 'new' && editing?.id === c.id) setEditing(null);
      setNotice(t('admin.calendars.deleted', { name: c.name }));
    } catch (err) {
      setDeleteError(errorText(err));
    }
  }

  return (
    <section aria-labelledby="admin-calendars-title" className="admin-section">
      <div className="admin-section-header">
        <h2 id="admin-calendars-title">{t('admin.section.calendars')}</h2>
        {canEdit && editing !== 'new' && (
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
            {t('admin.calendars.new')}
          </button>
        )}
      </div>
      <p className="muted">{t('admin.calendars.intro')}</p>
      {!canEdit && <p className="muted">{t('admin.readOnly')}</p>}
      <p role="status" className="admin-notice">
        {notice}
      </p>
      <FormError message={listError} />
      <QueryStatus query={calendars} />
      {calendars.data && calendars.data.length === 0 && <p>{t('admin.calendars.empty')}</p>}
      {calendars.data && calendars.data.length > 0 && (
        <div className="table-scroll">
          <table className="table admin-table">
            <caption className="visually-hidden">{t('admin.section.calendars')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.calendars.name')}</th>
                <th scope="col">{t('admin.calendars.timeZone')}</th>
                <th scope="col">{t('admin.calendars.hours')}</th>
                <th scope="col">{t('admin.calendars.frenchHolidays')}</th>
                <th scope="col">{t('admin.calendars.holidays')}</th>
                <th scope="col">{t('admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {calendars.data.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    {c.name} {c.is_default && <span className="badge badge-ok">{t('admin.calendars.default')}</span>}
                  </th>
                  <td className="nowrap">{c.time_zone}</td>
                  <td className="nowrap">{t('admin.calendars.weeklyHours', { hours: weeklyHours(c.weekly) })}</td>
                  <td>{t(`admin.calendars.french.${c.french_holidays}`)}</td>
                  <td className="nowrap">{t('admin.calendars.holidayCount', { count: c.holidays.length })}</td>
                  <td className="admin-actions">
                    <button type="button" className="btn btn-small" aria-label={t('admin.calendars.openNamed', { name: c.name })} onClick={() => setEditing(c)}>
                      {canEdit ? t('common.edit') : t('admin.calendars.open')}
                    </button>
                    {canEdit && !c.is_default && (
                      <button
                        type="button"
                        className="btn btn-small"
                        disabled={setDefault.isPending}
                        aria-label={t('admin.calendars.setDefaultNamed', { name: c.name })}
                        onClick={() => void makeDefault(c)}
                      >
                        {t('admin.calendars.setDefault')}
                      </button>
                    )}
                    {canEdit && (
                      <button
                        type="button"
                        className="btn btn-small btn-danger"
                        aria-label={t('admin.calendars.deleteNamed', { name: c.name })}
                        onClick={() => {
                          setDeleteError(null);
                          setDeleting(c);
                        }}
                      >
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
        <CalendarEditor
          key={editing === 'new' ? 'new' : editing.id}
          calendar={editing === 'new' ? null : editing}
          canEdit={canEdit}
          onClose={() => setEditing(null)}
          onChanged={(c) => setEditing(c)}
          onSaved={(c, created) => {
            setEditing(c);
            setNotice(t(created ? 'admin.calendars.created' : 'admin.calendars.updated', { name: c.name }));
          }}
        />
      )}
      {deleting && (
        <ConfirmDeleteDialog
          title={t('admin.calendars.deleteNamed', { name: deleting.name })}
          message={t('admin.calendars.deleteConfirm', { name: deleting.name })}
          error={deleteError}
          pending={remove.isPending}
          onConfirm={() => void confirmDelete(deleting)}
          onCancel={() => setDeleting(null)}
        />
      )}
    </section>
  );
}
