/**
 * The demo's SLA setup: team leads (escalations notify them), and two policies tried in order — service requests
 * get looser targets, every other ticket the incident policy. Created before the history is played, so every
 * demo ticket's clock runs through its own history (replies, pending spells, resolutions) in business hours.
 */
import type { TicketAction } from '../../domain/automation/actions.js';
import type { AgentPrincipal } from '../../domain/principal.js';
import { updateTeamProfile } from '../../usecases/admin/update-team.js';
import type { Deps } from '../../usecases/deps.js';
import { createPolicy } from '../../usecases/sla/manage-sla-policies.js';
import type { DemoIds } from './play.js';

const h = (hours: number) => hours * 60;
const warnAssignee: TicketAction = {
  type: 'notify', recipients: ['assignee'], email: false,
  message: { fr: 'L’échéance SLA du ticket n° {{ticket.number}} approche.', en: 'The SLA deadline of ticket #{{ticket.number}} is close.' },
};
const alertLeads: TicketAction = { type: 'notify', recipients: ['team_lead', 'managers'], email: true };

export async function seedDemoSla(deps: Deps, admin: AgentPrincipal, ids: DemoIds): Promise<void> {
  // The lead of each team: its manager when it has one, else its first member.
  for (const teamId of ids.teams.values()) {
    const members = [...ids.agents.values()].filter((a) => a.teamIds.includes(teamId));
    const lead = members.find((a) => a.role === 'manager') ?? members[0];
    if (lead) await updateTeamProfile(deps, admin, teamId, { leadId: lead.id });
  }
  const escalations = [
    { metric: 'first_response' as const, percent: 75, actions: [warnAssignee] },
    { metric: 'first_response' as const, percent: 100, actions: [alertLeads] },
    { metric: 'resolution' as const, percent: 80, actions: [warnAssignee] },
    { metric: 'resolution' as const, percent: 100, actions: [alertLeads] },
  ];
  await createPolicy(deps, admin, {
    name: 'Demandes de service', description: 'Demandes (accès, installations, matériel) : délais standard du catalogue de services.',
    active: true, conditions: { types: ['request'] }, calendarId: null, pauseStatuses: ['pending', 'on_hold'], escalations,
    targets: {
      P1: { first_response: h(1), next_response: h(2), resolution: h(8) },
      P2: { first_response: h(2), next_response: h(4), resolution: h(16) },
      P3: { first_response: h(4), next_response: h(8), resolution: h(40) },
      P4: { first_response: h(8), next_response: h(16), resolution: h(80) },
    },
  });
  await createPolicy(deps, admin, {
    name: 'Incidents', description: 'Politique par défaut : tout ticket qui n’est pas une demande de service.',
    active: true, conditions: {}, calendarId: null, pauseStatuses: ['pending', 'on_hold'], escalations,
    targets: {
      P1: { first_response: 30, next_response: h(1), resolution: h(4) },
      P2: { first_response: h(1), next_response: h(2), resolution: h(8) },
      P3: { first_response: h(4), next_response: h(4), resolution: h(24) },
      P4: { first_response: h(8), next_response: h(8), resolution: h(40) },
    },
  });
}
