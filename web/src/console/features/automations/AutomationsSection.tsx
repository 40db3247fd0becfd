import { useState } from 'react';
import { useT } from '../../../shared/i18n/I18nProvider';
import { Dialog } from '../../../shared/ui/Dialog';
import { OrderedRulesTable } from '../admin/OrderedRulesTable';
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
  const trigger = useTrigger();
  const rules = useAutomations();
  const update = useUpdateAutomation();
  const reorder = useReorderAutomations();
  const remove = useDeleteAutomation();
  const [testing, setTesting] = useState<Automation | null>(null);

  return (
    <OrderedRulesTable<Automation>
      title={t('admin.section.automations')}
      messages="automations"
      canEdit={canEdit}
      rules={rules}
      update={update}
      reorder={reorder}
      remove={remove}
      columns={[
        {
          header: 'automations.col.trigger',
          cell: (a) => (
            <>
              <span className="muted">{t(`automations.kind.${a.kind}`)}</span>
              <br />
              {trigger(a)}
            </>
          ),
        },
        { header: 'automations.col.actions', cell: (a) => a.actions.map((x) => t(`automations.action.${x.type}`)).join(', ') },
      ]}
      actions={(a) => (
        <button type="button" className="btn btn-small" aria-label={t('automations.testNamed', { name: a.name })} onClick={() => setTesting(a)}>
          {t('automations.test')}
        </button>
      )}
      editor={({ rule, onDone, onCancel }) => <AutomationEditor automation={rule} canEdit={canEdit} onDone={onDone} onCancel={onCancel} />}
    >
      {testing && (
        <Dialog title={t('automations.testNamed', { name: testing.name })} onClose={() => setTesting(null)}>
          <TestPanel automation={testing} />
        </Dialog>
      )}
    </OrderedRulesTable>
  );
}
