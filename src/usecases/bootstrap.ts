import { ensureDefaultTeams } from './admin/default-teams.js';
import { ensureDefaultCalendar } from './calendars/default-calendar.js';
import type { Deps } from './deps.js';
import { ensureDefaultRoutingRule } from './routing-rules/default-rule.js';
import { ensureDefaultSkills } from './skills/default-skills.js';

/**
 * What a new help desk starts with, created once per database (each step claims its own key, so what an
 * administrator later renames or deletes stays as they left it): the default teams, the business calendar, the
 * skill catalogue and the default routing rule.
 */
export async function ensureDefaults(deps: Deps): Promise<void> {
  await ensureDefaultTeams(deps);
  await ensureDefaultRoutingRule(deps);
  await ensureDefaultCalendar(deps);
  await ensureDefaultSkills(deps);
}
