import { useState } from 'react';
import type { Agent } from '../../../shared/api/types';
import { useT } from '../../../shared/i18n/I18nProvider';
import { Dialog } from '../../../shared/ui/Dialog';
import { QueryStatus } from '../admin/form';
import { useAvailability } from './api';
import { AvailabilityForm } from './AvailabilityForm';
import { StatusDot } from './StatusDot';

/** An agent's status in a list: the dot and the word ("Out of office" wins over the status). */
export function AgentStatusCell({ agent }: { agent: Agent }) {
  const t = useT();
  const { status, out_of_office: ooo } = agent.availability;
  return (
    <span className="avail-status">
      <StatusDot status={status} outOfOffice={ooo} />
      {ooo ? t('availability.outOfOffice') : t(`availability.status.${status}`)}
    </span>
  );
}

/** Open tickets against capacity: "3 / 8", or "3 (no limit)". */
export function AgentLoadCell({ agent }: { agent: Agent }) {
  const t = useT();
  const { open_tickets: open, capacity } = agent.availability;
  return <>{capacity === null ? t('availability.loadUnlimited', { open }) : t('availability.load', { open, capacity })}</>;
}

/** Opens the availability form of an agent (managers and administrators): status, capacity, hours, absence. */
export function AgentAvailabilityButton({ agent, onSaved }: { agent: Agent; onSaved?: () => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const title = t('availability.editNamed', { name: agent.name });
  return (
    <>
      <button type="button" className="btn btn-small" aria-label={title} onClick={() => setOpen(true)}>
        {t('availability.edit')}
      </button>
      {open && (
        <Dialog title={title} onClose={() => setOpen(false)}>
          <AvailabilityDialogBody agent={agent} title={title} onClose={(saved) => {
            setOpen(false);
            if (saved) onSaved?.();
          }} />
        </Dialog>
      )}
    </>
  );
}

function AvailabilityDialogBody({ agent, title, onClose }: { agent: Agent; title: string; onClose: (saved: boolean) => void }) {
  const availability = useAvailability(agent.id);
  if (!availability.data) return <QueryStatus query={availability} />;
  return (
    <AvailabilityForm
      agentId={agent.id}
      timeZone={agent.time_zone}
      availability={availability.data}
      manage
      label={title}
      onDone={() => onClose(true)}
      onCancel={() => onClose(false)}
    />
  );
}
