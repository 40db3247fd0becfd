import { useCallback } from 'react';
import { useNames } from '../../../shared/api/lookups';
import { useT } from '../../../shared/i18n/I18nProvider';
import type { DescribedAction, MacroAction } from './api';

/**
 * "Status: Pending", "Team: Network L2"…: a macro's change as people read it. Names come from the preview when it
 * gives them (team_name, agent_name), else from the console's lookups.
 */
export function useActionText(): (a: MacroAction | DescribedAction) => string {
  const t = useT();
  const names = useNames();
  return useCallback(
    (a: MacroAction | DescribedAction) => {
      const described = a as DescribedAction;
      const value = (() => {
        switch (a.type) {
          case 'set_status':
            return t(`status.${a.status}`);
          case 'set_urgency':
            return t(`level.${a.urgency}`);
          case 'set_impact':
            return t(`level.${a.impact}`);
          case 'set_team':
            return described.team_name ?? names.team(a.team_id) ?? t('macros.unknown');
          case 'set_assignee':
            return a.agent_id === null ? t('macros.form.nobody') : (described.agent_name ?? names.agent(a.agent_id) ?? t('macros.unknown'));
          case 'set_tier':
            return t(`tier.${a.tier}`);
          case 'add_tags':
          case 'remove_tags':
            return a.tags.join(', ');
        }
      })();
      return t('macros.chip', { label: t(`macros.action.${a.type}`), value });
    },
    [t, names],
  );
}
