/**
 * Seeded data for the routing benchmark: a 50-skill catalogue, a team of agents with mixed skills and
 * availability, what tickets need, a hundred routing rules and the facts of arriving tickets. The same seed gives
 * the same data on every run and engine.
 */
import type { WorkingHours } from '../src/domain/routing/availability.js';
import type { AgentStatus } from '../src/domain/routing/ranking.js';
import type { RoutingFacts, RoutingRule } from '../src/domain/routing/rules.js';
import type { Level, Priority } from '../src/domain/priority.js';
import type { SkillKind } from '../src/domain/skills.js';
import type { Channel, Tier } from '../src/domain/ticket.js';
import { DEFAULT_SKILLS } from '../src/usecases/skills/default-skills.js';
import { EQUIPMENT, FIRST_NAMES, LAST_NAMES, pick, ticketText } from './corpus.js';

type CatalogueSkill = { kind: SkillKind; name_en: string; name_fr: string };
const domain = (name_en: string, name_fr = name_en): CatalogueSkill => ({ kind: 'domain', name_en, name_fr });
const brand = (name: string): CatalogueSkill => ({ kind: 'brand', name_en: name, name_fr: name });

/** The default catalogue (28) and 22 more a large desk adds: 50 skills, most common first. */
export const SKILLS: readonly CatalogueSkill[] = [
  ...DEFAULT_SKILLS,
  domain('Wi-Fi'), domain('VPN'), domain('Firewalls', 'Pare-feu'), domain('Microsoft 365'), domain('SharePoint'),
  domain('Cloud (Azure)', 'Cloud (Azure)'), domain('ERP'), domain('Payroll', 'Paie'), domain('Accounting', 'Comptabilité'),
  domain('CRM'), domain('Storage', 'Stockage'), domain('Monitoring', 'Supervision'),
  domain('Video conferencing', 'Visioconférence'), domain('Badge access', 'Contrôle d’accès'),
  domain('Hardware repair', 'Réparation matériel'), domain('Software deployment', 'Déploiement logiciel'),
  brand('Lexmark'), brand('Xerox'), brand('Juniper'), brand('Aruba'), brand('VMware'), brand('Logitech'),
];
if (SKILLS.length !== 50) throw new Error(`the catalogue has ${SKILLS.length} skills, not 50`);

/** Skill i is held and asked for with weight 1/(i+1)^0.8: Networking, Printing and Windows are common, Logitech rare. */
const WEIGHTS = SKILLS.map((_, i) => 1 / (i + 1) ** 0.8);

/** `k` distinct skill indexes, weighted by popularity. */
function drawSkills(r: () => number, k: number): number[] {
  const chosen = new Set<number>();
  const total = WEIGHTS.reduce((a, b) => a + b, 0);
  while (chosen.size < k) {
    let x = r() * total;
    let i = 0;
    while (x > WEIGHTS[i]! && i < WEIGHTS.length - 1) x -= WEIGHTS[i++]!;
    chosen.add(i);
  }
  return [...chosen];
}

const level = (r: () => number, p2: number, p3: number): Level => {
  const x = r();
  return x < p3 ? 3 : x < p3 + p2 ? 2 : 1;
};

export interface AgentSpec {
  name: string;
  email: string;
  tier: Tier;
  timeZone: string;
  skills: Array<{ skill: number; level: Level }>;
  status: AgentStatus;
  workingHours: WorkingHours | null;
  capacity: number | null;
  outOfOffice: { from: Date; until: Date } | null;
  /** For the in-memory ranking only (in the database, the load is what was assigned). */
  openTickets: number;
  lastAssignedAt: Date | null;
}

const weekdays = (iv: Array<{ start: string; end: string }>): WorkingHours =>
  ({ 1: iv, 2: iv, 3: iv, 4: iv, 5: iv, 6: [], 7: [] });
const OFFICE = weekdays([{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }]);
const LATE = weekdays([{ start: '12:00', end: '20:00' }]);

/**
 * `n` agents: each holds 3–8 skills at levels 1–3; 60 % online, 15 % away, 25 % offline; half without personal
 * hours, the others on an office or a late shift (Paris, or Montréal for one in ten); capacity 2–12 (none for one
 * in five); one in twenty out of office now. At `now` (a Monday 10:00 in Paris) the late shift is off.
 */
export function agentSpecs(n: number, r: () => number, now: Date): AgentSpec[] {
  return Array.from({ length: n }, (_, i) => {
    const hours = r();
    const status = r();
    const nSkills = 3 + Math.floor(r() * 6);
    const t = r();
    return {
      name: `${pick(r, FIRST_NAMES)} ${pick(r, LAST_NAMES)} ${String(i).padStart(4, '0')}`,
      email: `routing.agent${i}@relais.bench`,
      tier: t < 0.6 ? 'L1' : t < 0.9 ? 'L2' : 'L3',
      timeZone: r() < 0.9 ? 'Europe/Paris' : 'America/Montreal',
      skills: drawSkills(r, nSkills).map((skill) => ({ skill, level: level(r, 0.35, 0.15) })),
      status: status < 0.6 ? 'online' : status < 0.75 ? 'away' : 'offline',
      workingHours: hours < 0.5 ? null : hours < 0.8 ? OFFICE : LATE,
      capacity: r() < 0.2 ? null : 2 + Math.floor(r() * 11),
      outOfOffice: r() < 0.05 ? { from: new Date(now.getTime() - 86_400_000), until: new Date(now.getTime() + 7 * 86_400_000) } : null,
      openTickets: Math.floor(r() * 10),
      lastAssignedAt: r() < 0.3 ? null : new Date(now.getTime() - Math.floor(r() * 3 * 86_400_000)),
    };
  });
}

