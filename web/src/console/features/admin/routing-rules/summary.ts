import { useNames } from '../../../../shared/api/lookups';
import { useLocale, useT } from '../../../../shared/i18n/I18nProvider';
import { useOrganizationChoices } from '../../automations/api';
import { useSkillCatalogue } from '../skills/api';
import { skillName } from '../skills/names';
import type { RoutingConditions, RoutingOutcome } from './api';

/** "Words: switch, VPN · Channels: Phone": which tickets a rule takes, in a few words. */
export function useConditionsText() {
  const t = useT();
  const names = useNames();
  const organizations = useOrganizationChoices();
  return (c: RoutingConditions): string => {
    const org = (id: string) => organizations.data?.find((o) => o.id === id)?.name ?? '…';
    const parts = [
      c.keywords.length ? t('routingRules.when.keywords', { list: c.keywords.join(', ') }) : null,
      c.brands.length ? t('routingRules.when.brands', { list: c.brands.join(', ') }) : null,
      c.category_ids.length ? t('routingRules.when.categories', { list: c.category_ids.map((id) => names.category(id) ?? '…').join(', ') }) : null,
      c.organization_ids.length ? t('routingRules.when.organizations', { list: c.organization_ids.map(org).join(', ') }) : null,
      c.channels.length ? t('routingRules.when.channels', { list: c.channels.map((x) => t(`channel.${x}`)).join(', ') }) : null,
      c.priorities.length ? t('routingRules.when.priorities', { list: c.priorities.join(', ') }) : null,
    ].filter(Boolean);
    return parts.length ? parts.join(' · ') : t('routingRules.when.all');
  };
}

/** "Team Network · Level 2 · Skills: Networking 2 · Tags: reseau": where a rule sends a ticket. */
export function useOutcomeText() {
  const t = useT();
  const { locale } = useLocale();
  const names = useNames();
  const catalogue = useSkillCatalogue();
  return (o: RoutingOutcome): string => {
    const skill = (id: string) => {
      const s = catalogue.data?.find((x) => x.id === id);
      return s ? skillName(s, locale) : '…';
    };
    const parts = [
      o.team_id ? t('routingRules.then.team', { name: names.team(o.team_id) ?? '…' }) : t('routingRules.then.keepTeam'),
      o.tier ? t(`admin.teams.tier.${o.tier}`) : null,
      o.required_skills.length
        ? t('routingRules.then.skills', {
          list: o.required_skills.map((s) => t('routingRules.then.skill', { name: skill(s.skill_id), level: s.level })).join(', '),
        })
        : null,
      o.priority_adjust ? t(`routingRules.then.${o.priority_adjust}`) : null,
      o.tags.length ? t('routingRules.then.tags', { list: o.tags.join(', ') }) : null,
    ].filter(Boolean);
    return parts.join(' · ');
  };
}
