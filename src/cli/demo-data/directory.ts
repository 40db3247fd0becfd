/**
 * The people and structure of the demo service desk: a French IT support provider with an English-speaking
 * customer. Names are invented; addresses use the reserved .example domain so no mail can ever leave.
 */
import type { AgentRole } from '../../domain/principal.js';
import type { Tier } from '../../domain/ticket.js';
import { DEFAULT_TEAMS } from '../../usecases/admin/default-teams.js';

/** Every demo account signs in with this password (shown by `relais seed-demo` and `serve --demo`). */
export const DEMO_PASSWORD = 'relais-demo-2026';

/** The demo uses the default teams every new help desk starts with. */
export const TEAMS = DEFAULT_TEAMS;
export type TeamKey = keyof typeof TEAMS;

export interface DemoAgent {
  key: string;
  name: string;
  role: AgentRole;
  tier: Tier;
  language: 'fr' | 'en';
  teams: readonly TeamKey[];
}

const agent = (name: string, role: AgentRole, tier: Tier, teams: TeamKey[], language: 'fr' | 'en' = 'fr'): DemoAgent => ({
  key: name.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z]+/g, '.'),
  name,
  role,
  tier,
  language,
  teams,
});

/** The first one is the administrator; the demo sign-ins show it, the first manager and the first L1 agent. */
export const AGENTS: readonly DemoAgent[] = [
  agent('Claire Martin', 'admin', 'L3', ['l1', 'infra']),
  agent('Julien Moreau', 'manager', 'L2', ['l1', 'apps']),
  agent('Sarah Thompson', 'manager', 'L2', ['network', 'infra'], 'en'),
  agent('Léa Dubois', 'agent', 'L1', ['l1']),
  agent('Thomas Petit', 'agent', 'L1', ['l1']),
  agent('Camille Roux', 'agent', 'L1', ['l1']),
  agent('Hugo Lefèvre', 'agent', 'L1', ['l1']),
  agent('Emma Wilson', 'agent', 'L1', ['l1'], 'en'),
  agent('Nicolas Garnier', 'agent', 'L2', ['apps']),
  agent('Inès Benali', 'agent', 'L2', ['apps']),
  agent('Antoine Girard', 'agent', 'L2', ['network']),
  agent('David Clarke', 'agent', 'L2', ['network'], 'en'),
  agent('Manon Faure', 'agent', 'L2', ['infra']),
  agent('Mathieu Chevalier', 'agent', 'L3', ['eng']),
  agent('Sophie Lambert', 'agent', 'L3', ['eng', 'infra']),
  agent('Karim Haddad', 'agent', 'L3', ['eng', 'network']),
];

export const AGENT_DOMAIN = 'servicedesk.example';
export const agentEmail = (a: DemoAgent): string => `${a.key}@${AGENT_DOMAIN}`;

export interface DemoOrganization {
  key: string;
  name: string;
  domain: string;
  /** Members see each other's tickets (the organization shares its tickets). */
  shares: boolean;
  requesters: number;
  language: 'fr' | 'en';
  /** Prefix of the organization's machine names (PC-VIL-0412). */
  code: string;
}

export const ORGANIZATIONS: readonly DemoOrganization[] = [
  { key: 'villeurbanne', name: 'Mairie de Villeurbanne', domain: 'mairie-villeurbanne.example', shares: true, requesters: 22, language: 'fr', code: 'VIL' },
  { key: 'saint-roch', name: 'Clinique Saint-Roch', domain: 'clinique-saint-roch.example', shares: false, requesters: 20, language: 'fr', code: 'CSR' },
  { key: 'rhone-express', name: 'Transports Rhône Express', domain: 'rhone-express.example', shares: true, requesters: 16, language: 'fr', code: 'TRE' },
  { key: 'durand', name: 'Cabinet Durand & Associés', domain: 'cabinet-durand.example', shares: true, requesters: 10, language: 'fr', code: 'CDA' },
  { key: 'jean-moulin', name: 'Lycée Jean-Moulin', domain: 'lycee-jean-moulin.example', shares: false, requesters: 14, language: 'fr', code: 'LJM' },
  { key: 'northwind', name: 'Northwind Logistics UK', domain: 'northwind-logistics.example', shares: false, requesters: 12, language: 'en', code: 'NWL' },
];

