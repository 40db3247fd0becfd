import { useT } from '../../../../shared/i18n/I18nProvider';
import { OrderedRulesTable } from '../OrderedRulesTable';
import { useDeleteRoutingRule, useReorderRoutingRules, useRoutingRules, useUpdateRoutingRule, type RoutingRule } from './api';
import { RoutingRuleEditor } from './RoutingRuleEditor';
import './routing-rules.css';
import { useConditionsText, useOutcomeText } from './summary';
import { TryTicketPanel } from './TryTicketPanel';

/**
 * Routing rules (agents and managers read, administrators change): tried in order, the first active one whose
 * conditions hold decides where a new ticket goes; moved up or down one place at a time, switched on and off,
 * edited in a dialog; and a panel to try a ticket against them.
 */
export function RoutingRulesSection({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const rules = useRoutingRules();
  const update = useUpdateRoutingRule();
  const reorder = useReorderRoutingRules();
  const remove = useDeleteRoutingRule();
  const when = useConditionsText();
  const then = useOutcomeText();

  return (
    <OrderedRulesTable<RoutingRule>
      title={t('admin.section.routing-rules')}
      messages="routingRules"
      canEdit={canEdit}
      rules={rules}
      update={update}
      reorder={reorder}
      remove={remove}
      rowHeader={(r) => (
        <>
          {r.name}
          {r.description && <span className="routing-rule-description">{r.description}</span>}
        </>
      )}
      columns={[
        { header: 'routingRules.col.conditions', cell: (r) => when(r.conditions) },
        { header: 'routingRules.col.outcome', cell: (r) => then(r.outcome) },
      ]}
      editor={({ rule, onDone, onCancel }) => <RoutingRuleEditor rule={rule} canEdit={canEdit} onDone={onDone} onCancel={onCancel} />}
    >
      {rules.data && rules.data.length > 0 && <TryTicketPanel />}
    </OrderedRulesTable>
  );
}
