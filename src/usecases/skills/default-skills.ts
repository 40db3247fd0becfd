import type { SkillKind } from '../../domain/skills.js';
import { insertAudit } from '../../store/audit.js';
import { claimOnce } from '../../store/settings.js';
import { countSkills, insertSkill } from '../../store/skills.js';
import type { Deps } from '../deps.js';

const domain = <N extends string>(name_en: N, name_fr: string = name_en) => ({ kind: 'domain' as SkillKind, name_en, name_fr });
const brand = <N extends string>(name: N) => ({ kind: 'brand' as SkillKind, name_en: name, name_fr: name as string });
const BRANDS = ['Cisco', 'Dell', 'HP', 'Lenovo', 'Apple', 'Canon', 'Microsoft', 'Fortinet', 'Brother', 'Epson', 'Ubiquiti', 'Samsung'] as const;

/** The domains a service desk works in and the equipment brands it meets most, in English and French. */
export const DEFAULT_SKILLS = [
  domain('Networking', 'Réseau'),
  domain('Printing', 'Impression'),
  domain('Windows'),
  domain('Linux'),
  domain('macOS'),
  domain('Active Directory'),
  domain('Databases (SQL)', 'Bases de données (SQL)'),
  domain('Business applications', 'Applications métier'),
  domain('Email and collaboration', 'Messagerie et collaboration'),
  domain('Telephony', 'Téléphonie'),
  domain('Security', 'Sécurité'),
  domain('Backup', 'Sauvegarde'),
  domain('Virtualization', 'Virtualisation'),
  domain('APIs and integrations', 'API et intégrations'),
  domain('Scripting', 'Scripts'),
  domain('Mobile devices', 'Appareils mobiles'),
  ...BRANDS.map((b) => brand(b)),
];

/** A default skill's English name (the demo data and tests refer to skills by it). */
export type DefaultSkillName = (typeof DEFAULT_SKILLS)[number]['name_en'];

const CLAIM_KEY = 'bootstrap.default_skills';

/**
 * Fills the skill catalogue the first time a database is started, unless it already has skills (a restored
 * database, or one migrated from free skill names). Runs once per database: skills an administrator later
 * renames or deletes stay as they left them. Returns how many skills were created.
 */
export async function ensureDefaultSkills(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  return deps.db.tx(async (sql) => {
    if (!(await claimOnce(sql, CLAIM_KEY, now))) return 0;
    if ((await countSkills(sql)) > 0) return 0;
    for (const s of DEFAULT_SKILLS) await insertSkill(sql, { id: deps.newId(), ...s, active: true }, now);
    await insertAudit(sql, {
      id: deps.newId(), at: now, actorKind: 'system', actorId: null, action: 'skill.defaults_created', targetKind: 'skill',
      targetId: null, data: { count: DEFAULT_SKILLS.length, reason: 'default skill catalogue of a new help desk' },
    });
    return DEFAULT_SKILLS.length;
  });
}
