/**
 * The demo's automations, the examples of the issue: an event trigger that flags urgent tickets on arrival, and the
 * three time rules every service desk sets up for tickets waiting on their requester. Times are in business hours
 * of the team's calendar (else the default one: 8 h a day in the demo), so "3 business days" is 24 h.
 */
import type { AgentPrincipal } from '../../domain/principal.js';
import type { Sql } from '../../store/db.js';
import { discardAutomationEvents } from '../../store/automations.js';
import type { AutomationInput } from '../../usecases/automations/automation-input.js';
import { createAutomation } from '../../usecases/automations/create-automation.js';
import type { Deps } from '../../usecases/deps.js';

const SIGN_FR = '\n\nCordialement,\nLe support informatique';
const SIGN_EN = '\n\nKind regards,\nIT support';

export const DEMO_AUTOMATIONS: readonly AutomationInput[] = [
  {
    name: 'Urgence signalée à la création',
    kind: 'event',
    active: true,
    events: ['ticket.created'],
    conditions: {
      all: [],
      any: [{
        field: 'text', op: 'contains_any',
        value: ['urgent', 'urgence', 'bloqué', 'bloquée', 'bloquant', 'en panne', 'hors service', 'down', 'outage', 'not working', 'blocked'],
      }],
    },
    timing: null,
    actions: [
      { type: 'add_tags', tags: ['urgent'] },
      {
        type: 'notify', recipients: ['team_lead', 'managers'], email: false,
        message: {
          fr: 'Ticket n° {{ticket.number}} signalé comme urgent par {{requester.name}} : « {{ticket.subject}} ».',
          en: 'Ticket #{{ticket.number}} reported as urgent by {{requester.name}}: "{{ticket.subject}}".',
        },
      },
    ],
  },
  {
    name: 'Relance du demandeur après 3 jours ouvrés',
    kind: 'time',
    active: true,
    events: [],
    conditions: { all: [{ field: 'status', op: 'is', value: 'pending' }], any: [] },
    timing: { since: 'status_changed', hours: 24, business: true },
    actions: [{
      type: 'reply',
      body: {
        fr: 'Bonjour {{requester.first_name}},\n\nNous attendons votre retour sur la demande n° {{ticket.number}} « {{ticket.subject}} ». Pourriez-vous nous répondre pour que nous puissions avancer ?\n\nSans nouvelles de votre part, la demande sera considérée comme résolue dans quelques jours.' + SIGN_FR,
        en: 'Hello {{requester.first_name}},\n\nWe are waiting for your answer on request #{{ticket.number}} "{{ticket.subject}}". Could you reply so that we can move forward?\n\nIf we do not hear from you, the request will be considered resolved in a few days.' + SIGN_EN,
      },
    }],
  },
  {
    name: 'Résolution après 7 jours ouvrés sans réponse',
    kind: 'time',
    active: true,
    events: [],
    conditions: { all: [{ field: 'status', op: 'is', value: 'pending' }], any: [] },
    timing: { since: 'status_changed', hours: 56, business: true },
    actions: [
      {
        type: 'reply',
        body: {
          fr: 'Bonjour {{requester.first_name}},\n\nFaute de réponse, nous considérons la demande n° {{ticket.number}} comme résolue. Si le problème persiste, répondez simplement à ce message : elle sera rouverte.' + SIGN_FR,
          en: 'Hello {{requester.first_name}},\n\nAs we have not heard back, we consider request #{{ticket.number}} resolved. If the problem persists, just reply to this message and it will be reopened.' + SIGN_EN,
        },
      },
      { type: 'set_status', status: 'resolved' },
    ],
  },
  {
    name: 'Clôture 5 jours après la résolution',
    kind: 'time',
    active: true,
    events: [],
    conditions: { all: [{ field: 'status', op: 'is', value: 'resolved' }], any: [] },
    timing: { since: 'status_changed', hours: 120, business: false },
    actions: [{ type: 'set_status', status: 'closed' }],
  },
];

/**
 * Creates the demo's automations as the administrator, once the demo's history has been played: the events that
 * history queued are dropped, so event rules start with what happens from now on. Time rules apply at the first
 * sweep to the demo tickets that have waited long enough, as they would on a real help desk.
 */
export async function seedDemoAutomations(deps: Deps, sql: Sql, admin: AgentPrincipal): Promise<void> {
  for (const a of DEMO_AUTOMATIONS) await createAutomation(deps, admin, a);
  await discardAutomationEvents(sql);
}
