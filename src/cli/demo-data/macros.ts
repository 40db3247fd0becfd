/**
 * The demo's shared macros: the canned replies a French service desk uses every day, each in French and English
 * (the requester's language picks the text), with the field changes that go with them.
 */
import type { AgentPrincipal } from '../../domain/principal.js';
import type { Deps } from '../../usecases/deps.js';
import { createMacro, type MacroInput } from '../../usecases/macros/create-macro.js';

const SIGN_FR = '\n\nCordialement,\n{{agent.name}} — {{team.name}}';
const SIGN_EN = '\n\nKind regards,\n{{agent.name}} — {{team.name}}';

export const DEMO_MACROS: readonly MacroInput[] = [
  {
    name: 'Demande d’informations complémentaires',
    shared: true,
    body: {
      fr: 'Bonjour {{requester.first_name}},\n\nPour avancer sur votre demande n° {{ticket.number}} « {{ticket.subject}} », pourriez-vous nous préciser :\n\n- le message d’erreur exact (une capture d’écran suffit) ;\n- depuis quand le problème se produit ;\n- le nom de votre poste (étiquette sous l’écran).\n\nSans nouvelles de votre part, nous vous relancerons dans quelques jours.' + SIGN_FR,
      en: 'Hello {{requester.first_name}},\n\nTo move forward with your request #{{ticket.number}} "{{ticket.subject}}", could you tell us:\n\n- the exact error message (a screenshot is fine);\n- since when it happens;\n- your computer’s name (label under the screen).\n\nIf we do not hear from you, we will follow up in a few days.' + SIGN_EN,
    },
    actions: [{ type: 'set_status', status: 'pending' }],
  },
  {
    name: 'Mot de passe réinitialisé',
    shared: true,
    body: {
      fr: 'Bonjour {{requester.first_name}},\n\nVotre mot de passe a été réinitialisé. Le mot de passe temporaire vous a été communiqué par téléphone ; il vous sera demandé d’en choisir un nouveau à la première connexion.\n\nSi vous n’êtes pas à l’origine de cette demande, répondez-nous sans attendre.' + SIGN_FR,
      en: 'Hello {{requester.first_name}},\n\nYour password has been reset. We gave you the temporary password by phone; you will be asked to choose a new one when you first sign in.\n\nIf you did not ask for this, please reply right away.' + SIGN_EN,
    },
    actions: [{ type: 'add_tags', tags: ['mot-de-passe'] }, { type: 'set_status', status: 'resolved' }],
  },
  {
    name: 'Résolu — confirmation',
    shared: true,
    body: {
      fr: 'Bonjour {{requester.first_name}},\n\nNous considérons votre demande n° {{ticket.number}} comme résolue. Si le problème réapparaît, répondez simplement à ce message : la demande sera rouverte.\n\nVous pouvez suivre l’historique ici : {{ticket.url}}' + SIGN_FR,
      en: 'Hello {{requester.first_name}},\n\nWe consider your request #{{ticket.number}} resolved. If the problem comes back, just reply to this message and the request will be reopened.\n\nYou can follow its history here: {{ticket.url}}' + SIGN_EN,
    },
    actions: [{ type: 'set_status', status: 'resolved' }],
  },
  {
    name: 'Transfert au niveau 2',
    shared: true,
    body: {
      fr: 'Bonjour {{requester.first_name}},\n\nVotre demande n° {{ticket.number}} nécessite l’intervention d’un technicien de niveau 2, à qui nous l’avons transmise. Il reviendra vers vous rapidement.' + SIGN_FR,
      en: 'Hello {{requester.first_name}},\n\nYour request #{{ticket.number}} needs a level 2 technician; we have passed it on and they will get back to you shortly.' + SIGN_EN,
    },
    actions: [{ type: 'set_tier', tier: 'L2' }, { type: 'set_assignee', agent_id: null }],
  },
];

/** Creates the demo's shared macros as the administrator. */
export async function seedDemoMacros(deps: Deps, admin: AgentPrincipal): Promise<void> {
  for (const m of DEMO_MACROS) await createMacro(deps, admin, m);
}