/** Requesters without an organization (freelancers, partners) write from personal addresses. */
export const INDEPENDENT_REQUESTERS = 6;
export const INDEPENDENT_DOMAIN = 'mail.example';

export const FRENCH_FIRST_NAMES = [
  'Alice', 'Antoine', 'Arthur', 'Aurélie', 'Baptiste', 'Bernard', 'Cécile', 'Chloé', 'Christophe', 'Damien',
  'Élodie', 'Émilie', 'Fabien', 'Florence', 'François', 'Gaëlle', 'Guillaume', 'Hélène', 'Isabelle', 'Jacques',
  'Jérôme', 'Julie', 'Laurent', 'Lucas', 'Lucie', 'Marc', 'Marie', 'Mathilde', 'Maxime', 'Nathalie',
  'Olivier', 'Pascal', 'Patricia', 'Pauline', 'Philippe', 'Pierre', 'Romain', 'Sandrine', 'Sébastien', 'Sylvie',
  'Valérie', 'Vincent', 'Yasmine', 'Zoé', 'Mehdi', 'Fatima', 'Nadia', 'Rachid', 'Thi Mai', 'Kevin',
];

export const FRENCH_LAST_NAMES = [
  'Bernard', 'Blanc', 'Bonnet', 'Boyer', 'Brun', 'Caron', 'Clément', 'Colin', 'David', 'Denis',
  'Durand', 'Fontaine', 'Fournier', 'Gauthier', 'Gautier', 'Guerin', 'Henry', 'Joly', 'Lambert', 'Laurent',
  'Leroy', 'Lopez', 'Marchand', 'Masson', 'Mercier', 'Michel', 'Morel', 'Muller', 'Nguyen', 'Perrin',
  'Picard', 'Renaud', 'Richard', 'Robin', 'Rousseau', 'Roussel', 'Simon', 'Vidal', 'Vincent', 'Bouvier',
];

export const ENGLISH_FIRST_NAMES = ['Oliver', 'Amelia', 'Harry', 'Isla', 'George', 'Ava', 'Jack', 'Grace', 'Charlie', 'Sophie', 'James', 'Emily', 'Daniel', 'Chloe'];
export const ENGLISH_LAST_NAMES = ['Smith', 'Jones', 'Taylor', 'Brown', 'Evans', 'Walker', 'Wright', 'Hughes', 'Green', 'Hall', 'Wood', 'Harris', 'Clarke', 'Turner'];

/** The category tree, by key; a key with a slash sits under the key before it. */
export const CATEGORIES: ReadonlyArray<{ key: string; fr: string; en: string }> = [
  { key: 'network', fr: 'Réseau', en: 'Network' },
  { key: 'network/vpn', fr: 'VPN', en: 'VPN' },
  { key: 'network/wifi', fr: 'Wi-Fi', en: 'Wi-Fi' },
  { key: 'network/lan', fr: 'Câblage et commutateurs', en: 'Cabling and switches' },
  { key: 'printing', fr: 'Impression', en: 'Printing' },
  { key: 'workstations', fr: 'Postes de travail', en: 'Workstations' },
  { key: 'workstations/windows', fr: 'Windows', en: 'Windows' },
  { key: 'workstations/linux', fr: 'Linux', en: 'Linux' },
  { key: 'workstations/hardware', fr: 'Matériel', en: 'Hardware' },
  { key: 'accounts', fr: 'Comptes et accès', en: 'Accounts and access' },
  { key: 'accounts/password', fr: 'Mots de passe', en: 'Passwords' },
  { key: 'accounts/rights', fr: 'Droits d’accès', en: 'Access rights' },
  { key: 'email', fr: 'Messagerie', en: 'Email' },
  { key: 'telephony', fr: 'Téléphonie', en: 'Telephony' },
  { key: 'business-apps', fr: 'Applications métier', en: 'Business applications' },
  { key: 'business-apps/erp', fr: 'ERP et comptabilité', en: 'ERP and accounting' },
  { key: 'business-apps/hr', fr: 'Paie et RH', en: 'Payroll and HR' },
  { key: 'business-apps/patient', fr: 'Dossier patient', en: 'Patient records' },
  { key: 'servers', fr: 'Serveurs et stockage', en: 'Servers and storage' },
];
