/**
 * Help-desk text for generated tickets: French and English subjects, descriptions, replies and notes, so that
 * full-text search runs on a realistic vocabulary (accents, stems, both languages) and a two-word query matches
 * a few percent of the tickets, as it does on a real desk.
 */

export type Lang = 'fr' | 'en';

/** A small, seeded PRNG (mulberry32): the same seed gives the same data set on every run and engine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;

export const EQUIPMENT: ReadonlyArray<[string, string]> = [
  ['HP', 'LaserJet Pro M404'],
  ['HP', 'EliteBook 840 G8'],
  ['Dell', 'Latitude 5420'],
  ['Dell', 'OptiPlex 7090'],
  ['Lenovo', 'ThinkPad T14'],
  ['Apple', 'MacBook Pro 14'],
  ['Canon', 'imageRUNNER C3226'],
  ['Brother', 'MFC-L8690CDW'],
  ['Cisco', 'Catalyst 9200'],
  ['Ubiquiti', 'UniFi U6 Pro'],
  ['Samsung', 'Galaxy S23'],
  ['Logitech', 'MX Keys'],
];

const SUBJECTS: Record<Lang, readonly string[]> = {
  fr: [
    'Imprimante réseau hors ligne',
    "L'imprimante n'imprime plus en recto verso",
    'Bourrage papier sur l’imprimante du 2e étage',
    'Impossible de se connecter au VPN',
    'Connexion VPN coupée toutes les dix minutes',
    'Mot de passe expiré, compte verrouillé',
    'Réinitialisation du mot de passe Windows',
    'Écran noir au démarrage du portable',
    'Le portable ne charge plus la batterie',
    'Lenteur du réseau Wi-Fi en salle de réunion',
    'Pas de réseau sur le poste fixe',
    'Outlook ne synchronise plus les courriels',
    'Boîte aux lettres pleine, courriels refusés',
    'Demande de création de compte pour un nouvel arrivant',
    'Demande d’accès au dossier partagé Comptabilité',
    'Installation du logiciel de facturation',
    'Mise à jour Windows bloquée à 35 %',
    'Le scanner n’envoie plus les documents par courriel',
    'Téléphone IP sans tonalité',
    'Casque audio non reconnu en visioconférence',
    'Commande d’un second écran',
    'Clavier sans fil qui ne répond plus',
    'Erreur de certificat sur l’intranet',
    'Partage réseau inaccessible depuis ce matin',
    'Licence Office expirée',
    'Synchronisation OneDrive en erreur',
    'Accès badge refusé à la salle serveur',
    'Virus détecté par l’antivirus',
    'Courriel suspect reçu (hameçonnage)',
    'Sauvegarde du serveur de fichiers en échec',
  ],
  en: [
    'Network printer offline',
    'Printer jams on every print job',
    'Cannot connect to the VPN',
    'VPN drops every few minutes',
    'Password expired, account locked out',
    'Reset my Windows password',
    'Laptop shows a black screen at startup',
    'Laptop battery not charging',
    'Slow Wi-Fi network in the meeting room',
    'No network on my desktop',
    'Outlook stopped syncing email',
    'Mailbox full, incoming email rejected',
    'New starter account request',
    'Access request to the Finance shared folder',
    'Install the invoicing software',
    'Windows update stuck at 35%',
    'Scanner no longer sends documents by email',
    'IP phone has no dial tone',
    'Headset not detected in video calls',
    'Order a second monitor',
    'Wireless keyboard not responding',
    'Certificate error on the intranet',
    'Network share unreachable since this morning',
    'Office licence expired',
    'OneDrive sync error',
    'Badge access denied to the server room',
    'Antivirus found a virus',
    'Suspicious email received (phishing)',
    'File server backup failed',
    'Printer driver missing after the upgrade',
  ],
};

const DETAILS: Record<Lang, readonly string[]> = {
  fr: [
    'Le problème est apparu ce matin après le redémarrage.',
    'Plusieurs collègues du service ont le même souci.',
    'J’ai déjà essayé de redémarrer le poste, sans succès.',
    "Le message d'erreur indique « accès refusé ».",
    'C’est bloquant pour la clôture comptable de fin de mois.',
    'Le voyant de l’imprimante clignote en orange.',
    'La connexion au réseau de l’entreprise fonctionne depuis le domicile mais pas sur site.',
    'Merci de traiter la demande avant vendredi.',
    'Le poste a été changé la semaine dernière.',
    'Je travaille en télétravail aujourd’hui.',
    'Le client attend une réponse rapide.',
    'Le numéro de série est indiqué sur l’étiquette au dos.',
  ],
  en: [
    'It started this morning after a reboot.',
    'Several colleagues in the department have the same issue.',
    'I already tried restarting the computer, no luck.',
    'The error message says "access denied".',
    'This blocks the month-end closing.',
    'The printer light is blinking orange.',
    'The company network works from home but not in the office.',
    'Please handle this before Friday.',
    'The computer was replaced last week.',
    'I am working from home today.',
    'The customer is waiting for a quick answer.',
    'The serial number is on the label at the back.',
  ],
};

const AGENT_REPLIES: Record<Lang, readonly string[]> = {
  fr: [
    'Bonjour, pouvez-vous redémarrer l’imprimante et me dire si le voyant reste orange ?',
    'Bonjour, j’ai réinitialisé votre mot de passe : vous recevrez un lien par courriel.',
    'Pouvez-vous m’envoyer une capture d’écran du message d’erreur ?',
    'Le pilote a été réinstallé à distance, merci de réessayer.',
    'Nous avons identifié une panne sur le commutateur réseau du 2e étage, intervention en cours.',
    'Le certificat VPN a été renouvelé, reconnectez-vous s’il vous plaît.',
    'Je passe à votre bureau cet après-midi pour vérifier le poste.',
    'La licence a été réattribuée à votre compte.',
  ],
  en: [
    'Hello, could you restart the printer and tell me whether the light stays orange?',
    'Hello, I reset your password: you will receive a link by email.',
    'Could you send me a screenshot of the error message?',
    'The driver was reinstalled remotely, please try again.',
    'We found a fault on the second-floor network switch, a technician is on it.',
    'The VPN certificate was renewed, please reconnect.',
    'I will come to your desk this afternoon to check the computer.',
    'The licence was reassigned to your account.',
  ],
};

const REQUESTER_REPLIES: Record<Lang, readonly string[]> = {
  fr: ['Merci, cela fonctionne de nouveau.', 'Toujours le même problème ce matin.', 'Voici la capture demandée.', 'Je suis disponible après 14 h.'],
  en: ['Thanks, it works again.', 'Still the same problem this morning.', 'Here is the screenshot you asked for.', 'I am available after 2 pm.'],
};

const NOTES: Record<Lang, readonly string[]> = {
  fr: ['Escalade au niveau 2 : suspicion de panne matérielle.', 'Voir l’incident similaire de la semaine dernière.', 'Attente de la pièce de rechange chez le fournisseur.', 'Le fournisseur a ouvert un dossier de garantie.'],
  en: ['Escalated to L2: likely hardware fault.', 'See the similar incident from last week.', 'Waiting for the spare part from the supplier.', 'The vendor opened a warranty case.'],
};

export const TAGS = ['printing', 'vpn', 'network', 'email', 'password', 'hardware', 'software', 'security', 'access', 'vip'];

export interface TicketText {
  lang: Lang;
  subject: string;
  description: string;
  equipment: [string, string] | null;
}

export function ticketText(r: () => number): TicketText {
  const lang: Lang = r() < 0.6 ? 'fr' : 'en';
  const equipment = r() < 0.5 ? pick(r, EQUIPMENT) : null;
  const subject = pick(r, SUBJECTS[lang]);
  const sentences = 1 + Math.floor(r() * 3);
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++) parts.push(pick(r, DETAILS[lang]));
  if (equipment) parts.push(lang === 'fr' ? `Matériel : ${equipment[0]} ${equipment[1]}.` : `Device: ${equipment[0]} ${equipment[1]}.`);
  return { lang, subject, description: parts.join(' '), equipment };
}

export const agentReply = (r: () => number, lang: Lang) => pick(r, AGENT_REPLIES[lang]);
export const requesterReply = (r: () => number, lang: Lang) => pick(r, REQUESTER_REPLIES[lang]);
export const internalNote = (r: () => number, lang: Lang) => pick(r, NOTES[lang]);

/** Two-word searches an agent would type; each matches words present in the generated text. */
export const SEARCHES = ['imprimante réseau', 'vpn connexion', 'mot passe', 'printer offline', 'outlook email', 'écran noir', 'battery charging', 'lenteur reseau'];

export const FIRST_NAMES = ['Camille', 'Louis', 'Chloé', 'Hugo', 'Léa', 'Jules', 'Manon', 'Arthur', 'Emma', 'Noah', 'Sarah', 'Oliver', 'Amelia', 'Jack'];
export const LAST_NAMES = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Petit', 'Durand', 'Lefèvre', 'Smith', 'Jones', 'Taylor', 'Brown'];