export interface Need {
  skills: Array<{ skill: number; level: Level }>;
  tier: Tier;
}

/** What a ticket asks for: no skill (25 %), one (35 %), two (25 %) or three (15 %); level 1 mostly; L1 mostly. */
export function needOf(r: () => number): Need {
  const x = r();
  const k = x < 0.25 ? 0 : x < 0.6 ? 1 : x < 0.85 ? 2 : 3;
  const t = r();
  return {
    skills: drawSkills(r, k).map((skill) => ({ skill, level: level(r, 0.3, 0.1) })),
    tier: t < 0.7 ? 'L1' : t < 0.95 ? 'L2' : 'L3',
  };
}

const KEYWORDS = [
  'imprimante', 'printer', 'bourrage', 'toner', 'cartouche', 'scanner', 'VPN', 'réseau', 'network', 'Wi-Fi', 'switch',
  'commutateur', 'routeur', 'pare-feu', 'firewall', 'mot de passe', 'password', 'compte verrouillé', 'locked out',
  'Outlook', 'courriel', 'email', 'boîte aux lettres', 'mailbox', 'écran', 'screen', 'batterie', 'battery', 'licence',
  'licence Office', 'OneDrive', 'SharePoint', 'Teams', 'certificat', 'certificate', 'antivirus', 'virus',
  'hameçonnage', 'phishing', 'sauvegarde', 'backup', 'téléphone', 'phone', 'casque', 'headset', 'clavier', 'keyboard',
  'badge', 'salle serveur', 'server room', 'ERP', 'paie', 'payroll', 'facturation', 'invoicing', 'comptabilité',
  'pilote', 'driver', 'mise à jour', 'update', 'Linux', 'macOS', 'iPhone', 'Android', 'visioconférence', 'webcam',
];
const BRANDS = [...new Set(EQUIPMENT.map(([b]) => b)), 'Xerox', 'Lexmark', 'Juniper', 'Aruba'];
const CHANNELS: readonly Channel[] = ['email', 'email', 'email', 'portal', 'portal', 'phone', 'chat', 'api'];
const PRIORITIES: readonly Priority[] = ['P1', 'P2', 'P3', 'P3', 'P3', 'P4'];

/** Ids of the facts' world: organizations and a two-level category tree (8 × 5). */
export interface RuleWorld {
  organizations: string[];
  categoryPaths: string[];
}

export function ruleWorld(newId: () => string): RuleWorld {
  const organizations = Array.from({ length: 60 }, () => newId());
  const categoryPaths = Array.from({ length: 8 }, () => newId()).flatMap((root) =>
    Array.from({ length: 5 }, () => `/${root}/${newId()}/`));
  return { organizations, categoryPaths };
}

/**
 * `n` rules as a desk orders them, the narrowest first: customer organizations, categories, urgent phone calls,
 * brands, then keyword rules (3–8 French and English words each), then the default rule with no conditions. One in
 * ten is inactive (a rule kept for later).
 */
export function routingRules(n: number, r: () => number, w: RuleWorld, newId: () => string): RoutingRule[] {
  const rules: RoutingRule[] = [];
  const add = (name: string, conditions: RoutingRule['conditions']) => rules.push({
    id: newId(), name, position: rules.length + 1, active: r() >= 0.1, conditions,
    outcome: { team_id: null, tier: null, required_skills: [], priority_adjust: r() < 0.1 ? 'raise' : null, tags: ['bench'] },
  });
  const body = n - 1;
  const counts = { org: Math.round(body * 0.2), category: Math.round(body * 0.2), phone: Math.round(body * 0.05), brand: Math.round(body * 0.15) };
  for (let i = 0; i < counts.org; i++) add(`Client ${i}`, { organization_ids: [pick(r, w.organizations), pick(r, w.organizations)] });
  for (let i = 0; i < counts.category; i++) add(`Catégorie ${i}`, { category_ids: [pick(r, w.categoryPaths).split('/')[2]!] });
  for (let i = 0; i < counts.phone; i++) add(`Appel urgent ${i}`, { channels: ['phone'], priorities: ['P1', 'P2'] });
  for (let i = 0; i < counts.brand; i++) add(`Marque ${i}`, { brands: [pick(r, BRANDS), pick(r, BRANDS)], ...(r() < 0.5 ? { keywords: [pick(r, KEYWORDS), pick(r, KEYWORDS)] } : {}) });
  while (rules.length < body) {
    const words = new Set(Array.from({ length: 3 + Math.floor(r() * 6) }, () => pick(r, KEYWORDS)));
    add(`Mots-clés ${rules.length}`, { keywords: [...words] });
  }
  rules.push({
    id: newId(), name: 'Default', position: rules.length + 1, active: true, conditions: {},
    outcome: { team_id: null, tier: 'L1', required_skills: [], priority_adjust: null, tags: [] },
  });
  return rules;
}

/** An arriving ticket's facts: French or English text from the corpus, an equipment brand half the time. */
export function routingFacts(r: () => number, w: RuleWorld): RoutingFacts {
  const text = ticketText(r);
  return {
    channel: pick(r, CHANNELS),
    categoryPath: r() < 0.3 ? pick(r, w.categoryPaths) : null,
    organizationId: r() < 0.8 ? pick(r, w.organizations) : null,
    subject: text.subject,
    description: text.description,
    equipmentBrand: text.equipment?.[0] ?? null,
    priority: pick(r, PRIORITIES),
  };
}
