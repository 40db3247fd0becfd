import { useId, useState } from 'react';
import { usePopover } from '../../../shared/ui/usePopover';
import { useIntl } from 'react-intl';
import { useCurrentUser } from '../../../shared/auth/session';
import { useT } from '../../../shared/i18n/I18nProvider';
import { Dialog } from '../../../shared/ui/Dialog';
import { useApiErrorText } from '../admin/errors';
import { AGENT_STATUSES, useAvailability, useUpdateAvailability, type AgentStatus, type Availability } from './api';
import { AvailabilityForm } from './AvailabilityForm';
import { StatusDot } from './StatusDot';
import './availability.css';

/** One line on what the status means right now: out of office, on shift until, or when the next shift starts. */
export function useNowText(): (a: Availability) => string | null {
  const t = useT();
  const intl = useIntl();
  const time = (iso: string) => intl.formatTime(iso, { hour: '2-digit', minute: '2-digit', timeZone: intl.timeZone });
  const dayTime = (iso: string) =>
    intl.formatDate(iso, { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone: intl.timeZone });
  return (a) => {
    const until = a.out_of_office?.until;
    if (a.now.out_of_office) {
      return until ? t('availability.awayUntil', { date: intl.formatDate(until, { dateStyle: 'medium', timeZone: intl.timeZone }) }) : t('availability.outOfOffice');
    }
    if (a.now.on_shift) return a.now.shift_ends_at ? t('availability.onShiftUntil', { time: time(a.now.shift_ends_at) }) : null;
    return a.now.next_shift_start ? t('availability.offShiftNext', { time: dayTime(a.now.next_shift_start) }) : t('availability.offShift');
  };
}

/**
 * The header's availability switch for the signed-in agent: a button showing the status (dot and word) opens
 * a panel of radio buttons (arrow keys move and choose, as with any radio group), a line on what that means now,
 * and the "My availability" dialog for working hours and absences. Escape or a click outside closes the panel.
 */
export function AvailabilityToggle() {
  const t = useT();
  const me = useCurrentUser();
  const availability = useAvailability(me.id);
  const update = useUpdateAvailability();
  const errorText = useApiErrorText();
  const nowText = useNowText();
  const { open, setOpen, wrapper, button, onKeyDown } = usePopover();
  const [dialog, setDialog] = useState(false);
  const panelId = useId();
  const name = useId();
  const a = availability.data;
  // While a change is on its way the choice shows at once (arrow keys in the radio group stay where they went).
  const status: AgentStatus = (update.isPending ? update.variables.body.status : undefined) ?? a?.status ?? 'offline';
  const ooo = a?.now.out_of_office ?? false;
  const label = ooo ? t('availability.outOfOffice') : t(`availability.status.${status}`);



  const line = a ? nowText(a) : null;
  return (
    <div className="avail" ref={wrapper} onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        className="btn btn-ghost avail-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={t('availability.toggle', { status: label })}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="avail-status" aria-hidden="true">
          <StatusDot status={status} outOfOffice={ooo} />
          {label}
        </span>
      </button>
      <div id={panelId} className="avail-panel" role="region" aria-label={t('availability.mine')} hidden={!open}>
        {open && (
          <>
            <fieldset disabled={!a}>
              <legend>{t('availability.myStatus')}</legend>
              {AGENT_STATUSES.map((s) => (
                <label key={s} className="avail-option">
                  <input
                    type="radio"
                    name={name}
                    value={s}
                    checked={status === s}
                    onChange={() => update.mutate({ agentId: me.id, body: { status: s } })}
                  />
                  <StatusDot status={s} />
                  {t(`availability.status.${s}`)}
                </label>
              ))}
            </fieldset>
            {line && <p className="avail-now">{line}</p>}
            {update.isError && (
              <p className="form-error" role="alert">
                {errorText(update.error)}
              </p>
            )}
            <button
              type="button"
              className="btn btn-small"
              disabled={!a}
              onClick={() => {
                setOpen(false);
                setDialog(true);
              }}
            >
              {t('availability.openMine')}
            </button>
          </>
        )}
      </div>
      {dialog && a && (
        <Dialog title={t('availability.mine')} onClose={() => setDialog(false)}>
          <AvailabilityForm
            agentId={me.id}
            timeZone={me.time_zone}
            availability={a}
            manage={false}
            label={t('availability.mine')}
            onDone={() => setDialog(false)}
            onCancel={() => setDialog(false)}
          />
        </Dialog>
      )}
    </div>
  );
}
