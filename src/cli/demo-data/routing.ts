/**
 * The demo's routing rules, the way a French service desk sets them up: urgent phone calls raised and tagged,
 * Cisco equipment and network words to the network team, business applications (by category or by words) to
 * the applications team, printers to the L1 desk; then the default rule (everything else to the L1 desk). Skills
 * are named as in the default catalogue; one missing from it is left out of the rule. Created after the history
 * is played, so the demo's past tickets keep the teams their story gave them.
 */
import type { AgentPrincipal } from '../../domain/principal.js';
import type { RoutingConditions, RoutingOutcome } from '../../domain/routing/rules.js';
import type { Level } from '../../domain/priority.js';
import { skillIdsByEnglishName } from '../../store/routing-rules.js';
import { updateTeamProfile } from '../../usecases/admin/update-team.js';
import type { Deps } from '../../usecases/deps.js';
import { ensureDefaultRoutingRule } from '../../usecases/routing-rules/default-rule.js';
import { createRule } from '../../usecases/routing-rules/manage-routing-rules.js';
import type { DefaultSkillName } from '../../usecases/skills/default-skills.js';
import type { TeamKey } from './directory.js';
import type { DemoIds } from './play.js';

interface DemoRule {
  name: string;
  description: string;
  /** Category keys of the demo's tree (directory.ts), turned into ids. */
  categories?: string[];
  conditions: Omit<RoutingConditions, 'category_ids'>;
  team: TeamKey | null;
  outcome: Omit<RoutingOutcome, 'team_id' | 'required_skills'>;
  skills: Partial<Record<DefaultSkillName, Level>>;
}

export const DEMO_ROUTING_RULES: readonly DemoRule[] = [
  {
    name: 'Appel urgent',
    description: 'Un appel pour un incident critique ou haut : urgence relevée, étiqueté pour la supervision.',
    conditions: { channels: ['phone'], priorities: ['P1', 'P2'] },
    team: null, skills: {}, outcome: { tier: null, priority_adjust: 'raise', tags: ['urgent-phone'] },
  },
  {
    name: 'Matériel Cisco',
    description: 'Commutateurs, routeurs et bornes Cisco : équipe réseau, qui connaît la marque.',
    conditions: { brands: ['Cisco'] },
    team: 'network', skills: { Networking: 2, Cisco: 2 }, outcome: { tier: 'L2', priority_adjust: null, tags: ['reseau'] },
  },
  {
    name: 'Réseau, VPN et Wi-Fi',
    description: 'Connexion, VPN, Wi-Fi, commutateurs : équipe réseau.',
    conditions: { keywords: ['réseau', 'network', 'switch', 'commutateur', 'VPN', 'wifi', 'wi-fi', 'borne', 'routeur', 'router'] },
    team: 'network', skills: { Networking: 2 }, outcome: { tier: 'L2', priority_adjust: null, tags: ['reseau'] },
  },
  {
    name: 'Applications métier (catégorie)',
    description: 'Tout ticket classé dans les applications métier (ERP, paie, dossier patient).',
    categories: ['business-apps'], conditions: {},
    team: 'apps', skills: { 'Business applications': 2 }, outcome: { tier: 'L2', priority_adjust: null, tags: [] },
  },
  {
    name: 'ERP et paie',
    description: 'Les mots de l’ERP et de la paie, quand le demandeur n’a pas choisi de catégorie.',
    conditions: { keywords: ['ERP', 'paie', 'bulletin de salaire', 'payroll', 'payslip', 'comptabilité', 'facturation'] },
    team: 'apps', skills: { 'Business applications': 2 }, outcome: { tier: 'L2', priority_adjust: null, tags: [] },
  },
  {
    name: 'Impression',
    description: 'Imprimantes, toner, scanners : le centre de services, niveau 1.',
    conditions: { keywords: ['imprimante', 'impression', 'printer', 'toner', 'cartouche', 'scanner', 'photocopieur'] },
    team: 'l1', skills: { Printing: 1 }, outcome: { tier: 'L1', priority_adjust: null, tags: ['impression'] },
  },
];

export async function seedDemoRouting(deps: Deps, admin: AgentPrincipal, ids: DemoIds): Promise<void> {
  // The experts of level 3 take the next ticket themselves ("Next ticket"); the other teams are served by Relais.
  await updateTeamProfile(deps, admin, ids.teams.get('eng')!, { assignmentMode: 'pull' });
  // The default rule first (it needs an empty list), then each demo rule in front of it.
  await ensureDefaultRoutingRule(deps);
  const names = [...new Set(DEMO_ROUTING_RULES.flatMap((r) => Object.keys(r.skills)))];
  const skillIds = await skillIdsByEnglishName(deps.db, names);
  for (const [i, r] of DEMO_ROUTING_RULES.entries()) {
    const categoryIds = (r.categories ?? []).map((k) => ids.categories.get(k)).filter((id): id is string => Boolean(id));
    await createRule(deps, admin, {
      name: r.name, description: r.description, active: true, position: i + 1,
      conditions: { ...r.conditions, ...(categoryIds.length ? { category_ids: categoryIds } : {}) },
      outcome: {
        ...r.outcome,
        team_id: r.team ? ids.teams.get(r.team)! : null,
        required_skills: Object.entries(r.skills).flatMap(([name, level]) => {
          const id = skillIds.get(name);
          return id ? [{ skill_id: id, level }] : [];
        }),
      },
    });
  }
}
