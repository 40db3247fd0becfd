/** Replaces {name} placeholders; unknown ones stay as they are. */
export const fill = (template: string, vars: Readonly<Record<string, string>>): string =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);

/** Sentences every ticket can use, whatever its scenario, in both languages. */
export const PHRASES = {
  fr: {
    ack: [
      'Bonjour {first},\nMerci pour votre message, je prends en charge votre demande et je reviens vers vous rapidement.',
      'Bonjour {first},\nVotre demande est bien enregistrée, je m’en occupe.',
      'Bonjour {first},\nBien reçu, je regarde cela tout de suite.',
    ],
    thanks: ['Merci beaucoup, tout fonctionne de nouveau !', 'Parfait, merci pour votre rapidité.', 'C’est bon pour moi, merci.', 'Merci, problème réglé de mon côté.'],
    stillBroken: ['Bonjour, le problème est revenu ce matin, exactement le même symptôme.', 'Désolé(e) mais ça ne fonctionne toujours pas chez moi.'],
    retry: 'Bonjour {first},\nMerci pour votre retour. Nous avons repris le diagnostic et appliqué une correction complémentaire ; pouvez-vous nous confirmer que c’est bon cette fois ?',
    escalation: 'Escalade vers {team} : diagnostic de niveau 1 fait, nécessite une intervention {tier}.',
    investigating: ['Analyse en cours, logs récupérés.', 'Reproduit sur un poste de test, je continue l’analyse.', 'Vu avec l’utilisateur par téléphone, je creuse.'],
    reminder: 'Bonjour {first},\nSauf erreur, nous attendons toujours votre retour pour avancer. Sans nouvelles de votre part, nous clôturerons la demande dans 5 jours.',
    resolved: 'Solution appliquée, confirmée par le demandeur.',
    autoClose: 'Clôture : résolu depuis plusieurs jours sans retour du demandeur.',
    confirmedClose: 'Clôture : solution confirmée par le demandeur.',
    duplicate: 'Même incident que le ticket principal (doublon).',
  },
  en: {
    ack: [
      'Hi {first},\nThanks for your message, I am on it and will get back to you shortly.',
      'Hi {first},\nYour request is logged and I am taking care of it.',
    ],
    thanks: ['Thanks a lot, everything works again!', 'Perfect, thanks for the quick fix.', 'All good on my side, thanks.'],
    stillBroken: ['Hi, the problem came back this morning, same symptom.', 'Sorry, it still does not work for me.'],
    retry: 'Hi {first},\nThanks for letting us know. We resumed the diagnosis and applied a further fix; could you confirm it works this time?',
    escalation: 'Escalated to {team}: L1 diagnosis done, needs {tier} work.',
    investigating: ['Investigating, logs collected.', 'Reproduced on a test machine, digging further.', 'Went through it with the user on the phone.'],
    reminder: 'Hi {first},\nWe are still waiting for your answer to move forward. Without news, we will close this request in 5 days.',
    resolved: 'Fix applied, confirmed by the requester.',
    autoClose: 'Closed: resolved for several days without news from the requester.',
    confirmedClose: 'Closed: fix confirmed by the requester.',
    duplicate: 'Same incident as the main ticket (duplicate).',
  },
} as const;

export const FLOORS = {
  fr: ['rez-de-chaussée', '1er étage', '2e étage', '3e étage', 'bâtiment B', 'bâtiment C, 1er étage', 'service comptabilité', 'accueil'],
  en: ['ground floor', 'first floor', 'second floor', 'warehouse office', 'building B'],
} as const;
